// SPDX-License-Identifier: MIT
// A forgiving PEM scanner: finds every block, tolerates CRLF, missing final newlines, one-line
// PEM and JSON-escaped "\n", and hands OpenSSL a canonical block. Key bytes pass through
// here, so every temporary buffer is cleansed before it is released.
#include "crypto/Pem.h"

#include "crypto/SecureBytes.h"

#include <QStringDecoder>

#include <algorithm>
#include <optional>

namespace Sb::Crypto::Pem {

namespace {

constexpr QByteArrayView kBegin("-----BEGIN ");
constexpr QByteArrayView kDashes("-----");

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/** UTF-16 text (with a BOM, or "-\0-\0" / "\0-\0-" at the start) → Latin-1 bytes. */
QByteArray fromUtf16IfNeeded(QByteArrayView data, bool *converted)
{
    *converted = false;
    if (data.size() < 4) {
        return {};
    }
    const auto b0 = static_cast<unsigned char>(data[0]);
    const auto b1 = static_cast<unsigned char>(data[1]);
    std::optional<QStringConverter::Encoding> encoding;
    if ((b0 == 0xFF && b1 == 0xFE) || (data[0] == '-' && data[1] == '\0')) {
        encoding = QStringConverter::Utf16LE;
    } else if ((b0 == 0xFE && b1 == 0xFF) || (data[0] == '\0' && data[1] == '-')) {
        encoding = QStringConverter::Utf16BE;
    }
    if (!encoding) {
        return {};
    }
    QStringDecoder decoder(*encoding);
    QString text = decoder.decode(data);
    QByteArray latin1 = text.toLatin1();
    // The QString held the key text too: scrub it before it is freed.
    if (!text.isEmpty()) {
        QChar *chars = text.data();
        std::fill(chars, chars + text.size(), QChar(u'\0'));
    }
    *converted = true;
    return latin1;
}

} // namespace

Block::~Block()
{
    cleanse(base64);
    cleanse(headers);
}

bool Block::isLegacyEncrypted() const
{
    return headers.contains("Proc-Type:") && headers.contains("ENCRYPTED");
}

QByteArray Block::der() const
{
    auto decoded = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        cleanse(decoded.decoded);
        return {};
    }
    return std::move(decoded.decoded);
}

QByteArray Block::canonicalText() const
{
    const qsizetype lines = (base64.size() + 63) / 64;
    QByteArray text;
    text.reserve(2 * (label.size() + 16) + headers.size() + 1 + base64.size() + lines + 1);
    text.append(kBegin).append(label).append(kDashes).append('\n');
    if (!headers.isEmpty()) {
        text.append(headers).append("\n\n"); // RFC 1421: a blank line ends the headers
    }
    for (qsizetype i = 0; i < base64.size(); i += 64) {
        text.append(QByteArrayView(base64).sliced(i, std::min<qsizetype>(64, base64.size() - i)))
            .append('\n');
    }
    text.append("-----END ").append(label).append(kDashes).append('\n');
    return text;
}

bool containsPem(QByteArrayView data)
{
    return QByteArray::fromRawData(data.data(), data.size()).contains(kBegin);
}

QByteArray normalize(QByteArrayView data)
{
    bool converted = false;
    QByteArray utf16Converted = fromUtf16IfNeeded(data, &converted);
    const QByteArrayView in = converted ? QByteArrayView(utf16Converted) : data;

    qsizetype start = 0;
    if (in.startsWith("\xEF\xBB\xBF")) { // UTF-8 byte order mark
        start = 3;
    }
    const QByteArray raw = QByteArray::fromRawData(in.data(), in.size());
    // Only unescape when this is PEM pasted out of a JSON string; "\\n" cannot occur in base64.
    const bool unescape = raw.contains("\\n") && raw.contains("-----BEGIN");

    // One pass into a buffer that never reallocates, so no stray copy of key text is left.
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = start; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '\r') {
            out.append('\n');
            if (i + 1 < in.size() && in[i + 1] == '\n') {
                ++i;
            }
        } else if (unescape && c == '\\' && i + 1 < in.size()) {
            const char next = in[i + 1];
            if (next == 'n') {
                out.append('\n');
                ++i;
            } else if (next == 'r') {
                ++i; // "\r\n" → the following "\n" produces the newline
            } else if (next == '/') {
                out.append('/'); // JSON may escape '/', which base64 uses
                ++i;
            } else {
                out.append(c);
            }
        } else {
            out.append(c);
        }
    }
    cleanse(utf16Converted);
    return out;
}

QList<Block> blocks(QByteArrayView normalizedText)
{
    const QByteArray text = QByteArray::fromRawData(normalizedText.data(), normalizedText.size());
    QList<Block> result;
    qsizetype pos = 0;
    while (true) {
        const qsizetype start = text.indexOf(kBegin, pos);
        if (start < 0) {
            break;
        }
        const qsizetype labelStart = start + kBegin.size();
        const qsizetype labelEnd = text.indexOf(kDashes, labelStart);
        if (labelEnd < 0) {
            break;
        }
        const QByteArray label = text.mid(labelStart, labelEnd - labelStart).trimmed();
        if (label.isEmpty() || label.contains('\n') || label.size() > 64) {
            pos = labelStart;
            continue;
        }
        const qsizetype bodyStart = labelEnd + kDashes.size();
        const QByteArray endMarker = "-----END " + label + "-----";
        qsizetype endPos = text.indexOf(endMarker, bodyStart);
        const qsizetype nextBegin = text.indexOf(kBegin, bodyStart);

        Block block;
        block.label = label;
        qsizetype bodyEnd = endPos;
        if (endPos < 0 || (nextBegin >= 0 && nextBegin < endPos)) {
            block.complete = false;
            bodyEnd = nextBegin >= 0 ? nextBegin : text.size();
            endPos = -1;
        }

        // Header lines (RFC 1421) come first and contain ':', which base64 never does.
        const QByteArrayView body = QByteArrayView(text).sliced(bodyStart, bodyEnd - bodyStart);
        bool inHeaders = true;
        qsizetype lineStart = 0;
        block.base64.reserve(body.size());
        while (lineStart <= body.size()) {
            qsizetype lineEnd = body.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = body.size();
            }
            const QByteArrayView line = body.sliced(lineStart, lineEnd - lineStart).trimmed();
            if (inHeaders && line.contains(':')) {
                block.headers.append(line).append('\n');
            } else if (!line.isEmpty()) {
                inHeaders = false;
                for (const char c : line) {
                    if (!isSpace(c)) {
                        block.base64.append(c);
                    }
                }
            } else if (!block.headers.isEmpty()) {
                inHeaders = false; // the blank line that ends the headers
            }
            lineStart = lineEnd + 1;
        }
        if (block.headers.endsWith('\n')) {
            block.headers.chop(1);
        }
        result.append(std::move(block));
        pos = endPos >= 0 ? endPos + endMarker.size() : bodyEnd;
    }
    return result;
}

bool isCertificateLabel(QByteArrayView label)
{
    return label == "CERTIFICATE" || label == "X509 CERTIFICATE" || label == "TRUSTED CERTIFICATE";
}

bool isPrivateKeyLabel(QByteArrayView label)
{
    return label == "PRIVATE KEY" || label == "RSA PRIVATE KEY" || label == "EC PRIVATE KEY"
           || label == "ENCRYPTED PRIVATE KEY" || label == "DSA PRIVATE KEY"
           || label == "ANY PRIVATE KEY";
}

bool isPublicKeyLabel(QByteArrayView label)
{
    return label == "PUBLIC KEY" || label == "RSA PUBLIC KEY";
}

} // namespace Sb::Crypto::Pem
