// SPDX-License-Identifier: MIT
#include "netsuite/Diagnosis.h"

#include "netsuite/DisplayText.h"
#include "netsuite/Endpoints.h"
#include "netsuite/Tr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <cstdlib>

namespace Sb::NetSuite {

namespace {

constexpr qsizetype maxBodyBytes = 256 * 1024; // error bodies are tiny; refuse to parse floods
constexpr qsizetype maxHeaderBytes = 8 * 1024;
constexpr int maxAssertionCauses = 6;

QString esc(const QString &text, qsizetype max = 160)
{
    return escapeForDisplay(text, max);
}

QString auditTrail()
{
    return Tr::tr("%1 (Use Advanced Search > Results: add the Detail and Token-based Application "
                  "Name columns). The Detail column holds the real reason.")
        .arg(loginAuditTrailPath());
}

QString m2mSetupPage()
{
    return Tr::tr("Setup > Integration > Manage Authentication > OAuth 2.0 Client Credentials "
                  "(M2M) Setup: the mapping row (application, entity, role, certificate), its "
                  "validity and whether it was revoked.");
}

QString integrationRecord()
{
    return Tr::tr("Setup > Integration > Manage Integrations > the integration record: State "
                  "Enabled, \"Client Credentials (Machine to Machine) Grant\" checked, and the "
                  "scopes it allows.");
}

QString rolePage()
{
    return Tr::tr("Setup > Users/Roles > Manage Roles > the mapped role > Permissions: Setup > "
                  "\"Log in using OAuth 2.0 Access Tokens\" and \"REST Web Services\" (Full), "
                  "Reports > \"SuiteAnalytics Workbook\" for SuiteQL and record lists, and the "
                  "record permissions the call needs.");
}

QString featuresPage()
{
    return Tr::tr("Setup > Company > Enable Features > SuiteCloud: REST Web Services and OAuth "
                  "2.0 enabled.");
}

QString companyUrls()
{
    return Tr::tr("Setup > Company > Company Information > Company URLs: the account's SuiteTalk "
                  "(REST web services) URL, which contains the host label to use.");
}

QString governancePage()
{
    return Tr::tr("Setup > Integration > Integration Governance: the account's concurrency limit "
                  "and how much of it is in use (GET /services/rest/system/v1/governanceLimits "
                  "shows it too, for administrators).");
}

// A tiny RFC 7235 auth-param reader: scheme, then name=token or name="quoted" pairs.
void parseWwwAuthenticate(const QByteArray &raw, ServerError &out)
{
    const QString text = QString::fromLatin1(raw.left(maxHeaderBytes)).trimmed();
    if (text.isEmpty()) {
        return;
    }
    qsizetype i = 0;
    while (i < text.size() && !text[i].isSpace()) {
        ++i;
    }
    out.authScheme = text.left(i);
    while (i < text.size()) {
        while (i < text.size() && (text[i].isSpace() || text[i] == QLatin1Char(','))) {
            ++i;
        }
        const qsizetype nameStart = i;
        while (i < text.size() && text[i] != QLatin1Char('=') && text[i] != QLatin1Char(',')) {
            ++i;
        }
        const QString name = text.mid(nameStart, i - nameStart).trimmed().toLower();
        if (i >= text.size() || text[i] != QLatin1Char('=')) {
            continue;
        }
        ++i; // '='
        QString value;
        if (i < text.size() && text[i] == QLatin1Char('"')) {
            ++i;
            while (i < text.size() && text[i] != QLatin1Char('"')) {
                if (text[i] == QLatin1Char('\\') && i + 1 < text.size()) {
                    ++i;
                }
                value += text[i];
                ++i;
            }
            ++i; // closing quote
        } else {
            const qsizetype valueStart = i;
            while (i < text.size() && text[i] != QLatin1Char(',')) {
                ++i;
            }
            value = text.mid(valueStart, i - valueStart).trimmed();
        }
        if (name == QStringLiteral("realm")) {
            out.realm = value;
        } else if (name == QStringLiteral("error")) {
            out.bearerError = value;
        } else if (name == QStringLiteral("error_description")) {
            out.bearerDescription = value;
        }
    }
}

void parseBody(const QByteArray &body, ServerError &out)
{
    if (body.isEmpty() || body.size() > maxBodyBytes) {
        return;
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && document.isObject()) {
        const QJsonObject object = document.object();
        const QJsonValue oauth = object.value(QStringLiteral("error"));
        if (oauth.isString()) {
            out.oauthError = oauth.toString();
            out.oauthDescription = object.value(QStringLiteral("error_description")).toString();
        } else if (oauth.isObject()) {
            // RESTlet errors: {"error":{"code":"SSS_REQUEST_LIMIT_EXCEEDED","message":"…"}}.
            out.restletCode = oauth.toObject().value(QStringLiteral("code")).toString();
            out.restletMessage = oauth.toObject().value(QStringLiteral("message")).toString();
        }
        out.restTitle = object.value(QStringLiteral("title")).toString();
        const QJsonArray details = object.value(QStringLiteral("o:errorDetails")).toArray();
        if (!details.isEmpty()) {
            const QJsonObject first = details.first().toObject();
            out.restErrorCode = first.value(QStringLiteral("o:errorCode")).toString();
            out.restDetail = first.value(QStringLiteral("detail")).toString();
        }
        return;
    }
    // Not JSON (an HTML or XML error page): look for the few codes that matter.
    for (const char *code : {"SSS_REQUEST_LIMIT_EXCEEDED", "INVALID_LOGIN_ATTEMPT", "INVALID_LOGIN",
                             "INSUFFICIENT_PERMISSION", "IDEMPOTENCY_ERROR"}) {
        if (body.contains(code)) {
            out.restErrorCode = QString::fromLatin1(code);
            return;
        }
    }
}

struct Builder
{
    Diagnosis d;

    void cause(const QString &text) { d.causes << text; }
    void check(const QString &text) { d.checks << text; }
    void look(const QString &text) { d.whereToLook << text; }
    void details(const QStringList &codes) { d.auditTrailDetails << codes; }
};

QString accountWord(const FailureInput &input)
{
    if (input.target && input.target->account()) {
        return input.target->account()->canonical();
    }
    if (input.context && input.context->account) {
        return input.context->account->canonical();
    }
    return Tr::tr("the account");
}

std::optional<AccountId> expectedAccount(const FailureInput &input)
{
    if (input.target && input.target->account()) {
        return input.target->account();
    }
    if (input.context && input.context->account && !input.context->account->isNull()) {
        return input.context->account;
    }
    return std::nullopt;
}

bool isSandboxTarget(const FailureInput &input)
{
    const auto account = expectedAccount(input);
    return account && account->kind().type() == EnvironmentKind::Type::Sandbox;
}

void networkDiagnosis(Builder &b, const FailureInput &input)
{
    const bool custom = input.target && input.target->isCustom();
    const QString host = input.target ? input.target->origin() : QString();
    const QString transport = input.networkErrorText.isEmpty()
                                  ? QString()
                                  : Tr::tr(" (%1)").arg(esc(input.networkErrorText, 200));
    switch (input.networkError) {
    case NetworkErrorKind::HostNotFound:
        b.d.id = DiagnosisId::NetworkHostNotFound;
        b.d.title = Tr::tr("The host was not found%1").arg(transport);
        if (custom) {
            b.cause(
                Tr::tr("The custom endpoint's host name is wrong or not resolvable from here."));
        } else {
            // Facts §1: every NetSuite host is <account label>.<service>.netsuite.com, so a
            // host that does not resolve is most often an account ID that does not exist.
            b.cause(Tr::tr("The account ID is wrong: NetSuite hosts exist only for real accounts, "
                           "so a typo, a missing or extra sandbox suffix (_SB1) or a production ID "
                           "for a sandbox gives a host that does not resolve."));
            b.cause(Tr::tr("The sandbox was deleted, renumbered or not provisioned yet."));
        }
        b.cause(Tr::tr("No DNS or internet access from this computer, or a proxy is required."));
        b.check(Tr::tr("Compare the account ID with Setup > Company > Company Information; paste "
                       "the SuiteTalk URL from Company URLs instead of typing it."));
        b.check(Tr::tr("Try suitebench-cli account <ID> to see the host that is built."));
        b.look(companyUrls());
        break;
    case NetworkErrorKind::Tls:
        b.d.id = DiagnosisId::NetworkTls;
        b.d.title = Tr::tr("The TLS connection failed%1").arg(transport);
        if (custom) {
            b.cause(Tr::tr("The custom endpoint (the emulator?) uses a certificate this computer "
                           "does not trust: pass its CA with --ca."));
        }
        b.cause(Tr::tr("A proxy or security product intercepts TLS with its own certificate; "
                       "give its CA with --ca if that is intended."));
        b.cause(Tr::tr("The host name does not match NetSuite's certificate: an account label "
                       "with \"_\" or upper case, or a made-up host, is not covered by "
                       "*.suitetalk.api.netsuite.com. This usually means a wrong account ID."));
        b.cause(Tr::tr("This computer's clock is far off, so valid certificates look expired or "
                       "not yet valid."));
        b.check(
            Tr::tr("Check the account ID and the host that was built (suitebench-cli account)."));
        b.check(Tr::tr("Check the system clock."));
        b.look(companyUrls());
        break;
    case NetworkErrorKind::Timeout:
        b.d.id = DiagnosisId::NetworkTimeout;
        b.d.title = Tr::tr("The request timed out%1").arg(transport);
        b.cause(Tr::tr("The account's concurrency limit is reached and requests queue (NetSuite "
                       "shares the limit between REST web services and RESTlets)."));
        b.cause(Tr::tr("A slow request: large SuiteQL results or records; NetSuite cuts requests "
                       "off after 15 minutes."));
        b.cause(Tr::tr("A firewall or proxy drops the connection silently."));
        b.check(Tr::tr("Retry once with backoff; for reads, smaller pages (limit ≤ 1000)."));
        b.look(governancePage());
        break;
    case NetworkErrorKind::ConnectionRefused:
        b.d.id = DiagnosisId::NetworkConnectionRefused;
        b.d.title = Tr::tr("The connection was refused%1").arg(transport);
        if (custom) {
            b.cause(Tr::tr("Nothing listens at %1: the emulator or server is not running, or the "
                           "port is wrong.")
                        .arg(esc(host, 120)));
        }
        b.cause(Tr::tr("A firewall or proxy refuses the connection."));
        b.check(Tr::tr("Start the emulator (suitebench-emulator) or check the --token-url / "
                       "--connect-to port."));
        break;
    case NetworkErrorKind::Other:
    case NetworkErrorKind::None:
        b.d.id = DiagnosisId::NetworkOther;
        b.d.title = Tr::tr("The request failed before NetSuite answered%1").arg(transport);
        b.cause(Tr::tr("The connection broke (network change, proxy, VPN)."));
        b.cause(Tr::tr("The response was cut off; a partial response is never treated as a "
                       "success."));
        b.check(Tr::tr("Retry once; if it persists, check the network path to NetSuite."));
        break;
    }
}

void invalidClient(Builder &b, const FailureInput &input, bool previouslySucceeded)
{
    const bool sandbox = isSandboxTarget(input);
    if (previouslySucceeded && sandbox) {
        // Facts §3: mappings are not copied between accounts and a sandbox refresh clears them.
        b.d.id = DiagnosisId::TokenMappingClearedByRefresh;
        b.d.title = Tr::tr("The token endpoint no longer accepts these credentials "
                           "(invalid_client) on sandbox %1")
                        .arg(accountWord(input));
        b.cause(Tr::tr("The sandbox was refreshed: a refresh clears the OAuth 2.0 Client "
                       "Credentials (M2M) mappings (and the integration record's credentials may "
                       "now be production's). Upload the certificate again, create the mapping, "
                       "and use the new Certificate ID."));
    } else {
        b.d.id = DiagnosisId::TokenInvalidClient;
        b.d.title = Tr::tr("The token endpoint refused the client assertion (invalid_client)");
    }
    if (previouslySucceeded) {
        b.cause(Tr::tr("The certificate expired (at most two years from upload) or the mapping "
                       "was revoked; NetSuite needs a new mapping after either."));
        b.cause(Tr::tr("The integration record was disabled, or its Client Credentials grant "
                       "unchecked; or the mapped role or entity was disabled."));
    }
    // Facts §7 trap #2: the aud mismatch is the classic cause, then kid, iss, key, algorithm.
    b.cause(Tr::tr("aud is not exactly this account's token URL "
                   "(https://<account label>.suitetalk.api.netsuite.com/services/rest/auth/"
                   "oauth2/v1/token): an upper-case or \"_\" label, a missing \"-sb1\", another "
                   "account, the app. host, a trailing slash or http:."));
    b.cause(Tr::tr("kid is not a Certificate ID NetSuite knows for this account: a typo, a "
                   "certificate uploaded to another account (production vs sandbox), a revoked "
                   "or expired mapping, or none at all."));
    b.cause(Tr::tr("iss is not the integration record's Client ID (often the Application ID or "
                   "the client secret is used instead)."));
    b.cause(Tr::tr("The signature does not verify with the uploaded certificate: the assertion "
                   "was signed with a different private key."));
    b.cause(Tr::tr("The algorithm is not accepted: RS256 was turned off on 1 March 2025; use "
                   "PS256 or ES256/384/512. RSA keys must be 3072 or 4096 bits."));
    b.cause(Tr::tr("The integration record does not have \"Client Credentials (Machine to "
                   "Machine) Grant\" checked, is disabled, or the mapping is for another "
                   "integration record."));
    b.cause(Tr::tr("The mapped role or entity is disabled, or the role lacks \"Log in using "
                   "OAuth 2.0 Access Tokens\"."));
    b.cause(Tr::tr("The requested scope is not allowed on the integration record."));
    if (!previouslySucceeded && sandbox) {
        b.cause(Tr::tr("A sandbox refresh cleared the mapping (mappings are never copied between "
                       "production, sandboxes and Release Preview)."));
    }
    b.check(Tr::tr("Inspect the assertion: suitebench-cli jwt inspect --account %1 --client-id … "
                   "--cert-id … --cert … <assertion>.")
                .arg(accountWord(input)));
    b.check(Tr::tr("Compare the Certificate ID and the mapping's account with the M2M setup "
                   "page of this very account."));
    b.look(auditTrail());
    b.look(m2mSetupPage());
    b.look(integrationRecord());
    b.details({QStringLiteral("InvalidSignature"), QStringLiteral("UnknownIntegration"),
               QStringLiteral("InvalidIntegration"), QStringLiteral("ClientAuthenticationFailed"),
               QStringLiteral("EntityOrRoleDisabled"), QStringLiteral("InvalidScope"),
               QStringLiteral("ScopeMismatched")});
}

void tokenDiagnosis(Builder &b, const FailureInput &input)
{
    const ServerError &s = b.d.server;
    const QString error = s.oauthError;
    if (error == QStringLiteral("invalid_client")
        || (error.isEmpty() && (input.httpStatus == 401 || input.httpStatus == 403))) {
        invalidClient(b, input, input.previouslySucceeded);
        return;
    }
    if (error == QStringLiteral("invalid_grant")) {
        b.d.id = DiagnosisId::TokenInvalidGrant;
        b.d.title = Tr::tr("The token endpoint refused the grant (invalid_grant)");
        // Oracle documents invalid_grant for codes and refresh tokens only (facts §4); for
        // client credentials the body is unverified (facts §10 item 2), so list the assertion's
        // time and audience rules first.
        b.cause(Tr::tr("The assertion's times are outside what NetSuite accepts: exp already "
                       "passed, iat in the future (clock skew), or exp - iat over 60 minutes."));
        b.cause(Tr::tr("aud, kid or iss does not match this account (see invalid_client: "
                       "NetSuite's exact answer for each is undocumented)."));
        b.cause(Tr::tr("The mapping's certificate expired or was revoked."));
        b.cause(Tr::tr("The scope is not allowed for this integration record or role."));
        b.cause(Tr::tr("The same assertion was sent twice (mint a new one per request)."));
        b.check(Tr::tr("Inspect the assertion with the account, Client ID, Certificate ID and "
                       "certificate; check this computer's clock against NetSuite's Date header."));
        b.look(auditTrail());
        b.look(m2mSetupPage());
        b.details({QStringLiteral("InvalidSignature"), QStringLiteral("InvalidScope"),
                   QStringLiteral("ScopeMismatched"), QStringLiteral("ClientAuthenticationFailed"),
                   QStringLiteral("UnknownIntegration")});
        return;
    }
    if (error == QStringLiteral("invalid_request")) {
        b.d.id = DiagnosisId::TokenInvalidRequest;
        b.d.title = Tr::tr("The token request was malformed (invalid_request)");
        // Facts §4: missing or malformed parameter, wrong grant_type, several client-auth methods.
        b.cause(Tr::tr("A form field is missing or wrong: grant_type=client_credentials, "
                       "client_assertion_type=urn:ietf:params:oauth:client-assertion-type:"
                       "jwt-bearer, client_assertion=<the JWT>."));
        b.cause(Tr::tr("The body is not application/x-www-form-urlencoded (JSON or multipart "
                       "bodies are not read), or a value is not URL-encoded."));
        b.cause(Tr::tr("More than one client authentication method was sent: an Authorization: "
                       "Basic header or a client_id/client_secret field next to the assertion."));
        b.cause(Tr::tr("The client_assertion is not a well-formed JWT (truncated, wrapped, extra "
                       "quotes or whitespace)."));
        b.check(Tr::tr("Send exactly the three form fields and no Authorization header."));
        b.look(auditTrail());
        return;
    }
    if (error == QStringLiteral("server_error") || input.httpStatus >= 500) {
        b.d.id = DiagnosisId::TokenServerError;
        b.d.title = input.httpStatus >= 500
                        ? Tr::tr("The token endpoint failed with HTTP %1").arg(input.httpStatus)
                        : Tr::tr("The token endpoint reported server_error");
        // Facts §7 and §10 item 1: RS256 has been reported to end in a 500 server_error.
        b.cause(Tr::tr("The assertion uses RS256: since NetSuite stopped accepting it (1 March "
                       "2025), practitioners report HTTP 500 / server_error rather than a clear "
                       "refusal. Use PS256 with the same RSA key."));
        b.cause(Tr::tr("The assertion is malformed in a way NetSuite does not handle gracefully "
                       "(unusual header members, a non-canonical encoding, a wrong key type)."));
        b.cause(Tr::tr("A NetSuite outage or maintenance window."));
        b.check(Tr::tr("Inspect the assertion; retry later with backoff."));
        b.check(Tr::tr("Such failures may not appear in the Login Audit Trail."));
        b.look(auditTrail());
        return;
    }
    b.d.id = DiagnosisId::TokenOtherError;
    b.d.title = error.isEmpty()
                    ? Tr::tr("The token endpoint answered HTTP %1").arg(input.httpStatus)
                    : Tr::tr("The token endpoint answered %1 (HTTP %2)")
                          .arg(esc(error, 60))
                          .arg(input.httpStatus);
    if (error == QStringLiteral("unauthorized_client")) {
        b.cause(Tr::tr("The integration record is not allowed to use the client credentials "
                       "grant: check \"Client Credentials (Machine to Machine) Grant\"."));
    } else if (error == QStringLiteral("invalid_scope")) {
        b.cause(Tr::tr("The scope claim asks for a scope the integration record does not allow, "
                       "or a value NetSuite does not define."));
    } else if (error == QStringLiteral("unsupported_grant_type")) {
        b.cause(Tr::tr("grant_type is not client_credentials."));
    }
    b.cause(Tr::tr("The request did not reach NetSuite's token endpoint (a proxy or a wrong URL "
                   "answered), or NetSuite changed its answer."));
    b.check(Tr::tr("Check the token URL is https://<account label>.suitetalk.api.netsuite.com/"
                   "services/rest/auth/oauth2/v1/token."));
    b.look(auditTrail());
    b.look(integrationRecord());
}

bool isInvalidLogin(const FailureInput &input, const ServerError &s)
{
    return input.httpStatus == 401 || s.restErrorCode == QStringLiteral("INVALID_LOGIN")
           || s.restErrorCode == QStringLiteral("INVALID_LOGIN_ATTEMPT")
           || s.restletCode == QStringLiteral("INVALID_LOGIN_ATTEMPT")
           || s.bearerError == QStringLiteral("invalid_token");
}

void concurrencyCauses(Builder &b, const FailureInput &input)
{
    b.cause(Tr::tr("More requests run at once than the account's concurrency limit allows (%1 "
                   "in flight). The limit is shared by REST web services and RESTlets across "
                   "all integrations; developer accounts get 5, sandboxes match production.")
                .arg(input.requestsInFlight));
    b.look(governancePage());
    b.check(Tr::tr("Lower the parallelism and retry with exponential backoff (NetSuite is not "
                   "documented to send Retry-After)."));
}

void restDiagnosis(Builder &b, const FailureInput &input)
{
    const ServerError &s = b.d.server;
    const bool restlet = input.phase == FailurePhase::RestletCall;
    const int threshold = input.concurrencyLimit > 0 ? input.concurrencyLimit : 5;

    if (input.httpStatus == 429 || s.restletCode == QStringLiteral("SSS_REQUEST_LIMIT_EXCEEDED")
        || s.restErrorCode == QStringLiteral("SSS_REQUEST_LIMIT_EXCEEDED")) {
        b.d.id = DiagnosisId::ConcurrencyLimitExceeded;
        b.d.title = input.httpStatus == 429
                        ? Tr::tr("Too many requests (HTTP 429): the concurrency limit")
                        : Tr::tr("SSS_REQUEST_LIMIT_EXCEEDED: the concurrency limit");
        concurrencyCauses(b, input);
        b.cause(Tr::tr("Other integrations on the same account use part of the limit at the same "
                       "time."));
        b.check(Tr::tr("Check the limit and its allocation per integration; SuiteCloud Plus "
                       "licences add 10 each."));
        return;
    }
    if (s.restErrorCode == QStringLiteral("IDEMPOTENCY_ERROR")) {
        b.d.id = DiagnosisId::RestIdempotencyConflict;
        b.d.title = Tr::tr("The idempotency key was already used (IDEMPOTENCY_ERROR)");
        // Facts §5: Oracle's example is "HTTP 400 Conflict"; a duplicate gets the previous job.
        b.cause(Tr::tr("The X-NetSuite-Idempotency-Key was sent before: NetSuite treats this "
                       "request as a duplicate and points to the earlier job (Location)."));
        b.cause(Tr::tr("A retry reused the key on purpose: then the earlier request's result is "
                       "the answer, and nothing was written twice."));
        b.cause(Tr::tr("Two different requests share one key (the key must be a fresh UUID per "
                       "logical write)."));
        b.check(Tr::tr("Poll the earlier job (GET /services/rest/async/v1/job/<id>) instead of "
                       "sending again."));
        return;
    }
    if (isInvalidLogin(input, s)) {
        if (input.tokenFreshlyMinted && input.requestsInFlight >= threshold) {
            // Facts §5/§7: practitioners see 401 INVALID_LOGIN, not 429, over the concurrency
            // limit; a token minted seconds ago is unlikely to be expired or revoked.
            b.d.id = DiagnosisId::RestInvalidLoginConcurrency;
            b.d.title = Tr::tr("401 INVALID_LOGIN right after a fresh token, with %1 requests in "
                               "flight: probably the concurrency limit")
                            .arg(input.requestsInFlight);
            concurrencyCauses(b, input);
            b.cause(Tr::tr("Less likely with a fresh token: the role lacks a login permission or "
                           "the token's scope does not cover this service."));
            b.look(auditTrail());
            b.details({QStringLiteral("ScopeMismatched"), QStringLiteral("EntityOrRoleDisabled")});
            return;
        }
        b.d.id = DiagnosisId::RestInvalidLogin;
        b.d.title = Tr::tr("%1 refused the access token (401 %2)")
                        .arg(restlet ? Tr::tr("The RESTlet") : Tr::tr("REST web services"),
                             s.restErrorCode.isEmpty() ? QStringLiteral("INVALID_LOGIN")
                                                       : esc(s.restErrorCode, 40));
        if (!input.tokenFreshlyMinted) {
            b.cause(Tr::tr("The access token expired: they last 60 minutes and client "
                           "credentials have no refresh token. Mint a new assertion, exchange it, "
                           "retry once."));
        }
        b.cause(Tr::tr("The token's scope does not include this service: rest_webservices for "
                       "REST and SuiteQL, restlets for RESTlets."));
        b.cause(Tr::tr("The mapped role or entity was disabled, or the role lost \"Log in using "
                       "OAuth 2.0 Access Tokens\"."));
        b.cause(Tr::tr("The token is sent to another account's host (a sandbox token on "
                       "production, or the reverse)."));
        if (restlet) {
            b.cause(Tr::tr("The role is a \"Web Services Only Role\", which blocks RESTlets."));
        }
        b.cause(Tr::tr("Too many requests at once: over the concurrency limit, NetSuite has been "
                       "seen to answer 401 INVALID_LOGIN instead of a rate-limit error."));
        b.cause(Tr::tr("A Cookie header (from Postman or a browser session) travels with the "
                       "request, or a stale cached token is used."));
        b.cause(Tr::tr("The mapping was revoked, or the integration record disabled, after the "
                       "token was issued."));
        if (input.tokenFreshlyMinted) {
            b.cause(Tr::tr("An expired token is unlikely: this one was minted moments ago."));
        }
        b.check(Tr::tr("Inspect the access token (suitebench-cli jwt inspect) for its account, "
                       "scope and expiry."));
        b.look(auditTrail());
        b.look(rolePage());
        b.look(m2mSetupPage());
        b.details({QStringLiteral("AccessTokenExpired"), QStringLiteral("ScopeMismatched"),
                   QStringLiteral("InvalidScope"), QStringLiteral("EntityOrRoleDisabled"),
                   QStringLiteral("TokenRejected"), QStringLiteral("InvalidSignature"),
                   QStringLiteral("UnknownIntegration"), QStringLiteral("InvalidIntegration")});
        return;
    }
    const bool permissionText
        = s.restDetail.contains(QStringLiteral("permission"), Qt::CaseInsensitive)
          || s.restletMessage.contains(QStringLiteral("permission"), Qt::CaseInsensitive);
    if (input.httpStatus == 403 || s.restErrorCode == QStringLiteral("INSUFFICIENT_PERMISSION")) {
        b.d.id = DiagnosisId::RestInsufficientPermission;
        b.d.title = Tr::tr("The role may not do this (403 INSUFFICIENT_PERMISSION)");
        // Facts §7 trap #3: the token is fine, the role is not.
        b.cause(Tr::tr("The mapped role lacks the record permission this call needs (the token "
                       "itself was accepted)."));
        b.cause(Tr::tr("The role lacks \"REST Web Services\" (Full)."));
        b.cause(Tr::tr("The record is not available through REST web services, or only as a beta "
                       "record that must be enabled."));
        b.cause(Tr::tr("The feature behind the record is not enabled in this account."));
        b.check(Tr::tr("Use a dedicated integration role with exactly the record permissions "
                       "needed, not Administrator."));
        b.look(rolePage());
        b.look(featuresPage());
        return;
    }
    if (input.httpStatus == 400
        && (s.restErrorCode == QStringLiteral("USER_ERROR")
            || s.restletCode == QStringLiteral("USER_ERROR"))) {
        if (permissionText) {
            b.d.id = DiagnosisId::RestPermissionDenied400;
            b.d.title = Tr::tr("A permission denial reported as 400 USER_ERROR");
            // Facts §5: observed on collection GET, ?q= and SuiteQL without SuiteAnalytics
            // Workbook, while by-id GET and PATCH still work.
            b.cause(Tr::tr("The role lacks Reports > \"SuiteAnalytics Workbook\": NetSuite "
                           "refuses record lists, ?q= queries and SuiteQL with 400 USER_ERROR "
                           "while by-id reads still work."));
            b.cause(Tr::tr("The role lacks the record or list permission named in the detail."));
            b.check(Tr::tr("Treat 400 USER_ERROR with \"permission\" in the detail as a role "
                           "problem, not a request problem."));
            b.look(rolePage());
            return;
        }
        b.d.id = DiagnosisId::RestUserError;
        b.d.title = Tr::tr("NetSuite refused the request (400 USER_ERROR)");
        b.cause(Tr::tr("A business rule refused the data: the detail says which field."));
        b.cause(Tr::tr("A permission problem phrased as a user error (check the detail for "
                       "\"permission\")."));
        b.look(rolePage());
        return;
    }
    if (input.httpStatus == 400 && s.bearerError == QStringLiteral("invalid_request")) {
        b.d.id = DiagnosisId::RestInvalidRequest;
        b.d.title = Tr::tr("The request could not be understood (400 invalid_request)");
        b.cause(Tr::tr("The Authorization header is malformed: it must be \"Bearer <access "
                       "token>\" with one space and no quotes or line breaks."));
        b.cause(Tr::tr("Several credentials were sent (a Bearer token plus OAuth 1.0 "
                       "parameters or a Cookie)."));
        return;
    }
    if (input.httpStatus == 404) {
        b.d.id = DiagnosisId::RestNotFound;
        b.d.title = Tr::tr("Not found (404)");
        b.cause(Tr::tr("The record type or ID does not exist in this account (sandboxes and "
                       "production have different internal IDs)."));
        b.cause(Tr::tr("The path is wrong: records live under /services/rest/record/v1/<type>, "
                       "SuiteQL at /services/rest/query/v1/suiteql."));
        b.cause(Tr::tr("The record type is not exposed through REST web services in this "
                       "account, or the feature behind it is off."));
        b.look(featuresPage());
        return;
    }
    if (input.httpStatus >= 500) {
        b.d.id = DiagnosisId::RestServerError;
        b.d.title = Tr::tr("NetSuite failed with HTTP %1").arg(input.httpStatus);
        b.cause(Tr::tr("A server-side error or a script (user event, workflow) that failed on the "
                       "record."));
        b.cause(Tr::tr("A NetSuite outage or maintenance window."));
        b.check(Tr::tr("Retry reads with backoff; retry writes only with the same idempotency "
                       "key."));
        return;
    }
    b.d.id = DiagnosisId::HttpUnexpected;
    b.d.title
        = Tr::tr("An unexpected answer (HTTP %1%2)")
              .arg(input.httpStatus)
              .arg(s.primaryCode().isEmpty() ? QString()
                                             : QStringLiteral(" ") + esc(s.primaryCode(), 60));
    b.cause(Tr::tr("See the response body and the detail NetSuite gives."));
}

} // namespace

QString loginAuditTrailPath()
{
    return Tr::tr("Setup > Users/Roles > User Management > View Login Audit Trail");
}

QString ServerError::primaryCode() const
{
    for (const QString *code : {&oauthError, &restErrorCode, &restletCode, &bearerError}) {
        if (!code->isEmpty()) {
            return *code;
        }
    }
    return {};
}

ServerError parseServerError(const QByteArray &body, const QByteArray &wwwAuthenticate)
{
    ServerError error;
    parseBody(body, error);
    parseWwwAuthenticate(wwwAuthenticate, error);
    return error;
}

namespace DiagnosisId {
QList<QLatin1String> all()
{
    return {NetworkHostNotFound,
            NetworkTls,
            NetworkTimeout,
            NetworkConnectionRefused,
            NetworkOther,
            TokenInvalidClient,
            TokenMappingClearedByRefresh,
            TokenInvalidGrant,
            TokenInvalidRequest,
            TokenServerError,
            TokenOtherError,
            RestInvalidLogin,
            RestInvalidLoginConcurrency,
            RestInsufficientPermission,
            RestPermissionDenied400,
            RestUserError,
            RestInvalidRequest,
            RestNotFound,
            RestIdempotencyConflict,
            RestServerError,
            ConcurrencyLimitExceeded,
            HttpUnexpected};
}
} // namespace DiagnosisId

Diagnosis diagnose(const FailureInput &input, const Core::Clock &clock)
{
    Builder b;
    b.d.httpStatus = input.httpStatus;
    b.d.server = parseServerError(input.body, input.wwwAuthenticate);

    if (input.networkError != NetworkErrorKind::None) {
        networkDiagnosis(b, input);
    } else if (input.phase == FailurePhase::TokenExchange) {
        tokenDiagnosis(b, input);
    } else {
        restDiagnosis(b, input);
    }

    QStringList leading;
    // realm is the account NetSuite answered for (facts §4): a mismatch explains everything.
    const auto expected = expectedAccount(input);
    if (expected && !b.d.server.realm.isEmpty()) {
        const auto realmAccount = AccountId::parse(b.d.server.realm);
        if (!realmAccount || *realmAccount != *expected) {
            leading << Tr::tr("NetSuite answered for account \"%1\" (WWW-Authenticate realm), but "
                              "the environment is %2: the request went to another account's "
                              "host.")
                           .arg(esc(b.d.server.realm, 40), expected->canonical());
        }
    }
    // Clock skew against NetSuite's Date header (users doc §3 item 3).
    if (input.serverDate && input.serverDate->isValid()) {
        const qint64 skew = clock.nowSeconds() - input.serverDate->toSecsSinceEpoch();
        if (std::llabs(skew) > 60) {
            leading << Tr::tr("This computer's clock is %1 %2 NetSuite's (Date header): iat and "
                              "exp are judged by NetSuite's clock.")
                           .arg(humanDuration(skew),
                                skew > 0 ? Tr::tr("ahead of") : Tr::tr("behind"));
        }
    }
    // A rejected assertion at hand: its own errors are the most likely causes, so they go first.
    if (input.assertion && input.networkError == NetworkErrorKind::None) {
        InspectionContext context = input.context.value_or(InspectionContext{});
        if (!context.account && context.tokenUrl.isEmpty() && input.target) {
            const InspectionContext fromTarget = InspectionContext::forTarget(*input.target);
            context.account = fromTarget.account;
            context.tokenUrl = fromTarget.tokenUrl;
        }
        const Inspection inspection = inspect(*input.assertion, context, clock);
        QList<Finding> important;
        for (const Finding &f : inspection.findings) {
            if (f.severity != Severity::Info) {
                important << f;
            }
        }
        b.d.assertionFindings = sortedBySeverity(important);
        int added = 0;
        for (const Finding &f : std::as_const(b.d.assertionFindings)) {
            if (f.severity != Severity::Error || added >= maxAssertionCauses) {
                continue;
            }
            leading << Tr::tr("The assertion: %1 (%2)").arg(f.message, f.code);
            ++added;
        }
        if (added == 0 && input.phase == FailurePhase::TokenExchange) {
            b.d.checks.prepend(Tr::tr("The assertion passed every offline check; the cause is "
                                      "probably on NetSuite's side (mapping, certificate upload, "
                                      "integration record, role)."));
        }
    }
    b.d.causes = leading + b.d.causes;
    return b.d;
}

QJsonObject Diagnosis::toJson() const
{
    QJsonArray findings;
    for (const Finding &f : assertionFindings) {
        findings.append(f.toJson());
    }
    QJsonObject serverObject;
    auto put = [&serverObject](const QString &key, const QString &value) {
        if (!value.isEmpty()) {
            serverObject.insert(key, value);
        }
    };
    put(QStringLiteral("error"), server.oauthError);
    put(QStringLiteral("error_description"), server.oauthDescription);
    put(QStringLiteral("o:errorCode"), server.restErrorCode);
    put(QStringLiteral("detail"), server.restDetail);
    put(QStringLiteral("title"), server.restTitle);
    put(QStringLiteral("restlet_code"), server.restletCode);
    put(QStringLiteral("restlet_message"), server.restletMessage);
    put(QStringLiteral("auth_scheme"), server.authScheme);
    put(QStringLiteral("realm"), server.realm);
    put(QStringLiteral("bearer_error"), server.bearerError);
    put(QStringLiteral("bearer_error_description"), server.bearerDescription);
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("title"), title},
        {QStringLiteral("http_status"), httpStatus},
        {QStringLiteral("server"), serverObject},
        {QStringLiteral("causes"), QJsonArray::fromStringList(causes)},
        {QStringLiteral("checks"), QJsonArray::fromStringList(checks)},
        {QStringLiteral("where_to_look"), QJsonArray::fromStringList(whereToLook)},
        {QStringLiteral("audit_trail_details"), QJsonArray::fromStringList(auditTrailDetails)},
        {QStringLiteral("assertion_findings"), findings},
    };
}

QString Diagnosis::toText() const
{
    QString out = title + QStringLiteral("  [") + id + QStringLiteral("]\n");
    const QString code = server.primaryCode();
    if (!code.isEmpty() || !server.restDetail.isEmpty()) {
        out += Tr::tr("NetSuite said: %1").arg(esc(code, 60));
        if (!server.restDetail.isEmpty()) {
            out += QStringLiteral(" — ") + esc(server.restDetail, 300);
        } else if (!server.bearerDescription.isEmpty()) {
            out += QStringLiteral(" — ") + esc(server.bearerDescription, 300);
        }
        out += QLatin1Char('\n');
    }
    auto list = [&out](const QString &heading, const QStringList &items, bool numbered) {
        if (items.isEmpty()) {
            return;
        }
        out += heading + QLatin1Char('\n');
        for (qsizetype i = 0; i < items.size(); ++i) {
            out += numbered ? QStringLiteral("  %1. ").arg(i + 1) : QStringLiteral("  - ");
            out += items.at(i) + QLatin1Char('\n');
        }
    };
    list(Tr::tr("Likely causes, most likely first:"), causes, true);
    list(Tr::tr("Check:"), checks, false);
    list(Tr::tr("Where to look in NetSuite:"), whereToLook, false);
    if (!auditTrailDetails.isEmpty()) {
        out += Tr::tr("Login Audit Trail Detail values to look for: %1")
                   .arg(auditTrailDetails.join(QStringLiteral(", ")))
               + QLatin1Char('\n');
    }
    if (!assertionFindings.isEmpty()) {
        out += Tr::tr("Assertion findings:") + QLatin1Char('\n');
        for (const Finding &f : assertionFindings) {
            out += QStringLiteral("  ") + severityName(f.severity).toUpper().leftJustified(8)
                   + f.code + QStringLiteral("  [") + f.path + QStringLiteral("] ") + f.message
                   + QLatin1Char('\n');
        }
    }
    return out;
}

} // namespace Sb::NetSuite
