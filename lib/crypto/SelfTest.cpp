// SPDX-License-Identifier: MIT
// The start-up known-answer test and the secure heap. If any answer is wrong, the OpenSSL
// build, its providers or our glue is broken and the app must refuse to sign (KeePassXC's
// Crypto::init idea). The vectors are published ones, so a bug shared by our own sign and
// verify code cannot hide here.
#include "crypto/Jws.h"
#include "crypto/KeyAccess.h"
#include "crypto/Keys.h"
#include "crypto/SecureBytes.h"

#include <mutex>

#include <openssl/crypto.h>

namespace Sb::Crypto {

namespace {

using Code = CryptoError::Code;

// RFC 7515 Appendix A.2: the RSA key (JWK members, base64url) and the RS256 signature over
// the A.2 signing input. RSASSA-PKCS1-v1_5 is deterministic: it must match byte for byte.
constexpr char kA2N[]
    = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrc"
      "S2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGz"
      "jb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xs"
      "mtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8"
      "q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
constexpr char kA2E[] = "AQAB";
constexpr char kA2D[]
    = "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeX"
      "Zx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFN"
      "S3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4e"
      "hNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS9"
      "8l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ";
constexpr char kA2P[]
    = "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3Khoo"
      "KeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPg"
      "tldC-KDV5z-y2XDwGUc";
constexpr char kA2Q[]
    = "uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zF"
      "YHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBype"
      "eF6689rjcJIDEz9RWdc";
constexpr char kA2DP[]
    = "BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBf"
      "pT_PI7Yz-FOKnu1R6HsJeDCjn12Sk3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5"
      "Mbr1C1XsmvkxHQAdYo0";
constexpr char kA2DQ[]
    = "h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrm"
      "I2oKr6N3Do9U0ajaHF-NKJnwgjMd2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLB"
      "Sp3nssTdlqvd0tIiTHU";
constexpr char kA2QI[]
    = "IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7"
      "fhd_QJQ3ydy5cY7YIBi87w93IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2"
      "-ZQwVK0JKSHuLFkuQ3U";
constexpr char kA2Input[]
    = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA"
      "6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
constexpr char kA2Signature[]
    = "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Q"
      "c_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTy"
      "WzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwu"
      "sC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5A"
      "XLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

// RFC 7515 Appendix A.3: the P-256 key and the ES256 JWS over the A.3 input.
constexpr char kA3X[] = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
constexpr char kA3Y[] = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
constexpr char kA3D[] = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
constexpr char kA3Input[]
    = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA"
      "6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
constexpr char kA3Signature[]
    = "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqP"
      "P3-Kg6NU1Q";

// RFC 7520 §3.3 (public part of the "bilbo.baggins@hobbiton.example" RSA key) and §4.2
// (PS384 protected header, payload and signature).
constexpr char kBilboN[]
    = "n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7"
      "nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHH"
      "ig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC"
      "0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixo"
      "R7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw";
constexpr char kBilboE[] = "AQAB";
constexpr char kPs384Protected[]
    = "eyJhbGciOiJQUzM4NCIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9";
constexpr char kPayload[]
    = "SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4g"
      "WW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwg"
      "dGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4";
constexpr char kPs384Signature[]
    = "cu22eBqkYDKgIlTpzDXGvaFfz6WGoz7fUDcfT0kkOy42miAh2qyBzk1xEsnk2IpN6-tPid6VrklH"
      "kqsGqDqHCdP6O8TTB5dDDItllVo6_1OLPpcbUrhiUSMxbbXUvdvWXzg-UD8biiReQFlfz28zGWVs"
      "diNAUf8ZnyPEgVFn442ZdNqiVJRmBqrYRXe8P_ijQ7p8Vdz0TTrxUeT3lm8d9shnr2lfJT8ImUjv"
      "AA2Xez2Mlp8cBE5awDzT0qI0n6uiP1aCN_2_jLAeQTlqRHtfa64QQSUmFAAjVKPbByi7xho0uTOc"
      "bH510a6GYmJUAfmWjwZ6oD4ifKo8DYM-X72Eaw";

QByteArray b64u(const char *text)
{
    return QByteArray::fromBase64(QByteArray(text), QByteArray::Base64UrlEncoding);
}

tl::unexpected<CryptoError> selfTestFailure(const QString &what)
{
    return Core::fail<CryptoError>(
        Code::Internal,
        Tr::tr("The cryptography self-test failed (%1); signing is disabled.").arg(what));
}

} // namespace

Result<void> runSelfTest()
{
    // FIPS 180-2 Appendix B.1: SHA-256("abc").
    if (hash(Digest::Sha256, "abc")
        != QByteArray::fromHex(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")) {
        return selfTestFailure(QStringLiteral("SHA-256"));
    }
    // RFC 4231 §4.3, test case 2: key "Jefe".
    if (hmac(Digest::Sha256, "Jefe", "what do ya want for nothing?")
        != QByteArray::fromHex(
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")) {
        return selfTestFailure(QStringLiteral("HMAC-SHA256"));
    }

    const auto rsa
        = PrivateKey::fromRsaComponents(b64u(kA2N), b64u(kA2E), b64u(kA2D), b64u(kA2P), b64u(kA2Q),
                                        b64u(kA2DP), b64u(kA2DQ), b64u(kA2QI));
    if (!rsa) {
        return selfTestFailure(QStringLiteral("RSA key import"));
    }
    const QByteArray a2Input(kA2Input);
    const auto rs256 = sign(*rsa, JwsAlgorithm::RS256, a2Input);
    if (!rs256 || *rs256 != b64u(kA2Signature)) {
        return selfTestFailure(QStringLiteral("RS256 known answer"));
    }
    const PublicKey rsaPublic = rsa->publicKey();
    if (!verify(rsaPublic, JwsAlgorithm::RS256, a2Input, *rs256)) {
        return selfTestFailure(QStringLiteral("RS256 verification"));
    }
    // PSS is randomised: a round trip, verified with salt = 32 strictly, plus a tampered input.
    const auto ps256 = sign(*rsa, JwsAlgorithm::PS256, a2Input);
    if (!ps256 || !verify(rsaPublic, JwsAlgorithm::PS256, a2Input, *ps256)
        || verify(rsaPublic, JwsAlgorithm::PS256, QByteArray(a2Input + "x"), *ps256)) {
        return selfTestFailure(QStringLiteral("PS256 round trip"));
    }

    // RFC 7520 §4.2: a published PS384 signature must verify with salt = 48 strictly; this is
    // the check a PSS salt-length mistake (symmetric in our own round trip) cannot pass.
    const auto bilbo = PublicKey::fromRsaComponents(b64u(kBilboN), b64u(kBilboE));
    if (!bilbo
        || !verify(*bilbo, JwsAlgorithm::PS384,
                   QByteArray(QByteArray(kPs384Protected) + '.' + kPayload),
                   b64u(kPs384Signature))) {
        return selfTestFailure(QStringLiteral("PS384 published signature"));
    }

    const auto ec = PrivateKey::fromEcComponents(Curve::P256, b64u(kA3X), b64u(kA3Y), b64u(kA3D));
    if (!ec) {
        return selfTestFailure(QStringLiteral("EC key import"));
    }
    const PublicKey ecPublic = ec->publicKey();
    const QByteArray a3Input(kA3Input);
    if (!verify(ecPublic, JwsAlgorithm::ES256, a3Input, b64u(kA3Signature))) {
        return selfTestFailure(QStringLiteral("ES256 published signature"));
    }
    const auto es256 = sign(*ec, JwsAlgorithm::ES256, a3Input);
    if (!es256 || es256->size() != 64 || !verify(ecPublic, JwsAlgorithm::ES256, a3Input, *es256)
        || verify(ecPublic, JwsAlgorithm::ES256, QByteArray(a3Input + "x"), *es256)) {
        return selfTestFailure(QStringLiteral("ES256 round trip"));
    }
    return {};
}

bool initSecureHeap()
{
    // Once per process: OpenSSL refuses a second init, and the arena is never torn down.
    static std::once_flag once;
    static bool locked = false;
    std::call_once(once, [] {
        if (CRYPTO_secure_malloc_initialized() == 1) {
            locked = true;
            return;
        }
        // 1 MiB arena with 16-byte minimum blocks: room for hundreds of keys' BIGNUMs.
        // Returns 1 = arena locked in RAM, 2 = in use but not locked (RLIMIT_MEMLOCK), 0 = none.
        locked = CRYPTO_secure_malloc_init(1024 * 1024, 16) == 1;
    });
    return locked;
}

} // namespace Sb::Crypto
