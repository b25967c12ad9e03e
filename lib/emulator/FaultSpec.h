// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/EmulatorError.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Sb::Emulator {

/**
 * One fault, parsed from the comma-separated grammar of `--fault` and
 * `POST /__emulator/faults` (faultGrammarHelp() documents it). A spec is either a status
 * fault (answer instead of NetSuite), a modifier of real answers (latency, slow or cut
 * body, token lifetime), a concurrency limit, or a mix of modifiers.
 */
struct FaultSpec
{
    std::optional<int> status;      ///< status=N: answer N instead of processing
    std::optional<int> count;       ///< count=N: only the next N matching requests
    double rate = 1.0;              ///< rate=P: each matching request fires with P (from --seed)
    std::optional<int> retryAfter;  ///< retry-after=S: Retry-After header on status answers
    int latencyMs = 0;              ///< latency-ms=N: hold the answer N ms (a timer, no sleep)
    double dropBody = 0.0;          ///< drop-body[=P]: cut the connection mid-body with P
    int slowBodyMs = 0;             ///< slow-body[=MS]: trickle the body, a chunk every MS
    int chunkBytes = 16;            ///< chunk-bytes=N: trickle chunk size
    std::optional<int> tokenTtl;    ///< token-ttl=S: access tokens issued live S seconds
    std::optional<int> concurrency; ///< concurrency=N: at most N requests in flight
    std::optional<int> over;        ///< over=429|401|400: answer past the concurrency limit
    QString method;                 ///< method=M: only this HTTP method (upper case)
    QString path;                   ///< path=P: only this path and the paths below it

    /** True when @p method / @p path are within this fault's method and path limits. */
    [[nodiscard]] bool matches(const QString &requestMethod, const QString &requestPath) const;
    /** The spec written back in the grammar (normalised order). */
    [[nodiscard]] QString toSpec() const;
    [[nodiscard]] QJsonObject toJson() const;
};

/** Parses one spec, e.g. "status=429,count=5,retry-after=2". Pure; never throws. */
[[nodiscard]] Result<FaultSpec> parseFaultSpec(const QString &spec) noexcept;

/** The grammar and how several faults combine, for --help and the admin API. */
[[nodiscard]] QString faultGrammarHelp();

} // namespace Sb::Emulator
