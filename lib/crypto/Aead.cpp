// SPDX-License-Identifier: MIT
#include "crypto/Aead.h"

#include "crypto/KeyAccess.h"
#include "crypto/OpenSslInternal.h"

#include <limits>
#include <memory>

#include <openssl/evp.h>

namespace Sb::Crypto {

namespace {

using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

bool argumentsOk(QByteArrayView key, QByteArrayView nonce, qsizetype dataSize)
{
    return key.size() == ChaChaKeySize && nonce.size() == ChaChaNonceSize && dataSize >= 0
           && dataSize < std::numeric_limits<int>::max() - 64;
}

} // namespace

Result<QByteArray> chaCha20Poly1305Seal(QByteArrayView key, QByteArrayView nonce,
                                        QByteArrayView plaintext, QByteArrayView aad)
{
    if (!argumentsOk(key, nonce, plaintext.size())
        || aad.size() > std::numeric_limits<int>::max()) {
        return failure(CryptoError::Code::InvalidArgument,
                       Tr::tr("ChaCha20-Poly1305 needs a 32-byte key and a 12-byte nonce."));
    }
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    QByteArray out(plaintext.size() + Poly1305TagSize, Qt::Uninitialized);
    auto *outBytes = reinterpret_cast<unsigned char *>(out.data());
    int written = 0;
    int finalWritten = 0;
    if (!ctx
        || EVP_EncryptInit_ex(ctx.get(), EVP_chacha20_poly1305(), nullptr, bytesOf(key),
                              bytesOf(nonce))
               != 1
        || (!aad.isEmpty()
            && EVP_EncryptUpdate(ctx.get(), nullptr, &written, bytesOf(aad), int(aad.size())) != 1)
        || (!plaintext.isEmpty()
            && EVP_EncryptUpdate(ctx.get(), outBytes, &written, bytesOf(plaintext),
                                 int(plaintext.size()))
                   != 1)
        || EVP_EncryptFinal_ex(ctx.get(), outBytes + (plaintext.isEmpty() ? 0 : written),
                               &finalWritten)
               != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, int(Poly1305TagSize),
                               outBytes + plaintext.size())
               != 1) {
        return failure(CryptoError::Code::Internal,
                       Tr::tr("Internal cryptography error while encrypting (ChaCha20-Poly1305)."));
    }
    return out;
}

Result<SecureBytes> chaCha20Poly1305Open(QByteArrayView key, QByteArrayView nonce,
                                         QByteArrayView sealed, QByteArrayView aad)
{
    if (!argumentsOk(key, nonce, sealed.size()) || aad.size() > std::numeric_limits<int>::max()) {
        return failure(CryptoError::Code::InvalidArgument,
                       Tr::tr("ChaCha20-Poly1305 needs a 32-byte key and a 12-byte nonce."));
    }
    if (sealed.size() < Poly1305TagSize) {
        return failure(CryptoError::Code::SignatureInvalid,
                       Tr::tr("Authentication failed: the data is too short."));
    }
    const qsizetype cipherSize = sealed.size() - Poly1305TagSize;
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    QByteArray plain(cipherSize, Qt::Uninitialized);
    auto *plainBytes = reinterpret_cast<unsigned char *>(plain.data());
    QByteArray tag = sealed.sliced(cipherSize).toByteArray();
    int written = 0;
    int finalWritten = 0;
    if (!ctx
        || EVP_DecryptInit_ex(ctx.get(), EVP_chacha20_poly1305(), nullptr, bytesOf(key),
                              bytesOf(nonce))
               != 1
        || (!aad.isEmpty()
            && EVP_DecryptUpdate(ctx.get(), nullptr, &written, bytesOf(aad), int(aad.size())) != 1)
        || (cipherSize > 0
            && EVP_DecryptUpdate(ctx.get(), plainBytes, &written, bytesOf(sealed), int(cipherSize))
                   != 1)
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, int(Poly1305TagSize), tag.data())
               != 1) {
        cleanse(plain);
        return failure(CryptoError::Code::Internal,
                       Tr::tr("Internal cryptography error while decrypting (ChaCha20-Poly1305)."));
    }
    if (EVP_DecryptFinal_ex(ctx.get(), plainBytes + (cipherSize > 0 ? written : 0), &finalWritten)
        != 1) {
        cleanse(plain);
        return failure(CryptoError::Code::SignatureInvalid,
                       Tr::tr("Authentication failed: wrong key or damaged data."));
    }
    return SecureBytes::takeFrom(plain);
}

} // namespace Sb::Crypto
