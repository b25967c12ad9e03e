// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

namespace Sb::Crypto {

/** Why a crypto operation failed. Messages say what to do; they never quote key material. */
struct CryptoError
{
    enum class Code {
        FileNotFound,           ///< no such file
        NotRegularFile,         ///< a directory, FIFO, device or socket
        FileTooLarge,           ///< over the 1 MiB cap for keys and certificates
        NotPem,                 ///< no PEM block and not DER either
        IsCertificate,          ///< a certificate where a private key was expected
        IsPublicKey,            ///< a public key where a private key was expected
        IsPrivateKey,           ///< a private key where a certificate was expected
        OpenSshKey,             ///< "BEGIN OPENSSH PRIVATE KEY": needs conversion
        PuttyKey,               ///< PuTTY .ppk
        Pkcs12,                 ///< a .p12/.pfx container
        NeedsPassphrase,        ///< the key is encrypted and no passphrase was given
        WrongPassphrase,        ///< wrong passphrase or damaged key (one message for both)
        KdfTooCostly,           ///< the file asks for more KDF work than we allow
        Malformed,              ///< damaged PEM/DER/ASN.1
        UnsupportedKey,         ///< a key type or curve we do not sign with (Ed25519, secp256k1…)
        UnsupportedAlgorithm,   ///< an algorithm name we do not know
        AlgorithmKeyMismatch,   ///< the algorithm is outside the key's family
        BadSignatureEncoding,   ///< e.g. an ES256 signature that is not exactly 64 bytes
        SignatureInvalid,       ///< the signature does not verify
        CertificateKeyMismatch, ///< the certificate belongs to another key
        InvalidArgument,        ///< a caller's parameter out of range (days, bits…)
        Internal,               ///< OpenSSL failed where it should not; message names the step
    };
    Code code{};
    QString message;
};

template<typename T>
using Result = Core::Result<T, CryptoError>;

} // namespace Sb::Crypto
