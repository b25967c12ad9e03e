// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Sb::Crypto {

/**
 * Bytes that scrub themselves: private keys, passphrases, access tokens. Move-only; the
 * buffer is cleansed (OPENSSL_cleanse) on destruction, clear() and move-from. There is no
 * implicit conversion to QByteArray: exposeForApi() is the one, easy-to-grep exit, and
 * whatever the caller does with that copy is the caller's responsibility.
 */
class SecureBytes final
{
public:
    SecureBytes() = default;
    explicit SecureBytes(QByteArrayView bytes);
    /** Takes @p bytes and cleanses the caller's buffer (detaching it first). */
    static SecureBytes takeFrom(QByteArray &bytes);
    ~SecureBytes();

    SecureBytes(SecureBytes &&other) noexcept;
    SecureBytes &operator=(SecureBytes &&other) noexcept;
    SecureBytes(const SecureBytes &) = delete;
    SecureBytes &operator=(const SecureBytes &) = delete;

    [[nodiscard]] SecureBytes clone() const { return SecureBytes(view()); }
    [[nodiscard]] bool isEmpty() const { return m_bytes.isEmpty(); }
    [[nodiscard]] qsizetype size() const { return m_bytes.size(); }
    [[nodiscard]] const char *constData() const { return m_bytes.constData(); }
    [[nodiscard]] QByteArrayView view() const { return QByteArrayView(m_bytes); }
    /** A plain copy for an API that needs QByteArray. Grep for this name in reviews. */
    [[nodiscard]] QByteArray exposeForApi() const { return m_bytes; }
    void append(QByteArrayView bytes);
    void clear();

private:
    QByteArray m_bytes;
};

/** Cleanses a buffer that held a secret (detaches first so a shared copy is not left). */
void cleanse(QByteArray &bytes);

/** Constant-time equality (CRYPTO_memcmp) for MACs, signatures and tokens; sizes may differ. */
[[nodiscard]] bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

/** Bytes from the OpenSSL CSPRNG (RAND_bytes). Aborts on RNG failure: there is no fallback. */
[[nodiscard]] QByteArray randomBytes(qsizetype count);

/** A random RFC 4122 version-4 UUID, lowercase, with hyphens (for jti and idempotency keys). */
[[nodiscard]] QString randomUuid();

enum class Digest { Sha1, Sha256, Sha384, Sha512 };

/** One-shot hash through OpenSSL. */
[[nodiscard]] QByteArray hash(Digest digest, QByteArrayView data);

/** One-shot HMAC through OpenSSL. */
[[nodiscard]] QByteArray hmac(Digest digest, QByteArrayView key, QByteArrayView data);

} // namespace Sb::Crypto
