// SPDX-License-Identifier: MIT
// Pure functions of the emulator: fault grammar, SuiteQL translation, token form, q filter,
// settings. No server.
#include "emulator/FaultSpec.h"
#include "emulator/RecordTypes.h"
#include "emulator/Settings.h"
#include "emulator/SuiteQl.h"
#include "emulator/TokenRequest.h"
#include "support/ResultTesting.h"

#include <QJsonArray>
#include <QTest>

using namespace Sb::Emulator;

class TestEmulatorRules final : public QObject
{
    Q_OBJECT

private slots:
    void parsesFaultSpecs_data();
    void parsesFaultSpecs();
    void refusesBadFaultSpecs_data();
    void refusesBadFaultSpecs();
    void faultPathMatching();
    void translatesSuiteQl_data();
    void translatesSuiteQl();
    void refusesOutsideSubset_data();
    void refusesOutsideSubset();
    void parsesTokenForm();
    void refusesBadTokenForms_data();
    void refusesBadTokenForms();
    void scopeClaimForms();
    void recordQueryFilter();
    void settingsJsonRoundTrip();
    void settingsRefuseNonLoopbackAndTypos();
};

void TestEmulatorRules::parsesFaultSpecs_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("normalised");
    // clang-format off
    QTest::newRow("429x5")        << "status=429,count=5" << "status=429,count=5";
    QTest::newRow("retry-after")  << "status=429,count=5,retry-after=2" << "status=429,count=5,retry-after=2";
    QTest::newRow("rate")         << "status=503,rate=0.2" << "status=503,rate=0.2";
    QTest::newRow("latency")      << "latency-ms=300" << "latency-ms=300";
    QTest::newRow("drop")         << "drop-body=0.1" << "drop-body=0.1";
    QTest::newRow("drop always")  << "drop-body" << "drop-body";
    QTest::newRow("slow")         << "slow-body" << "slow-body=200,chunk-bytes=16";
    QTest::newRow("ttl")          << "token-ttl=5" << "token-ttl=5";
    QTest::newRow("concurrency")  << "concurrency=5,over=401" << "concurrency=5,over=401";
    QTest::newRow("limited")      << " method=post , path=/services/rest/record/v1/customer,status=500"
                                  << "status=500,method=POST,path=/services/rest/record/v1/customer";
    // clang-format on
}

void TestEmulatorRules::parsesFaultSpecs()
{
    QFETCH(QString, spec);
    QFETCH(QString, normalised);
    const auto parsed = parseFaultSpec(spec);
    SB_VERIFY_RESULT(parsed);
    QCOMPARE(parsed->toSpec(), normalised);
    // The normalised form parses back to the same thing.
    QCOMPARE(parseFaultSpec(parsed->toSpec())->toSpec(), normalised);
}

void TestEmulatorRules::refusesBadFaultSpecs_data()
{
    QTest::addColumn<QString>("spec");
    QTest::newRow("empty") << "";
    QTest::newRow("no effect") << "count=5";
    QTest::newRow("unknown key") << "status=429,colour=red";
    QTest::newRow("status range") << "status=999";
    QTest::newRow("rate range") << "status=500,rate=1.5";
    QTest::newRow("twice") << "status=500,status=503";
    QTest::newRow("over alone") << "status=500,over=429";
    QTest::newRow("over value") << "concurrency=2,over=418";
    QTest::newRow("relative path") << "status=500,path=services";
    QTest::newRow("retry without status") << "latency-ms=5,retry-after=2";
    QTest::newRow("empty part") << "status=500,,count=1";
}

void TestEmulatorRules::refusesBadFaultSpecs()
{
    QFETCH(QString, spec);
    SB_VERIFY_ERROR(parseFaultSpec(spec), EmulatorError::Code::InvalidFaultSpec);
}

void TestEmulatorRules::faultPathMatching()
{
    const auto f = parseFaultSpec(
        QStringLiteral("status=500,method=POST,path=/services/rest/record/v1/customer"));
    SB_VERIFY_RESULT(f);
    QVERIFY(
        f->matches(QStringLiteral("POST"), QStringLiteral("/services/rest/record/v1/customer")));
    QVERIFY(
        f->matches(QStringLiteral("post"), QStringLiteral("/services/rest/record/v1/customer/5")));
    QVERIFY(
        !f->matches(QStringLiteral("GET"), QStringLiteral("/services/rest/record/v1/customer")));
    QVERIFY(
        !f->matches(QStringLiteral("POST"), QStringLiteral("/services/rest/record/v1/customers")));
}

void TestEmulatorRules::translatesSuiteQl_data()
{
    QTest::addColumn<QString>("suiteQl");
    QTest::addColumn<QString>("sql");
    // clang-format off
    QTest::newRow("plain") << "SELECT id, companyname FROM customer" << "SELECT id, companyname FROM customer";
    QTest::newRow("transaction quoted") << "SELECT t.id FROM transaction t WHERE t.type = 'SalesOrd'"
                                        << "SELECT t.id FROM \"transaction\" t WHERE t.type = 'SalesOrd'";
    QTest::newRow("NVL") << "SELECT NVL(email, 'none') AS e FROM customer" << "SELECT IFNULL(email, 'none') AS e FROM customer";
    QTest::newRow("expr alias") << "SELECT COUNT(*) FROM customer" << "SELECT COUNT(*) AS expr1 FROM customer";
    QTest::newRow("rownum") << "SELECT id FROM customer WHERE ROWNUM <= 10 ORDER BY id"
                            << "SELECT id FROM customer ORDER BY id LIMIT 10";
    QTest::newRow("rownum and") << "SELECT id FROM customer WHERE isinactive = 'F' AND ROWNUM < 6"
                                << "SELECT id FROM customer WHERE isinactive = 'F' LIMIT 5";
    QTest::newRow("rownum first") << "SELECT id FROM customer WHERE ROWNUM <= 3 AND isinactive = 'F'"
                                  << "SELECT id FROM customer WHERE isinactive = 'F' LIMIT 3";
    QTest::newRow("DF") << "SELECT BUILTIN.DF(c.company) AS co FROM contact c"
                        << "SELECT (SELECT df__.companyname FROM \"customer\" df__ WHERE df__.id = c.company) AS co FROM contact c";
    QTest::newRow("DF plain field") << "SELECT BUILTIN.DF(email) AS e FROM customer" << "SELECT (email) AS e FROM customer";
    QTest::newRow("comment") << "SELECT id -- the id\nFROM customer" << "SELECT id FROM customer";
    // clang-format on
}

void TestEmulatorRules::translatesSuiteQl()
{
    QFETCH(QString, suiteQl);
    QFETCH(QString, sql);
    const auto t = translateSuiteQl(suiteQl, 1'700'000'000);
    SB_VERIFY_RESULT(t);
    QCOMPARE(t->sql, sql);
}

void TestEmulatorRules::refusesOutsideSubset_data()
{
    QTest::addColumn<QString>("suiteQl");
    QTest::newRow("two statements") << "SELECT id FROM customer; DELETE FROM customer";
    QTest::newRow("delete") << "DELETE FROM customer";
    QTest::newRow("bind ?") << "SELECT id FROM customer WHERE id = ?";
    QTest::newRow("bind :x") << "SELECT id FROM customer WHERE id = :x";
    QTest::newRow("unknown table") << "SELECT * FROM sqlite_master";
    QTest::newRow("unknown function") << "SELECT load_extension('x') FROM customer";
    QTest::newRow("limit") << "SELECT id FROM customer LIMIT 5";
    QTest::newRow("pragma word") << "SELECT id FROM customer WHERE PRAGMA = 1";
    QTest::newRow("rownum misuse") << "SELECT id FROM customer WHERE ROWNUM > 5";
    QTest::newRow("unbalanced") << "SELECT (id FROM customer";
    QTest::newRow("empty") << "   ";
    QTest::newRow("unterminated") << "SELECT 'abc FROM customer";
}

void TestEmulatorRules::refusesOutsideSubset()
{
    QFETCH(QString, suiteQl);
    SB_VERIFY_ERROR(translateSuiteQl(suiteQl, 0), EmulatorError::Code::SuiteQl);
}

void TestEmulatorRules::parsesTokenForm()
{
    const QByteArray body = "grant_type=client_credentials&client_assertion_type="
                            "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
                            "&client_assertion=a.b.c&extra=ignored";
    const auto form
        = parseTokenForm("application/x-www-form-urlencoded; charset=UTF-8", body, false);
    SB_VERIFY_RESULT(form);
    QCOMPARE(form->assertion, QByteArray("a.b.c"));
}

void TestEmulatorRules::refusesBadTokenForms_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("authorization");
    const QByteArray good
        = "grant_type=client_credentials&client_assertion_type="
          "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=a.b.c";
    const QByteArray form = "application/x-www-form-urlencoded";
    QTest::newRow("json body") << QByteArray("application/json") << good << false;
    QTest::newRow("basic auth too") << form << good << true;
    QTest::newRow("wrong grant") << form
                                 << QByteArray(good).replace("client_credentials", "password")
                                 << false;
    QTest::newRow("no assertion") << form << QByteArray(good).replace("client_assertion=a.b.c", "")
                                  << false;
    QTest::newRow("twice") << form << good + "&grant_type=client_credentials" << false;
    QTest::newRow("secret") << form << good + "&client_secret=x" << false;
    QTest::newRow("bad type") << form << QByteArray(good).replace("jwt-bearer", "saml2-bearer")
                              << false;
}

void TestEmulatorRules::refusesBadTokenForms()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(bool, authorization);
    SB_VERIFY_ERROR(parseTokenForm(contentType, body, authorization), EmulatorError::Code::Invalid);
}

void TestEmulatorRules::scopeClaimForms()
{
    QString why;
    QCOMPARE(*parseScopeClaim(
                 QJsonArray{QStringLiteral("restlets"), QStringLiteral("rest_webservices")}, &why),
             (QStringList{QStringLiteral("restlets"), QStringLiteral("rest_webservices")}));
    QCOMPARE(*parseScopeClaim(QStringLiteral("restlets,rest_webservices"), &why),
             (QStringList{QStringLiteral("restlets"), QStringLiteral("rest_webservices")}));
    QVERIFY(!parseScopeClaim(QStringLiteral("SuiteAnalytics"), &why));
    QVERIFY(!why.isEmpty());
    QVERIFY(!parseScopeClaim(QJsonArray{QStringLiteral("mcp"), QStringLiteral("restlets")}, &why));
    QVERIFY(!parseScopeClaim(QJsonValue(QJsonValue::Undefined), &why));
    QVERIFY(!parseScopeClaim(QJsonArray{}, &why));
}

void TestEmulatorRules::recordQueryFilter()
{
    const RestRecordType *customer = restRecordType(QStringLiteral("CUSTOMER"));
    QVERIFY(customer);
    auto f = parseRecordQuery(
        QStringLiteral("companyName START_WITH \"Acme\" AND isInactive IS false"), *customer);
    SB_VERIFY_RESULT(f);
    QCOMPARE(f->binds.size(), 2);
    QCOMPARE(f->binds[0].toString(), QStringLiteral("acme%"));
    auto ids = parseRecordQuery(QStringLiteral("id ANY_OF [101, 102] OR email EMPTY"), *customer);
    SB_VERIFY_RESULT(ids);
    QVERIFY(ids->where.contains(QLatin1String(") OR (")));
    SB_VERIFY_ERROR(parseRecordQuery(QStringLiteral("nosuchfield IS 1"), *customer),
                    EmulatorError::Code::Invalid);
    SB_VERIFY_ERROR(parseRecordQuery(QStringLiteral("companyName GREATER 4"), *customer),
                    EmulatorError::Code::Invalid);
    SB_VERIFY_ERROR(parseRecordQuery(QStringLiteral("companyName IS \"x"), *customer),
                    EmulatorError::Code::Invalid);
}

void TestEmulatorRules::settingsJsonRoundTrip()
{
    Settings s;
    s.allowRs256 = true;
    s.tokenErrors[TokenRejection::AlgRs256]
        = TokenErrorResponse{500, QStringLiteral("server_error")};
    s.concurrencyOver = ConcurrencyOver::RestletStyle400;
    Settings t;
    SB_VERIFY_RESULT(t.applyJson(s.toJson()));
    QCOMPARE(t.toJson(), s.toJson());
    QVERIFY(Settings::helpTable().contains(QLatin1String("audienceCaseInsensitive")));
    QVERIFY(Settings::tokenErrorHelp().contains(QLatin1String("401 invalid_client")));
}

void TestEmulatorRules::settingsRefuseNonLoopbackAndTypos()
{
    Settings s;
    SB_VERIFY_RESULT(s.validate());
    s.host = QStringLiteral("0.0.0.0");
    SB_VERIFY_ERROR(s.validate(), EmulatorError::Code::InvalidSetting);
    Settings t;
    SB_VERIFY_ERROR(t.applyJson(QJsonObject{{QStringLiteral("allowRS256"), true}}),
                    EmulatorError::Code::InvalidSetting);
    t.account = QStringLiteral("attacker.example/x?");
    SB_VERIFY_ERROR(t.validate(), EmulatorError::Code::InvalidSetting);
}

QTEST_GUILESS_MAIN(TestEmulatorRules)
#include "TestEmulatorRules.moc"
