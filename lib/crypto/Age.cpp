// SPDX-License-Identifier: MIT
// age v1 with a scrypt recipient, written from the C2SP specification (age.md):
//   header  = "age-encryption.org/v1\n" "-> scrypt <salt> <logN>\n" <body lines> "--- <mac>\n"
//   payload = 16-byte nonce || STREAM(ChaCha20-Poly1305, 64 KiB chunks)
// No OpenSSL here: the primitives come from Kdf.h, Aead.h and SecureBytes.h.
#include "crypto/Age.h"

#include "crypto/Aead.h"
#include "crypto/Kdf.h"
#include "crypto/KeyAccess.h"

#include <QList>

namespace Sb::Crypto::Age {

namespace {

constexpr QByteArrayView Intro = "age-encryption.org/v1\n";
constexpr QByteArrayView ScryptLabel = "age-encryption.org/v1/scrypt";
constexpr qsizetype FileKeySize = 16;
constexpr qsizetype SaltSize = 16;
constexpr qsizetype PayloadNonceSize = 16;
constexpr qsizetype ChunkSize = 64 * 1024;
constexpr qsizetype ColumnsPerLine = 64;
constexpr qsizetype BytesPerLine = ColumnsPerLine / 4 * 3;
constexpr qsizetype MaxHeaderSize = 16 * 1024;

tl::unexpected<AgeError> failure(AgeError::Code code, const QString &message)
{
    return Core::fail<AgeError>(code, message);
}

tl::unexpected<AgeError> malformed(const QString &what)
{
    return failure(AgeError::Code::Malformed,
                   Tr::tr("This is not a valid age file (%1).").arg(what));
}

tl::unexpected<AgeError> wrongPassphrase()
{
    return failure(AgeError::Code::WrongPassphrase, Tr::tr("Wrong passphrase or damaged file."));
}

QByteArray encodeBase64(QByteArrayView bytes)
{
    return bytes.toByteArray().toBase64(QByteArray::Base64Encoding
                                        | QByteArray::OmitTrailingEquals);
}

// Strict, canonical, unpadded standard base64 (the spec forbids padding and non-canonical
// trailing bits): decode, re-encode and compare.
bool decodeBase64(QByteArrayView text, QByteArray &out)
{
    for (const char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || c == '+' || c == '/';
        if (!ok) {
            return false;
        }
    }
    if (text.size() % 4 == 1) {
        return false;
    }
    auto decoded = QByteArray::fromBase64Encoding(
        text.toByteArray(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || encodeBase64(*decoded) != text) {
        return false;
    }
    out = std::move(*decoded);
    return true;
}

Result<SecureBytes> derive(QByteArrayView ikm, QByteArrayView salt, QByteArrayView info)
{
    auto key = hkdfSha256(ikm, salt, info, 32);
    if (!key) {
        return failure(AgeError::Code::Internal, key.error().message);
    }
    return std::move(*key);
}

Result<SecureBytes> scryptKey(const SecureBytes &passphrase, QByteArrayView salt, int logN)
{
    QByteArray fullSalt = ScryptLabel.toByteArray() + salt.toByteArray();
    auto key = scrypt(passphrase.view(), fullSalt, quint64{1} << logN, 8, 1, 32);
    if (!key) {
        return failure(AgeError::Code::Internal, key.error().message);
    }
    return std::move(*key);
}

QByteArray streamNonce(quint64 counter, bool last)
{
    QByteArray nonce(ChaChaNonceSize, '\0');
    for (int i = 0; i < 8; ++i) {
        nonce[10 - i] = char((counter >> (8 * i)) & 0xff);
    }
    nonce[11] = last ? '\1' : '\0';
    return nonce;
}

struct Header
{
    QByteArray salt;
    int logN = 0;
    QByteArray body;
    QByteArray macInput; // everything up to and including "---"
    QByteArray mac;
    qsizetype payloadOffset = 0;
};

Result<Header> parseHeader(QByteArrayView file)
{
    if (!file.startsWith(Intro)) {
        return failure(AgeError::Code::NotAge,
                       Tr::tr("This is not an age-encrypted file (binary age v1 expected)."));
    }
    Header header;
    qsizetype pos = Intro.size();
    const auto nextLine = [&](QByteArrayView &line) {
        const qsizetype end = file.indexOf('\n', pos);
        if (end < 0 || end > MaxHeaderSize) {
            return false;
        }
        line = file.sliced(pos, end - pos);
        pos = end + 1;
        return true;
    };
    QByteArrayView line;
    int stanzas = 0;
    while (true) {
        if (!nextLine(line)) {
            return malformed(QStringLiteral("the header does not end"));
        }
        if (line.startsWith("---")) {
            const QList<QByteArray> parts = line.toByteArray().split(' ');
            if (parts.size() != 2 || parts.at(0) != "---" || !decodeBase64(parts.at(1), header.mac)
                || header.mac.size() != 32) {
                return malformed(QStringLiteral("bad MAC line"));
            }
            header.macInput = file.first(pos - 1 - 1 - parts.at(1).size()).toByteArray();
            break;
        }
        if (!line.startsWith("->")) {
            return malformed(QStringLiteral("unexpected header line"));
        }
        const QList<QByteArray> parts = line.toByteArray().split(' ');
        if (parts.size() < 2 || parts.at(0) != "->") {
            return malformed(QStringLiteral("bad stanza line"));
        }
        for (qsizetype i = 1; i < parts.size(); ++i) {
            if (parts.at(i).isEmpty()) {
                return malformed(QStringLiteral("empty stanza argument"));
            }
            for (const char c : parts.at(i)) {
                if (c < 33 || c > 126) {
                    return malformed(QStringLiteral("bad character in a stanza"));
                }
            }
        }
        ++stanzas;
        if (parts.at(1) != "scrypt") {
            return failure(AgeError::Code::NotPassphrase,
                           Tr::tr("This age file is encrypted to a key, not to a passphrase; "
                                  "open it with age and the matching identity."));
        }
        if (stanzas > 1) {
            return failure(AgeError::Code::NotPassphrase,
                           Tr::tr("This age file has more than one recipient; a passphrase "
                                  "stanza must be the only one."));
        }
        if (parts.size() != 4 || !decodeBase64(parts.at(2), header.salt)
            || header.salt.size() != SaltSize) {
            return malformed(QStringLiteral("bad scrypt stanza"));
        }
        const QByteArray &logText = parts.at(3);
        if (logText.size() > 2 || (logText.size() > 1 && logText.startsWith('0'))) {
            return malformed(QStringLiteral("bad scrypt work factor"));
        }
        for (const char c : logText) {
            if (c < '0' || c > '9') {
                return malformed(QStringLiteral("bad scrypt work factor"));
            }
        }
        header.logN = logText.toInt();
        if (header.logN <= 0) {
            return malformed(QStringLiteral("bad scrypt work factor"));
        }
        // Body: full 64-column lines, then one shorter (possibly empty) final line.
        while (true) {
            if (!nextLine(line)) {
                return malformed(QStringLiteral("the stanza body does not end"));
            }
            QByteArray chunk;
            if (line.size() > ColumnsPerLine || !decodeBase64(line, chunk)) {
                return malformed(QStringLiteral("bad stanza body"));
            }
            header.body += chunk;
            if (header.body.size() > 1024) {
                return malformed(QStringLiteral("stanza body too long"));
            }
            if (chunk.size() < BytesPerLine) {
                break;
            }
        }
    }
    if (stanzas != 1) {
        return failure(AgeError::Code::NotPassphrase,
                       Tr::tr("This age file has no passphrase (scrypt) recipient."));
    }
    header.payloadOffset = pos;
    return header;
}

} // namespace

bool looksLikeAge(QByteArrayView data)
{
    return data.startsWith(Intro);
}

int workFactorOf(QByteArrayView file)
{
    const auto header = parseHeader(file);
    return header ? header->logN : -1;
}

Result<QByteArray> encrypt(QByteArrayView plaintext, const SecureBytes &passphrase, int workFactor)
{
    if (passphrase.isEmpty()) {
        return failure(AgeError::Code::EmptyPassphrase, Tr::tr("The passphrase is empty."));
    }
    if (workFactor < 1 || workFactor > MaxWorkFactor) {
        return failure(AgeError::Code::InvalidArgument,
                       Tr::tr("The scrypt work factor must be 1 to %1.").arg(MaxWorkFactor));
    }
    if (plaintext.size() > MaxFileSize) {
        return failure(AgeError::Code::TooLarge, Tr::tr("The data is too large to encrypt."));
    }
    QByteArray fileKeyBytes = randomBytes(FileKeySize);
    const SecureBytes fileKey = SecureBytes::takeFrom(fileKeyBytes);
    const QByteArray salt = randomBytes(SaltSize);

    auto wrapKey = scryptKey(passphrase, salt, workFactor);
    if (!wrapKey) {
        return tl::unexpected(wrapKey.error());
    }
    auto body
        = chaCha20Poly1305Seal(wrapKey->view(), QByteArray(ChaChaNonceSize, '\0'), fileKey.view());
    if (!body) {
        return failure(AgeError::Code::Internal, body.error().message);
    }

    QByteArray out = Intro.toByteArray();
    out += "-> scrypt " + encodeBase64(salt) + ' ' + QByteArray::number(workFactor) + '\n';
    const QByteArray bodyText = encodeBase64(*body);
    for (qsizetype i = 0; i <= bodyText.size(); i += ColumnsPerLine) {
        out += bodyText.mid(i, ColumnsPerLine) + '\n';
        if (bodyText.size() - i < ColumnsPerLine) {
            break; // the final, shorter line has been written
        }
    }
    out += "---";
    auto macKey = derive(fileKey.view(), {}, "header");
    if (!macKey) {
        return tl::unexpected(macKey.error());
    }
    out += ' ' + encodeBase64(hmac(Digest::Sha256, macKey->view(), out)) + '\n';

    const QByteArray nonce = randomBytes(PayloadNonceSize);
    auto payloadKey = derive(fileKey.view(), nonce, "payload");
    if (!payloadKey) {
        return tl::unexpected(payloadKey.error());
    }
    out += nonce;
    quint64 counter = 0;
    qsizetype offset = 0;
    do {
        const qsizetype size = std::min(ChunkSize, plaintext.size() - offset);
        const bool last = offset + size >= plaintext.size();
        auto sealed = chaCha20Poly1305Seal(payloadKey->view(), streamNonce(counter, last),
                                           plaintext.sliced(offset, size));
        if (!sealed) {
            return failure(AgeError::Code::Internal, sealed.error().message);
        }
        out += *sealed;
        offset += size;
        ++counter;
    } while (offset < plaintext.size());
    return out;
}

Result<SecureBytes> decrypt(QByteArrayView file, const SecureBytes &passphrase, int maxWorkFactor)
{
    if (passphrase.isEmpty()) {
        return failure(AgeError::Code::EmptyPassphrase, Tr::tr("The passphrase is empty."));
    }
    if (file.size() > MaxFileSize) {
        return failure(AgeError::Code::TooLarge, Tr::tr("The file is too large to decrypt."));
    }
    auto header = parseHeader(file);
    if (!header) {
        return tl::unexpected(header.error());
    }
    // The cap comes before any derivation: a hostile file must not buy hours of scrypt.
    if (header->logN > std::min(maxWorkFactor, MaxWorkFactor)) {
        return failure(AgeError::Code::WorkFactorTooHigh,
                       Tr::tr("The file asks for scrypt work factor %1; the most we accept is "
                              "%2.")
                           .arg(header->logN)
                           .arg(std::min(maxWorkFactor, MaxWorkFactor)));
    }
    if (header->body.size() != FileKeySize + Poly1305TagSize) {
        return malformed(QStringLiteral("the wrapped file key has the wrong size"));
    }
    auto wrapKey = scryptKey(passphrase, header->salt, header->logN);
    if (!wrapKey) {
        return tl::unexpected(wrapKey.error());
    }
    auto fileKey
        = chaCha20Poly1305Open(wrapKey->view(), QByteArray(ChaChaNonceSize, '\0'), header->body);
    if (!fileKey) {
        return wrongPassphrase();
    }
    auto macKey = derive(fileKey->view(), {}, "header");
    if (!macKey) {
        return tl::unexpected(macKey.error());
    }
    if (!constantTimeEquals(hmac(Digest::Sha256, macKey->view(), header->macInput), header->mac)) {
        return wrongPassphrase();
    }
    const QByteArrayView payload = file.sliced(header->payloadOffset);
    if (payload.size() < PayloadNonceSize + Poly1305TagSize) {
        return wrongPassphrase();
    }
    auto payloadKey = derive(fileKey->view(), payload.first(PayloadNonceSize), "payload");
    if (!payloadKey) {
        return tl::unexpected(payloadKey.error());
    }
    const QByteArrayView chunks = payload.sliced(PayloadNonceSize);
    constexpr qsizetype SealedChunk = ChunkSize + Poly1305TagSize;
    SecureBytes plain;
    quint64 counter = 0;
    for (qsizetype offset = 0; offset < chunks.size(); offset += SealedChunk, ++counter) {
        const qsizetype size = std::min(SealedChunk, chunks.size() - offset);
        const bool last = offset + size >= chunks.size();
        if (size < Poly1305TagSize) {
            return wrongPassphrase();
        }
        auto opened = chaCha20Poly1305Open(payloadKey->view(), streamNonce(counter, last),
                                           chunks.sliced(offset, size));
        // The final chunk may be empty only when it is the only one (age.md, STREAM).
        if (!opened || (last && opened->isEmpty() && counter != 0)) {
            return wrongPassphrase();
        }
        plain.append(opened->view());
    }
    return plain;
}

} // namespace Sb::Crypto::Age
