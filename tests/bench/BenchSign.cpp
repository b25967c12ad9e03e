// SPDX-License-Identifier: MIT
// How much does Crypto::sign/verify cost over bare OpenSSL? For each algorithm and key size it
// signs one NetSuite-sized signing input (600 bytes) with our façade and with plain
// EVP_DigestSign on the same EVP_PKEY, interleaving the two op by op so frequency and cache
// drift hit both sides alike, and reports the median over batches of the per-operation thread
// CPU time (see compare() and cpuNanoseconds()):
//     <case> ours_ns=<n> baseline_ns=<n> ratio=<r>
//     <case>+verify ours_ns=<n> baseline_ns=<n> ratio=<r>     (a sign + verify pair)
// The baseline is what a careful caller writes by hand: EVP_DigestSign with the JWS padding,
// and DER output for ECDSA (our side also converts to and from the raw R‖S JWS needs).
#include "crypto/Jws.h"
#include "crypto/Keys.h"

#include <QByteArray>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <vector>

#include <openssl/evp.h>
#include <openssl/rsa.h>

using namespace Sb;
using Clock = std::chrono::steady_clock;

namespace {

struct Case
{
    const char *name;
    Crypto::JwsAlgorithm alg;
    const Crypto::PrivateKey *key;
    const EVP_MD *md;
    bool pss;
};

volatile size_t g_sink = 0; // keeps the optimiser from discarding the work

/**
 * This thread's CPU time in ns. On a shared 2-core machine wall time mostly measures the other
 * processes (an RSA-4096 signature spans several scheduler slices); CPU time does not.
 */
double cpuNanoseconds()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e9 + static_cast<double>(now.tv_nsec);
#else
    return std::chrono::duration<double, std::nano>(Clock::now().time_since_epoch()).count();
#endif
}

const unsigned char *bytesOf(const QByteArray &bytes)
{
    return reinterpret_cast<const unsigned char *>(bytes.constData());
}

/** Bare OpenSSL: one-shot EVP_DigestSign, JWS padding for PS*, DER for ECDSA. */
size_t baselineSign(EVP_PKEY *pkey, const Case &c, const QByteArray &input, unsigned char *out,
                    size_t capacity)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = nullptr;
    size_t length = capacity;
    if (ctx == nullptr || EVP_DigestSignInit(ctx, &pctx, c.md, nullptr, pkey) != 1
        || (c.pss
            && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1
                || EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1
                || EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, c.md) != 1))
        || EVP_DigestSign(ctx, out, &length, bytesOf(input), static_cast<size_t>(input.size()))
               != 1) {
        length = 0;
    }
    EVP_MD_CTX_free(ctx);
    return length;
}

bool baselineVerify(EVP_PKEY *pkey, const Case &c, const QByteArray &input,
                    const unsigned char *signature, size_t length)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = nullptr;
    const bool ok = ctx != nullptr && EVP_DigestVerifyInit(ctx, &pctx, c.md, nullptr, pkey) == 1
                    && (!c.pss
                        || (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1
                            && EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1
                            && EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, c.md) == 1))
                    && EVP_DigestVerify(ctx, signature, length, bytesOf(input),
                                        static_cast<size_t>(input.size()))
                           == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

double nanosecondsPerOp(const std::function<void()> &op, int count)
{
    const double start = cpuNanoseconds();
    for (int i = 0; i < count; ++i) {
        op();
    }
    return (cpuNanoseconds() - start) / count;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

/**
 * Medians {ours, baseline} in ns per operation. Within a batch the two sides alternate op by
 * op (and which goes first alternates too), so drift and frequency changes land on both sides
 * alike. Each batch contributes the median of its per-op times, which drops the ops another
 * process pre-empted on a shared machine; the result is the median over the batches.
 */
std::pair<double, double> compare(const std::function<void()> &ours,
                                  const std::function<void()> &baseline)
{
    for (int i = 0; i < 3; ++i) { // warm-up: provider fetches, caches
        ours();
        baseline();
    }
    const double estimate = std::max(nanosecondsPerOp(ours, 3), 1.0);
    const int perBatch = std::clamp(static_cast<int>(8e6 / estimate), 3, 20'000); // ~8 ms a side
    constexpr int kBatches = 15;
    std::vector<double> oursBatches;
    std::vector<double> baselineBatches;
    std::vector<double> oursOps(static_cast<size_t>(perBatch));
    std::vector<double> baselineOps(static_cast<size_t>(perBatch));
    for (int batch = 0; batch < kBatches; ++batch) {
        for (size_t i = 0; i < oursOps.size(); ++i) {
            const bool oursFirst = (static_cast<size_t>(batch) + i) % 2 == 0;
            const double t0 = cpuNanoseconds();
            oursFirst ? ours() : baseline();
            const double t1 = cpuNanoseconds();
            oursFirst ? baseline() : ours();
            const double t2 = cpuNanoseconds();
            const double first = t1 - t0;
            const double second = t2 - t1;
            oursOps[i] = oursFirst ? first : second;
            baselineOps[i] = oursFirst ? second : first;
        }
        oursBatches.push_back(median(oursOps));
        baselineBatches.push_back(median(baselineOps));
    }
    return {median(oursBatches), median(baselineBatches)};
}

void report(const char *name, const char *suffix, std::pair<double, double> times)
{
    std::printf("%s%s ours_ns=%.0f baseline_ns=%.0f ratio=%.3f\n", name, suffix, times.first,
                times.second, times.first / times.second);
    std::fflush(stdout);
}

/** A NetSuite client-assertion signing input: base64url header '.' base64url claims. */
QByteArray assertionSigningInput()
{
    QByteArray input = "eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IkFCQ0RFRkdISUpLTE1OT1BRUlNU"
                       "VVZXWFlaMDEyMzQ1Njc4OSJ9.";
    const QByteArray claims = "eyJpc3MiOiIxMjM0NTY3ODkwYWJjZGVmMTIzNDU2Nzg5MGFiY2RlZjEyMzQ1Njc4OT"
                              "BhYmNkZWYxMjM0NTY3ODkwYWJjZGVmIiwic2NvcGUiOlsicmVzdGxldHMiLCJyZXN0"
                              "X3dlYnNlcnZpY2VzIl0sImF1ZCI6Imh0dHBzOi8vMTIzNDU2Ny5zdWl0ZXRhbGsuYX"
                              "BpLm5ldHN1aXRlLmNvbS9zZXJ2aWNlcy9yZXN0L2F1dGgvb2F1dGgyL3YxL3Rva2Vu";
    while (input.size() < 600) {
        input += claims;
    }
    input.truncate(600);
    return input;
}

} // namespace

int main()
{
    const auto started = Clock::now();
    std::fprintf(stderr, "generating keys (RSA 3072, RSA 4096, P-256, P-384, P-521)…\n");
    auto rsa3072 = Crypto::generateKey({Crypto::KeyType::Rsa, 3072, Crypto::Curve::None});
    auto rsa4096 = Crypto::generateKey({Crypto::KeyType::Rsa, 4096, Crypto::Curve::None});
    auto p256 = Crypto::generateKey({Crypto::KeyType::Ec, 0, Crypto::Curve::P256});
    auto p384 = Crypto::generateKey({Crypto::KeyType::Ec, 0, Crypto::Curve::P384});
    auto p521 = Crypto::generateKey({Crypto::KeyType::Ec, 0, Crypto::Curve::P521});
    if (!rsa3072 || !rsa4096 || !p256 || !p384 || !p521) {
        std::fprintf(stderr, "key generation failed\n");
        return 1;
    }

    using A = Crypto::JwsAlgorithm;
    const std::vector<Case> cases{
        {"RS256_RSA3072", A::RS256, &*rsa3072, EVP_sha256(), false},
        {"RS256_RSA4096", A::RS256, &*rsa4096, EVP_sha256(), false},
        {"PS256_RSA3072", A::PS256, &*rsa3072, EVP_sha256(), true},
        {"PS256_RSA4096", A::PS256, &*rsa4096, EVP_sha256(), true},
        {"PS384_RSA3072", A::PS384, &*rsa3072, EVP_sha384(), true},
        {"PS512_RSA3072", A::PS512, &*rsa3072, EVP_sha512(), true},
        {"ES256_P256", A::ES256, &*p256, EVP_sha256(), false},
        {"ES384_P384", A::ES384, &*p384, EVP_sha384(), false},
        {"ES512_P521", A::ES512, &*p521, EVP_sha512(), false},
    };

    const QByteArray input = assertionSigningInput();
    for (const Case &c : cases) {
        auto *privateHandle = static_cast<EVP_PKEY *>(c.key->nativeHandle());
        const Crypto::PublicKey publicKey = c.key->publicKey();
        auto *publicHandle = static_cast<EVP_PKEY *>(publicKey.nativeHandle());
        unsigned char buffer[1024];

        // Both sides must produce valid signatures before they are timed.
        const auto ourSignature = Crypto::sign(*c.key, c.alg, input);
        const size_t baselineLength = baselineSign(privateHandle, c, input, buffer, sizeof buffer);
        if (!ourSignature || baselineLength == 0
            || !Crypto::verify(publicKey, c.alg, input, *ourSignature)
            || !baselineVerify(publicHandle, c, input, buffer, baselineLength)) {
            std::fprintf(stderr, "%s: signing or verification failed\n", c.name);
            return 1;
        }

        const auto signTimes = compare(
            [&] {
                const auto signature = Crypto::sign(*c.key, c.alg, input);
                g_sink = g_sink + static_cast<size_t>(signature ? signature->size() : 0);
            },
            [&] {
                unsigned char out[1024];
                g_sink = g_sink + baselineSign(privateHandle, c, input, out, sizeof out);
            });
        report(c.name, "", signTimes);

        const auto pairTimes = compare(
            [&] {
                const auto signature = Crypto::sign(*c.key, c.alg, input);
                const bool ok = signature && Crypto::verify(publicKey, c.alg, input, *signature);
                g_sink = g_sink + static_cast<size_t>(ok);
            },
            [&] {
                unsigned char out[1024];
                const size_t length = baselineSign(privateHandle, c, input, out, sizeof out);
                g_sink = g_sink
                         + static_cast<size_t>(baselineVerify(publicHandle, c, input, out, length));
            });
        report(c.name, "+verify", pairTimes);
    }
    std::fprintf(stderr, "done in %.1f s\n",
                 std::chrono::duration<double>(Clock::now() - started).count());
    return 0;
}
