// SPDX-License-Identifier: MIT
// Strict unpadded base64url (RFC 4648 §5) for JWS segments (RFC 7515 §2).
#include "jwt/Base64Url.h"

#include <array>

namespace Sb::Jwt {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// 0xFF marks a byte outside the url alphabet. Built once at compile time; no locale, no
// Qt lenience (Qt's decoder skips characters it does not know, see the reliability doc J4).
constexpr std::array<unsigned char, 256> makeDecodeTable()
{
    std::array<unsigned char, 256> table{};
    for (auto &entry : table) {
        entry = 0xFF;
    }
    for (unsigned char i = 0; i < 64; ++i) {
        table[static_cast<unsigned char>(kAlphabet[i])] = i;
    }
    return table;
}

constexpr auto kDecodeTable = makeDecodeTable();

} // namespace

QByteArray base64UrlEncode(QByteArrayView bytes)
{
    const qsizetype size = bytes.size();
    QByteArray out;
    out.reserve((size / 3) * 4 + 3);
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
    qsizetype i = 0;
    for (; i + 2 < size; i += 3) {
        const unsigned triple
            = (unsigned(data[i]) << 16) | (unsigned(data[i + 1]) << 8) | unsigned(data[i + 2]);
        out.append(kAlphabet[(triple >> 18) & 0x3F]);
        out.append(kAlphabet[(triple >> 12) & 0x3F]);
        out.append(kAlphabet[(triple >> 6) & 0x3F]);
        out.append(kAlphabet[triple & 0x3F]);
    }
    const qsizetype rest = size - i;
    if (rest == 1) {
        const unsigned v = unsigned(data[i]) << 16;
        out.append(kAlphabet[(v >> 18) & 0x3F]);
        out.append(kAlphabet[(v >> 12) & 0x3F]);
    } else if (rest == 2) {
        const unsigned v = (unsigned(data[i]) << 16) | (unsigned(data[i + 1]) << 8);
        out.append(kAlphabet[(v >> 18) & 0x3F]);
        out.append(kAlphabet[(v >> 12) & 0x3F]);
        out.append(kAlphabet[(v >> 6) & 0x3F]);
    }
    return out;
}

Base64UrlResult base64UrlDecode(QByteArrayView text)
{
    Base64UrlResult result;
    const qsizetype size = text.size();
    const auto *data = reinterpret_cast<const unsigned char *>(text.data());

    // Alphabet first, so the caller can point at the offending character ('=', '+', '/',
    // whitespace, NUL and every non-ASCII byte all land here).
    for (qsizetype i = 0; i < size; ++i) {
        if (kDecodeTable[data[i]] == 0xFF) {
            result.problem = Base64UrlProblem::BadCharacter;
            result.position = i;
            return result;
        }
    }
    // A single leftover character carries only 6 bits: no byte string encodes to it.
    if (size % 4 == 1) {
        result.problem = Base64UrlProblem::BadLength;
        return result;
    }

    QByteArray out;
    out.reserve((size / 4) * 3 + 2);
    qsizetype i = 0;
    for (; i + 3 < size; i += 4) {
        const unsigned quad
            = (unsigned(kDecodeTable[data[i]]) << 18) | (unsigned(kDecodeTable[data[i + 1]]) << 12)
              | (unsigned(kDecodeTable[data[i + 2]]) << 6) | unsigned(kDecodeTable[data[i + 3]]);
        out.append(char((quad >> 16) & 0xFF));
        out.append(char((quad >> 8) & 0xFF));
        out.append(char(quad & 0xFF));
    }
    const qsizetype rest = size - i;
    if (rest == 2) {
        const unsigned v
            = (unsigned(kDecodeTable[data[i]]) << 18) | (unsigned(kDecodeTable[data[i + 1]]) << 12);
        out.append(char((v >> 16) & 0xFF));
    } else if (rest == 3) {
        const unsigned v = (unsigned(kDecodeTable[data[i]]) << 18)
                           | (unsigned(kDecodeTable[data[i + 1]]) << 12)
                           | (unsigned(kDecodeTable[data[i + 2]]) << 6);
        out.append(char((v >> 16) & 0xFF));
        out.append(char((v >> 8) & 0xFF));
    }

    // Canonical form: unused low bits of the last character must be zero, otherwise two
    // different strings ("YQ", "YR") decode to the same bytes and a signature over one
    // would "cover" the other. Checked the simple way, by re-encoding (the jwt-cpp oracle);
    // only the last character can differ, so comparing the tail suffices, but the whole
    // comparison is linear and obviously right.
    const QByteArray reencoded = base64UrlEncode(out);
    if (QByteArrayView(reencoded) != text) {
        result.problem = Base64UrlProblem::NonCanonical;
        result.position = size - 1;
        return result;
    }
    result.bytes = std::move(out);
    return result;
}

} // namespace Sb::Jwt
