// SPDX-License-Identifier: MIT
// Internal to lib/crypto: the bridge between the public key classes and OpenSSL's EVP_PKEY.
// It only forward-declares the OpenSSL type, so no OpenSSL header leaks through it.
#pragma once

#include "crypto/Keys.h"

#include <QCoreApplication>

struct evp_pkey_st; // OpenSSL's EVP_PKEY

namespace Sb::Crypto {

/** Translation context for lib/crypto's user-facing messages. */
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Crypto)
};

/** Friend of PrivateKey and PublicKey: wraps, unwraps and describes EVP_PKEY handles. */
class KeyAccess final
{
public:
    /** Takes ownership of @p pkey (a key pair). */
    [[nodiscard]] static PrivateKey adoptPrivate(evp_pkey_st *pkey);
    /** Takes ownership of @p pkey (public components only are used). */
    [[nodiscard]] static PublicKey adoptPublic(evp_pkey_st *pkey);

    [[nodiscard]] static evp_pkey_st *handle(const PrivateKey &key);
    [[nodiscard]] static evp_pkey_st *handle(const PublicKey &key);

    /** The KeyInfo computed once when the key was wrapped (a default one for a null key). */
    [[nodiscard]] static const KeyInfo &info(const PrivateKey &key);
    [[nodiscard]] static const KeyInfo &info(const PublicKey &key);

    /** Reads type, size, curve and RSA-PSS restrictions from an OpenSSL key. */
    [[nodiscard]] static KeyInfo describe(const evp_pkey_st *pkey, bool hasPrivate);
};

} // namespace Sb::Crypto
