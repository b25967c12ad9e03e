// SPDX-License-Identifier: MIT
// REST web services and SuiteQL over the seeded demo data, in-process, through a plain
// QNetworkAccessManager: paging to the end, CRUD, q, idempotent create under a retried
// request, async jobs, SuiteQL, permissions, and every fault of the grammar.
#include "support/ResultTesting.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>

#include "EmulatorTestSupport.h"

using namespace Sb;
using namespace Sb::Emulator;
using namespace SbTest;
using Emu = Sb::Emulator::Emulator;

class TestEmulatorRest final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void pagesCustomersToTheEnd();
    void pagingParametersAreChecked();
    void getsRecordsWithReferences();
    void createUpdateDelete();
    void createRefusesBadBodies();
    void qFilter();
    void idempotentCreateUnderRetry();
    void asyncCreateAndJobPolling();
    void suiteQlQueries();
    void suiteQlPagesAndCaps();
    void suiteQlRefusals();
    void suiteQlTimeCap();
    void workbookDenial();
    void metadataGovernanceRotation();
    void faultStatusCountRetryAfter();
    void faultRateIsSeeded();
    void faultLatency();
    void faultDropBody();
    void faultSlowBody();
    void faultTokenTtl();
    void faultConcurrency_data();
    void faultConcurrency();
    void faultLimitedToMethodAndPath();
    void faultsOverAdminApi();

private:
    QByteArray tokenFor(EmulatorThread &emu, int role,
                        const QJsonValue &scope = QJsonArray{QStringLiteral("rest_webservices")});
    Reply rest(const QByteArray &method, const QString &path, const QByteArray &body = {},
               QList<QPair<QByteArray, QByteArray>> headers = {});
    Reply suiteQl(const QString &q, const QString &query = {}, const QByteArray &bearer = {});

    std::unique_ptr<EmulatorThread> m_emu;
    StartInfo m_info;
    QNetworkAccessManager m_nam;
    Crypto::PrivateKey m_key;
    QByteArray m_bearer;
};

void TestEmulatorRest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    auto key = Crypto::generateKey({Crypto::KeyType::Ec, 256, Crypto::Curve::P256});
    SB_VERIFY_RESULT(key);
    m_key = *key;
    Settings s;
    s.seedDemoData = true;
    s.seed = 42;
    s.suiteQlTimeoutMs = 1500;
    QElapsedTimer seedTime;
    seedTime.start();
    m_emu = std::make_unique<EmulatorThread>(s);
    auto info = m_emu->start();
    SB_VERIFY_RESULT(info);
    qInfo("emulator start with demo seed: %lld ms", seedTime.elapsed());
    m_info = *info;
    m_bearer = tokenFor(*m_emu, Emu::IntegrationRole);
    QVERIFY(!m_bearer.isEmpty());
}

void TestEmulatorRest::cleanupTestCase()
{
    m_emu.reset();
}

void TestEmulatorRest::cleanup()
{
    m_emu->clearFaults();
}

QByteArray TestEmulatorRest::tokenFor(EmulatorThread &emu, int role, const QJsonValue &scope)
{
    auto integ = emu.createIntegration();
    if (!integ) {
        return {};
    }
    auto key = Crypto::generateKey({Crypto::KeyType::Ec, 256, Crypto::Curve::P256});
    auto cert = emu.uploadCertificate(certificateFor(*key), integ->clientId, role);
    if (!cert) {
        return {};
    }
    Claims c;
    c.iss = integ->clientId;
    c.kid = cert->certificateId;
    c.aud = emu.info().audience;
    c.iat = emu.nowSeconds();
    c.exp = c.iat + 3600;
    c.scope = scope;
    const Reply r = send(m_nam, "POST", emu.info().tokenUrl,
                         tokenForm(mint(*key, Crypto::JwsAlgorithm::ES256, c)), formHeaders());
    return r.status == 200
               ? "Bearer " + r.json().value(QLatin1String("access_token")).toString().toLatin1()
               : QByteArray();
}

Reply TestEmulatorRest::rest(const QByteArray &method, const QString &path, const QByteArray &body,
                             QList<QPair<QByteArray, QByteArray>> headers)
{
    headers.append(qMakePair(QByteArray("Authorization"), m_bearer));
    if (!body.isEmpty()) {
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    }
    return send(m_nam, method, QUrl(m_info.restUrl.toString() + path), body, headers);
}

Reply TestEmulatorRest::suiteQl(const QString &q, const QString &query, const QByteArray &bearer)
{
    QUrl url = m_info.suiteQlUrl;
    url.setQuery(query);
    return send(m_nam, "POST", url, QJsonDocument(QJsonObject{{QStringLiteral("q"), q}}).toJson(),
                {{"Authorization", bearer.isEmpty() ? m_bearer : bearer},
                 {"Prefer", "transient"},
                 {"Content-Type", "application/json"}});
}

void TestEmulatorRest::pagesCustomersToTheEnd()
{
    QSet<QString> ids;
    qint64 total = -1;
    QString next = QStringLiteral("/customer");
    int pages = 0;
    while (!next.isEmpty() && pages < 20) {
        const Reply r = rest("GET", next);
        QCOMPARE(r.status, 200);
        const QJsonObject page = r.json();
        total = page.value(QLatin1String("totalResults")).toInteger();
        const QJsonArray items = page.value(QLatin1String("items")).toArray();
        QCOMPARE(page.value(QLatin1String("count")).toInt(), items.size());
        QVERIFY(items.size() <= 1000);
        for (const auto &item : items) {
            ids.insert(item.toObject().value(QLatin1String("id")).toString());
            QVERIFY(item.toObject()
                        .value(QLatin1String("links"))
                        .toArray()
                        .at(0)
                        .toObject()
                        .value(QLatin1String("href"))
                        .toString()
                        .contains(QLatin1String("/customer/")));
        }
        next.clear();
        for (const auto &l : page.value(QLatin1String("links")).toArray()) {
            if (l.toObject().value(QLatin1String("rel")).toString() == QLatin1String("next")) {
                next = l.toObject()
                           .value(QLatin1String("href"))
                           .toString()
                           .mid(m_info.restUrl.toString().size());
            }
        }
        QCOMPARE(page.value(QLatin1String("hasMore")).toBool(), !next.isEmpty());
        ++pages;
    }
    QVERIFY(total >= 2500);
    QCOMPARE(qint64(ids.size()), total);
    QCOMPARE(pages, int((total + 999) / 1000));
}

void TestEmulatorRest::pagingParametersAreChecked()
{
    const Reply small = rest("GET", QStringLiteral("/contact?limit=10&offset=20"));
    QCOMPARE(small.status, 200);
    QCOMPARE(small.json().value(QLatin1String("count")).toInt(), 10);
    QCOMPARE(small.json().value(QLatin1String("offset")).toInt(), 20);
    QCOMPARE(rest("GET", QStringLiteral("/contact?limit=1001")).status, 400);
    QCOMPARE(rest("GET", QStringLiteral("/contact?limit=0")).status, 400);
    QCOMPARE(rest("GET", QStringLiteral("/contact?offset=-1")).errorCode(),
             QStringLiteral("INVALID_PARAMETER"));
    QCOMPARE(rest("GET", QStringLiteral("/nosuchtype")).status, 404);
}

void TestEmulatorRest::getsRecordsWithReferences()
{
    const Reply c = rest("GET", QStringLiteral("/customer/101"));
    QCOMPARE(c.status, 200);
    QCOMPARE(c.json().value(QLatin1String("id")).toString(), QStringLiteral("101"));
    QVERIFY(!c.json().value(QLatin1String("companyName")).toString().isEmpty());
    QVERIFY(c.json().value(QLatin1String("isPerson")).isBool());
    const Reply so = rest("GET", QStringLiteral("/salesOrder/300001?expandSubResources=true"));
    QCOMPARE(so.status, 200);
    const QJsonObject order = so.json();
    QVERIFY(order.value(QLatin1String("tranId")).toString().startsWith(QLatin1String("SO")));
    QVERIFY(order.value(QLatin1String("entity")).toObject().contains(QLatin1String("refName")));
    QVERIFY(!order.value(QLatin1String("item"))
                 .toObject()
                 .value(QLatin1String("items"))
                 .toArray()
                 .isEmpty());
    QVERIFY(order.value(QLatin1String("status")).toObject().contains(QLatin1String("refName")));
    // Case-insensitive record type, as NetSuite's URLs allow.
    QCOMPARE(rest("GET", QStringLiteral("/salesorder/300001")).status, 200);
    const Reply missing = rest("GET", QStringLiteral("/customer/99999999"));
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.errorCode(), QStringLiteral("NONEXISTENT_ID"));
    QCOMPARE(missing.json().value(QLatin1String("status")).toInt(), 404);
}

void TestEmulatorRest::createUpdateDelete()
{
    const qint64 before = m_emu->counters().recordsCreated;
    const Reply created = rest(
        "POST", QStringLiteral("/customer"),
        R"({"companyName":"Suitebench Test Co","email":"t@example.com","isInactive":false})");
    QCOMPARE(created.status, 204);
    const QByteArray location = created.header("Location");
    QVERIFY(location.startsWith(QByteArray(m_info.restUrl.toString().toLatin1() + "/customer/")));
    QCOMPARE(m_emu->counters().recordsCreated, before + 1);
    const QString path = QString::fromLatin1(location).mid(m_info.restUrl.toString().size());
    QCOMPARE(rest("GET", path).json().value(QLatin1String("companyName")).toString(),
             QStringLiteral("Suitebench Test Co"));
    QCOMPARE(rest("PATCH", path, R"({"phone":"555-0100"})").status, 204);
    QCOMPARE(rest("GET", path).json().value(QLatin1String("phone")).toString(),
             QStringLiteral("555-0100"));
    QCOMPARE(rest("DELETE", path).status, 204);
    QCOMPARE(rest("GET", path).status, 404);
    QCOMPARE(rest("DELETE", path).status, 404);

    const Reply order = rest(
        "POST", QStringLiteral("/salesOrder"),
        R"({"entity":{"id":"101"},"item":{"items":[{"item":{"id":"200001"},"quantity":2,"rate":10.5}]}})");
    QCOMPARE(order.status, 204);
    const QString orderPath
        = QString::fromLatin1(order.header("Location")).mid(m_info.restUrl.toString().size());
    QCOMPARE(rest("GET", orderPath).json().value(QLatin1String("total")).toDouble(), 21.0);
}

void TestEmulatorRest::createRefusesBadBodies()
{
    const Reply missing = rest("POST", QStringLiteral("/customer"), R"({"email":"x@example.com"})");
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.errorCode(), QStringLiteral("USER_ERROR"));
    QVERIFY(missing.body.contains("Please enter value(s) for: Company Name"));
    QCOMPARE(rest("POST", QStringLiteral("/customer"), R"({"companyName":"X","colour":"red"})")
                 .errorCode(),
             QStringLiteral("INVALID_CONTENT"));
    QCOMPARE(rest("POST", QStringLiteral("/customer"), "[1,2]").errorCode(),
             QStringLiteral("INVALID_CONTENT"));
    QCOMPARE(rest("POST", QStringLiteral("/contact"), R"({"firstName":"A","company":{"id":"1"}})")
                 .errorCode(),
             QStringLiteral("USER_ERROR"));
    QCOMPARE(rest("POST", QStringLiteral("/salesOrder"), R"({"entity":{"id":"101"}})").status, 400);
}

void TestEmulatorRest::qFilter()
{
    const Reply none = rest("GET", QStringLiteral("/customer?q=")
                                       + QString::fromLatin1(QUrl::toPercentEncoding(
                                           QStringLiteral("companyName IS \"no such company\""))));
    QCOMPARE(none.status, 200);
    QCOMPARE(none.json().value(QLatin1String("totalResults")).toInt(), 0);
    QCOMPARE(none.json().value(QLatin1String("count")).toInt(), 0);
    const Reply some = rest("GET", QStringLiteral("/customer?q=")
                                       + QString::fromLatin1(QUrl::toPercentEncoding(
                                           QStringLiteral("id ANY_OF [101, 102, 103]"))));
    QCOMPARE(some.json().value(QLatin1String("totalResults")).toInt(), 3);
    const Reply bad = rest("GET", QStringLiteral("/customer?q=nosuch%20IS%201"));
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.json()
                 .value(QLatin1String("o:errorDetails"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("o:errorQueryParam"))
                 .toString(),
             QStringLiteral("q"));
}

void TestEmulatorRest::idempotentCreateUnderRetry()
{
    // The first attempt is created but its answer is cut; the retry with the same key does
    // not create a second record and points at the first.
    SB_VERIFY_RESULT(m_emu->addFault(
        QStringLiteral("drop-body,count=1,method=POST,path=/services/rest/record/v1/customer")));
    const qint64 before = m_emu->counters().recordsCreated;
    const QByteArray key = "cac827ea-3543-4cda-add2-bae634326c27";
    const QByteArray body = R"({"companyName":"Idempotent Co"})";
    const Reply first
        = rest("POST", QStringLiteral("/customer"), body, {{"X-NetSuite-Idempotency-Key", key}});
    QVERIFY(first.error != QNetworkReply::NoError);
    const Reply retry
        = rest("POST", QStringLiteral("/customer"), body, {{"X-NetSuite-Idempotency-Key", key}});
    QCOMPARE(retry.status, 400);
    QCOMPARE(retry.errorCode(), QStringLiteral("IDEMPOTENCY_ERROR"));
    QCOMPARE(retry.json().value(QLatin1String("title")).toString(), QStringLiteral("Conflict"));
    QVERIFY(retry.header("Location").contains("/customer/"));
    QCOMPARE(m_emu->counters().recordsCreated, before + 1);
    const QString path
        = QString::fromLatin1(retry.header("Location")).mid(m_info.restUrl.toString().size());
    QCOMPARE(rest("GET", path).json().value(QLatin1String("companyName")).toString(),
             QStringLiteral("Idempotent Co"));
}

void TestEmulatorRest::asyncCreateAndJobPolling()
{
    const Reply accepted
        = rest("POST", QStringLiteral("/customer"), R"({"companyName":"Async Co"})",
               {{"Prefer", "respond-async"},
                {"X-NetSuite-Idempotency-Key", "0b7d7a9e-1111-4a55-9c1e-3c5f1e1e0001"}});
    QCOMPARE(accepted.status, 202);
    QCOMPARE(accepted.header("Preference-Applied"), QByteArray("respond-async"));
    const QUrl job(QString::fromLatin1(accepted.header("Location")));
    QVERIFY(job.path().startsWith(QLatin1String("/services/rest/async/v1/job/")));
    const Reply status = send(m_nam, "GET", job, {}, {{"Authorization", m_bearer}});
    QCOMPARE(status.status, 200);
    QCOMPARE(status.json().value(QLatin1String("completed")).toBool(), true);
    QCOMPARE(status.json().value(QLatin1String("progress")).toString(),
             QStringLiteral("succeeded"));
    const QString id = status.json().value(QLatin1String("id")).toString();
    const Reply result
        = send(m_nam, "GET",
               QUrl(job.toString() + QStringLiteral("/task/") + id + QStringLiteral("/result")), {},
               {{"Authorization", m_bearer}});
    QCOMPARE(result.status, 204);
    QVERIFY(result.header("Location").contains("/customer/"));
    // A duplicate async request gets the previous job's Location.
    const Reply dup
        = rest("POST", QStringLiteral("/customer"), R"({"companyName":"Async Co"})",
               {{"Prefer", "respond-async"},
                {"X-NetSuite-Idempotency-Key", "0b7d7a9e-1111-4a55-9c1e-3c5f1e1e0001"}});
    QCOMPARE(dup.errorCode(), QStringLiteral("IDEMPOTENCY_ERROR"));
    QCOMPARE(QUrl(QString::fromLatin1(dup.header("Location"))), job);
}

void TestEmulatorRest::suiteQlQueries()
{
    const Reply count = suiteQl(QStringLiteral("SELECT COUNT(*) AS n FROM customer"));
    QCOMPARE(count.status, 200);
    const QJsonObject row = count.json().value(QLatin1String("items")).toArray().at(0).toObject();
    QVERIFY(row.value(QLatin1String("n")).toString().toInt() >= 2500); // values come as strings
    QVERIFY(row.value(QLatin1String("links")).isArray());

    const Reply join = suiteQl(QStringLiteral(
        "SELECT t.tranid, BUILTIN.DF(t.entity) AS customer, BUILTIN.DF(t.status) AS status, "
        "NVL(t.memo, 'none') AS memo FROM transaction t WHERE t.type = 'SalesOrd' AND ROWNUM <= 5 "
        "ORDER BY t.id"));
    QCOMPARE(join.status, 200);
    const QJsonArray items = join.json().value(QLatin1String("items")).toArray();
    QCOMPARE(items.size(), 5);
    QVERIFY(items[0]
                .toObject()
                .value(QLatin1String("status"))
                .toString()
                .startsWith(QLatin1String("Sales Order : ")));
    QVERIFY(!items[0].toObject().value(QLatin1String("customer")).toString().isEmpty());

    const Reply lines
        = suiteQl(QStringLiteral("SELECT tl.item, SUM(tl.quantity) FROM transactionline tl JOIN "
                                 "item i ON i.id = tl.item "
                                 "WHERE i.itemtype = 'InvtPart' GROUP BY tl.item ORDER BY tl.item"),
                  QStringLiteral("limit=3"));
    QCOMPARE(lines.status, 200);
    QCOMPARE(lines.json().value(QLatin1String("count")).toInt(), 3);
    QVERIFY(lines.json()
                .value(QLatin1String("items"))
                .toArray()
                .at(0)
                .toObject()
                .contains(QLatin1String("expr1")));
    QVERIFY(lines.json().value(QLatin1String("hasMore")).toBool());
}

void TestEmulatorRest::suiteQlPagesAndCaps()
{
    const QString q = QStringLiteral("SELECT id FROM contact ORDER BY id");
    const Reply first = suiteQl(q, QStringLiteral("limit=1000&offset=0"));
    QCOMPARE(first.status, 200);
    const int total = first.json().value(QLatin1String("totalResults")).toInt();
    QVERIFY(total >= 3000);
    const Reply last
        = suiteQl(q, QStringLiteral("limit=1000&offset=%1").arg((total - 1) / 1000 * 1000));
    QCOMPARE(last.json().value(QLatin1String("hasMore")).toBool(), false);
    QCOMPARE(suiteQl(q, QStringLiteral("limit=5000")).status, 400);
    QCOMPARE(suiteQl(q, QStringLiteral("offset=100000")).status, 400);
}

void TestEmulatorRest::suiteQlRefusals()
{
    QCOMPARE(suiteQl(QStringLiteral("SELECT * FROM sqlite_master")).errorCode(),
             QStringLiteral("INVALID_PARAMETER"));
    QCOMPARE(suiteQl(QStringLiteral("SELECT id FROM customer; DELETE FROM customer")).status, 400);
    QCOMPARE(suiteQl(QStringLiteral("SELECT nosuchcolumn FROM customer")).status, 400);
    QCOMPARE(suiteQl(QStringLiteral("SELECT id FROM customer LIMIT 3")).status, 400);
    // Bind parameters are refused as NetSuite does: 400 INVALID_CONTENT.
    const Reply params = send(m_nam, "POST", m_info.suiteQlUrl,
                              R"({"q":"SELECT id FROM customer WHERE id = ?","params":[101]})",
                              {{"Authorization", m_bearer},
                               {"Prefer", "transient"},
                               {"Content-Type", "application/json"}});
    QCOMPARE(params.status, 400);
    QCOMPARE(params.errorCode(), QStringLiteral("INVALID_CONTENT"));
    // Prefer: transient is required (a setting).
    const Reply noPrefer
        = send(m_nam, "POST", m_info.suiteQlUrl, R"({"q":"SELECT id FROM customer"})",
               {{"Authorization", m_bearer}, {"Content-Type", "application/json"}});
    QCOMPARE(noPrefer.status, 400);
    // The connection is read-only whatever the text says.
    QCOMPARE(
        suiteQl(QStringLiteral("SELECT id FROM customer WHERE id IN (SELECT load_extension('x'))"))
            .status,
        400);
}

void TestEmulatorRest::suiteQlTimeCap()
{
    QElapsedTimer t;
    t.start();
    const Reply r
        = suiteQl(QStringLiteral("SELECT COUNT(*) FROM customer a, customer b, customer c"));
    QCOMPARE(r.status, 400);
    QVERIFY(r.body.contains("timed out"));
    QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
}

void TestEmulatorRest::workbookDenial()
{
    const QByteArray bearer = tokenFor(*m_emu, Emu::NoWorkbookRole);
    QVERIFY(!bearer.isEmpty());
    const QUrl list(m_info.restUrl.toString() + QStringLiteral("/customer"));
    const Reply r = send(m_nam, "GET", list, {}, {{"Authorization", bearer}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("USER_ERROR"));
    QCOMPARE(send(m_nam, "GET", QUrl(list.toString() + QStringLiteral("/101")), {},
                  {{"Authorization", bearer}})
                 .status,
             200);
    QCOMPARE(suiteQl(QStringLiteral("SELECT id FROM customer"), {}, bearer).status, 400);
    const QByteArray viewOnly = tokenFor(*m_emu, Emu::ViewOnlyRole);
    const Reply denied = send(m_nam, "POST", list, R"({"companyName":"X"})",
                              {{"Authorization", viewOnly}, {"Content-Type", "application/json"}});
    QCOMPARE(denied.status, 403);
    QCOMPARE(denied.errorCode(), QStringLiteral("INSUFFICIENT_PERMISSION"));
}

void TestEmulatorRest::metadataGovernanceRotation()
{
    const Reply catalog
        = rest("GET", QStringLiteral("/metadata-catalog?select=customer,salesOrder"));
    QCOMPARE(catalog.status, 200);
    QCOMPARE(catalog.json().value(QLatin1String("items")).toArray().size(), 2);
    QCOMPARE(rest("GET", QStringLiteral("/metadata-catalog/customer"), {},
                  {{"Accept", "application/swagger+json"}})
                 .json()
                 .value(QLatin1String("openapi"))
                 .toString(),
             QStringLiteral("3.0.1"));
    const QUrl governance(m_info.baseUrl.toString()
                          + QStringLiteral("/services/rest/system/v1/governanceLimits"));
    QCOMPARE(send(m_nam, "GET", governance, {}, {{"Authorization", m_bearer}}).status, 403);
    const QByteArray admin = tokenFor(*m_emu, Emu::AdministratorRole);
    const Reply limits = send(m_nam, "GET", governance, {}, {{"Authorization", admin}});
    QCOMPARE(limits.status, 200);
    QCOMPARE(limits.json().value(QLatin1String("accountConcurrencyLimit")).toInt(), 15);

    // Certificate rotation (2026.1): the integration role may manage its own certificates.
    const auto token = Jwt::decode(m_bearer.mid(7));
    const QString clientId
        = token->payload.object.value(QLatin1String("aud")).toArray().at(1).toString();
    const QUrl certs(m_info.baseUrl.toString()
                     + QStringLiteral("/services/rest/auth/oauth2/v1/clients/") + clientId
                     + QStringLiteral("/certificates"));
    const Reply listed = send(m_nam, "GET", certs, {}, {{"Authorization", m_bearer}});
    QCOMPARE(listed.status, 200);
    QCOMPARE(listed.json().value(QLatin1String("items")).toArray().size(), 1);
    auto newKey = Crypto::generateKey({Crypto::KeyType::Ec, 384, Crypto::Curve::P384});
    const Reply uploaded
        = send(m_nam, "POST", certs,
               QJsonDocument(
                   QJsonObject{{QStringLiteral("fileContent"),
                                QString::fromLatin1(certificateFor(*newKey))},
                               {QStringLiteral("role"), QString::number(Emu::IntegrationRole)},
                               {QStringLiteral("entity"), QString::number(Emu::IntegrationEntity)}})
                   .toJson(),
               {{"Authorization", m_bearer}, {"Content-Type", "application/json"}});
    QCOMPARE(uploaded.status, 200);
    const QString newId = uploaded.json().value(QLatin1String("certificateId")).toString();
    QCOMPARE(newId.size(), 43);
    QCOMPARE(send(m_nam, "POST",
                  QUrl(certs.toString() + QLatin1Char('/') + newId + QStringLiteral("/revoke")), {},
                  {{"Authorization", m_bearer}})
                 .status,
             204);
}

void TestEmulatorRest::faultStatusCountRetryAfter()
{
    SB_VERIFY_RESULT(m_emu->addFault(QStringLiteral("status=429,count=2,retry-after=2")));
    for (int i = 0; i < 2; ++i) {
        const Reply r = rest("GET", QStringLiteral("/customer/101"));
        QCOMPARE(r.status, 429);
        QCOMPARE(r.header("Retry-After"), QByteArray("2"));
        QVERIFY(r.json().contains(QLatin1String("o:errorDetails")));
    }
    QCOMPARE(rest("GET", QStringLiteral("/customer/101")).status, 200);
    // Counts apply to token calls too.
    SB_VERIFY_RESULT(m_emu->addFault(QStringLiteral("status=503,count=1")));
    const Reply t = send(m_nam, "POST", m_info.tokenUrl, "grant_type=x", formHeaders());
    QCOMPARE(t.status, 503);
    QCOMPARE(t.json().value(QLatin1String("error")).toString(), QStringLiteral("server_error"));
}

void TestEmulatorRest::faultRateIsSeeded()
{
    SB_VERIFY_RESULT(m_emu->addFault(QStringLiteral("status=503,rate=0.5")));
    int failures = 0;
    for (int i = 0; i < 40; ++i) {
        failures += rest("GET", QStringLiteral("/customer/101")).status == 503 ? 1 : 0;
    }
    QVERIFY2(failures > 5 && failures < 35, qPrintable(QString::number(failures)));
}

void TestEmulatorRest::faultLatency()
{
    SB_VERIFY_RESULT(m_emu->addFault(QStringLiteral("latency-ms=300,count=1")));
    QElapsedTimer t;
    t.start();
    QCOMPARE(rest("GET", QStringLiteral("/customer/101")).status, 200);
    QVERIFY(t.elapsed() >= 290);
    t.restart();
    QCOMPARE(rest("GET", QStringLiteral("/customer/101")).status, 200);
    QVERIFY(t.elapsed() < 290);
}

void TestEmulatorRest::faultDropBody()
{
    SB_VERIFY_RESULT(m_emu->addFault(QStringLiteral("drop-body,count=1")));
    const Reply cut = rest("GET", QStringLiteral("/customer/101"));
    QCOMPARE(cut.status, 200); // Qt reports 200 and a short body (reliability doc §0 item 3)
    QVERIFY(cut.error != QNetworkReply::NoError);
    QCOMPARE(rest("GET", QStringLiteral("/customer/101")).error, QNetworkReply::NoError);
}

void TestEmulatorRest::faultSlowBody()
{
    SB_VERIFY_RESULT(m_emu->addFault(QStringLiteral("slow-body=50,chunk-bytes=64,count=1")));
    QElapsedTimer t;
    t.start();
    const Reply r = rest("GET", QStringLiteral("/customer/101"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.error, QNetworkReply::NoError);
    QVERIFY(r.json().contains(QLatin1String("companyName")));
    const qint64 chunks = (r.body.size() + 63) / 64;
    QVERIFY2(t.elapsed() >= (chunks - 1) * 50 - 20, qPrintable(QString::number(t.elapsed())));
}

void TestEmulatorRest::faultTokenTtl()
{
    SB_VERIFY_RESULT(m_emu->addFault(QStringLiteral("token-ttl=5")));
    // token-ttl does not touch REST calls…
    QCOMPARE(rest("GET", QStringLiteral("/customer/101")).status, 200);
    EmulatorThread &emu = *m_emu;
    auto integ = emu.createIntegration();
    auto cert = emu.uploadCertificate(certificateFor(m_key), integ->clientId);
    SB_VERIFY_RESULT(cert);
    Claims c;
    c.iss = integ->clientId;
    c.kid = cert->certificateId;
    c.aud = m_info.audience;
    c.iat = emu.nowSeconds();
    c.exp = c.iat + 60;
    const Reply t = send(m_nam, "POST", m_info.tokenUrl,
                         tokenForm(mint(m_key, Crypto::JwsAlgorithm::ES256, c)), formHeaders());
    QCOMPARE(t.status, 200);
    QCOMPARE(t.json().value(QLatin1String("expires_in")).toString(), QStringLiteral("5"));
    const QByteArray bearer
        = "Bearer " + t.json().value(QLatin1String("access_token")).toString().toLatin1();
    const QUrl url(m_info.restUrl.toString() + QStringLiteral("/customer/101"));
    QCOMPARE(send(m_nam, "GET", url, {}, {{"Authorization", bearer}}).status, 200);
    emu.advanceClock(6);
    const Reply expired = send(m_nam, "GET", url, {}, {{"Authorization", bearer}});
    emu.advanceClock(-6);
    QCOMPARE(expired.status, 401);
}

void TestEmulatorRest::faultConcurrency_data()
{
    QTest::addColumn<QString>("over");
    QTest::addColumn<int>("status");
    QTest::newRow("429") << "429" << 429;
    QTest::newRow("401") << "401" << 401;
    QTest::newRow("400 RESTlet style") << "400" << 400;
}

void TestEmulatorRest::faultConcurrency()
{
    QFETCH(QString, over);
    QFETCH(int, status);
    SB_VERIFY_RESULT(m_emu->addFault(QStringLiteral("latency-ms=400")));
    SB_VERIFY_RESULT(m_emu->addFault(QStringLiteral("concurrency=2,over=") + over));
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 5; ++i) {
        QNetworkRequest request(QUrl(m_info.restUrl.toString() + QStringLiteral("/customer/101")));
        request.setRawHeader("Authorization", m_bearer);
        request.setTransferTimeout(10000);
        replies.append(m_nam.get(request));
    }
    QElapsedTimer t;
    t.start();
    auto allDone = [&] {
        return std::all_of(replies.begin(), replies.end(),
                           [](QNetworkReply *r) { return r->isFinished(); });
    };
    while (!allDone() && t.elapsed() < 10000) {
        QTest::qWait(20);
    }
    QVERIFY(allDone());
    int ok = 0;
    int refused = 0;
    for (QNetworkReply *r : replies) {
        const int s = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = r->readAll();
        if (s == 200) {
            ++ok;
        } else if (s == status) {
            ++refused;
            if (status == 400) {
                QVERIFY(body.contains("SSS_REQUEST_LIMIT_EXCEEDED"));
            }
        }
        r->deleteLater();
    }
    QCOMPARE(ok, 2);
    QCOMPARE(refused, 3);
}

void TestEmulatorRest::faultLimitedToMethodAndPath()
{
    SB_VERIFY_RESULT(m_emu->addFault(
        QStringLiteral("status=500,method=POST,path=/services/rest/record/v1/contact")));
    QCOMPARE(rest("GET", QStringLiteral("/contact/100001")).status, 200);
    QCOMPARE(rest("POST", QStringLiteral("/customer"), R"({"companyName":"Path Co"})").status, 204);
    const Reply r = rest("POST", QStringLiteral("/contact"), R"({"firstName":"A"})");
    QCOMPARE(r.status, 500);
    QCOMPARE(r.errorCode(), QStringLiteral("UNEXPECTED_ERROR"));
}

void TestEmulatorRest::faultsOverAdminApi()
{
    const QUrl faults(m_info.baseUrl.toString() + QStringLiteral("/__emulator/faults"));
    const Reply added = send(m_nam, "POST", faults, R"({"spec":"status=418,count=1"})",
                             {{"Content-Type", "application/json"}});
    QCOMPARE(added.status, 201);
    QCOMPARE(send(m_nam, "POST", faults, R"({"spec":"status=999"})",
                  {{"Content-Type", "application/json"}})
                 .status,
             400);
    QCOMPARE(send(m_nam, "GET", faults).json().isEmpty(), true); // an array, not an object
    QVERIFY(send(m_nam, "GET", faults).body.contains("status=418"));
    QCOMPARE(send(m_nam, "DELETE", faults).status, 204);
    QCOMPARE(rest("GET", QStringLiteral("/customer/101")).status, 200);
}

QTEST_GUILESS_MAIN(TestEmulatorRest)
#include "TestEmulatorRest.moc"
