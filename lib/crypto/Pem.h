// SPDX-License-Identifier: MIT
// Internal to lib/crypto: a forgiving PEM scanner shared by the key and certificate loaders.
// Not installed and not part of the public contract; it never includes OpenSSL.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace Sb::Crypto::Pem {

/**
 * One "-----BEGIN <label>-----" … "-----END <label>-----" block. The body may hold key
 * material, so a Block cleanses its buffers when destroyed.
 */
struct Block
{
    QByteArray label;     ///< e.g. "PRIVATE KEY", "CERTIFICATE"
    QByteArray headers;   ///< RFC 1421 header lines ("Proc-Type: 4,ENCRYPTED\nDEK-Info: …\n")
    QByteArray base64;    ///< the body with all whitespace removed
    bool complete = true; ///< false when the END line is missing

    Block() = default;
    Block(const Block &) = default;
    Block(Block &&) noexcept = default;
    Block &operator=(const Block &) = default;
    Block &operator=(Block &&) noexcept = default;
    ~Block();

    /** True for the legacy OpenSSL encryption header (`Proc-Type: 4,ENCRYPTED`). */
    [[nodiscard]] bool isLegacyEncrypted() const;
    /** The body decoded from base64; empty when the body is not valid base64. */
    [[nodiscard]] QByteArray der() const;
    /** A canonical PEM text (LF line ends, 64-column body) that OpenSSL's PEM reader accepts. */
    [[nodiscard]] QByteArray canonicalText() const;
};

/** True when @p data contains a PEM BEGIN line (after normalize()). */
[[nodiscard]] bool containsPem(QByteArrayView data);

/**
 * Undoes the usual damage done to PEM text on its way to us: a UTF-8 or UTF-16 byte order
 * mark, UTF-16 encoding, CRLF or CR line ends, and literal "\n" escapes from a JSON export
 * (a base64 body never contains a backslash, so the replacement cannot corrupt it).
 */
[[nodiscard]] QByteArray normalize(QByteArrayView data);

/** Every PEM block in already-normalised text, in file order. */
[[nodiscard]] QList<Block> blocks(QByteArrayView normalizedText);

/** True for the labels OpenSSL uses for certificates. */
[[nodiscard]] bool isCertificateLabel(QByteArrayView label);
/** True for private-key labels we hand to OpenSSL's key readers. */
[[nodiscard]] bool isPrivateKeyLabel(QByteArrayView label);
/** True for public-key labels ("PUBLIC KEY", "RSA PUBLIC KEY"). */
[[nodiscard]] bool isPublicKeyLabel(QByteArrayView label);

} // namespace Sb::Crypto::Pem
