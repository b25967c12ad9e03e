// SPDX-License-Identifier: MIT
#include "crypto/SecureBytes.h"

#include "crypto/OpenSslInternal.h"

#include <QLoggingCategory>
#include <QUuid>

#include <algorithm>
#include <cstdlib>
#include <limits>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace Sb::Crypto {

namespace {

Q_LOGGING_CATEGORY(lcSecureBytes, "sb.crypto.bytes")

const EVP_MD *evpDigest(Digest digest)
{
    switch (digest) {
    case Digest::Sha1:
        return EVP_sha1();
    case Digest::Sha256:
        return EVP_sha256();
    case Digest::Sha384:
        return EVP_sha384();
    case Digest::Sha512:
        return EVP_sha512();
    }
    return nullptr;
}

const char *digestName(Digest digest)
{
    switch (digest) {
    case Digest::Sha1:
        return "SHA1";
    case Digest::Sha256:
        return "SHA256";
    case Digest::Sha384:
        return "SHA384";
    case Digest::Sha512:
        return "SHA512";
    }
    return "";
}

} // namespace

void cleanse(QByteArray &bytes)
{
    if (bytes.isEmpty()) {
        return;
    }
    // Detach first: if the buffer is shared we can only scrub our own copy, and scrubbing
    // the shared one would corrupt the other holder's data.
    bytes.detach();
    OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
}

SecureBytes::SecureBytes(QByteArrayView bytes)
    : m_bytes(bytes.data(), bytes.size())
{}

SecureBytes SecureBytes::takeFrom(QByteArray &bytes)
{
    SecureBytes result;
    if (bytes.isDetached()) {
        // Sole owner: take the buffer itself, so no unscrubbed copy exists anywhere.
        result.m_bytes = std::move(bytes);
        bytes = QByteArray();
    } else {
        result.m_bytes = QByteArray(bytes.constData(), bytes.size());
        cleanse(bytes);
        bytes.clear();
    }
    return result;
}

SecureBytes::~SecureBytes()
{
    cleanse(m_bytes);
}

SecureBytes::SecureBytes(SecureBytes &&other) noexcept
    : m_bytes(std::move(other.m_bytes))
{
    other.m_bytes = QByteArray();
}

SecureBytes &SecureBytes::operator=(SecureBytes &&other) noexcept
{
    if (this != &other) {
        cleanse(m_bytes);
        m_bytes = std::move(other.m_bytes);
        other.m_bytes = QByteArray();
    }
    return *this;
}

void SecureBytes::append(QByteArrayView bytes)
{
    if (bytes.isEmpty()) {
        return;
    }
    // Grow into a fresh buffer and scrub the old one: QByteArray's own reallocation would
    // leave the previous contents in freed memory.
    QByteArray grown(m_bytes.size() + bytes.size(), Qt::Uninitialized);
    std::copy(m_bytes.cbegin(), m_bytes.cend(), grown.begin());
    std::copy(bytes.begin(), bytes.end(), grown.begin() + m_bytes.size());
    cleanse(m_bytes);
    m_bytes = std::move(grown);
}

void SecureBytes::clear()
{
    cleanse(m_bytes);
    m_bytes = QByteArray();
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // Lengths are not secret (a signature or MAC size is public); contents are compared
    // without an early exit over the common length.
    const size_t common = static_cast<size_t>(std::min(a.size(), b.size()));
    const int diff = common == 0 ? 0 : CRYPTO_memcmp(a.data(), b.data(), common);
    return (a.size() == b.size()) & (diff == 0);
}

QByteArray randomBytes(qsizetype count)
{
    if (count <= 0) {
        return {};
    }
    QByteArray out(count, Qt::Uninitialized);
    auto *data = reinterpret_cast<unsigned char *>(out.data());
    qsizetype done = 0;
    while (done < count) {
        const int chunk
            = static_cast<int>(std::min<qsizetype>(count - done, std::numeric_limits<int>::max()));
        if (RAND_bytes(data + done, chunk) != 1) {
            // No fallback on purpose: predictable "random" bytes would silently break every
            // jti, salt and serial number. Stop instead.
            qCCritical(lcSecureBytes, "The OpenSSL random generator failed; stopping.");
            std::abort();
        }
        done += chunk;
    }
    return out;
}

QString randomUuid()
{
    QByteArray bytes = randomBytes(16);
    bytes[6] = static_cast<char>((bytes[6] & 0x0F) | 0x40); // version 4
    bytes[8] = static_cast<char>((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

QByteArray hash(Digest digest, QByteArrayView data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outLength = 0;
    if (EVP_Digest(data.data(), static_cast<size_t>(data.size()), out, &outLength,
                   evpDigest(digest), nullptr)
        != 1) {
        qCWarning(lcSecureBytes, "EVP_Digest failed");
        return {};
    }
    return QByteArray(reinterpret_cast<const char *>(out), static_cast<qsizetype>(outLength));
}

QByteArray hmac(Digest digest, QByteArrayView key, QByteArrayView data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t outLength = 0;
    // An empty HMAC key is legal (RFC 2104); still never hand OpenSSL a null key pointer.
    static const unsigned char emptyKey[1] = {0};
    const unsigned char *keyBytes = key.isEmpty() ? emptyKey : bytesOf(key);
    if (EVP_Q_mac(nullptr, "HMAC", nullptr, digestName(digest), nullptr, keyBytes,
                  static_cast<size_t>(key.size()), bytesOf(data), static_cast<size_t>(data.size()),
                  out, sizeof out, &outLength)
        == nullptr) {
        qCWarning(lcSecureBytes, "HMAC failed");
        return {};
    }
    QByteArray result(reinterpret_cast<const char *>(out), static_cast<qsizetype>(outLength));
    OPENSSL_cleanse(out, sizeof out);
    return result;
}

} // namespace Sb::Crypto
