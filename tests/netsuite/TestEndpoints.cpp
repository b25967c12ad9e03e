// SPDX-License-Identifier: MIT
#include "netsuite/CustomTokenEndpoint.h"
#include "netsuite/Endpoints.h"
#include "netsuite/Target.h"
#include "support/ResultTesting.h"

#include <QJsonObject>
#include <QTest>

using namespace Sb;
using namespace Sb::NetSuite;

Q_DECLARE_METATYPE(Sb::NetSuite::EndpointError::Code)

namespace {

AccountId account(const QString &text)
{
    auto parsed = AccountId::parse(text);
    return parsed ? *parsed : AccountId();
}

} // namespace

class TestEndpoints final : public QObject
{
    Q_OBJECT

private slots:
    void buildsNetSuiteUrls_data();
    void buildsNetSuiteUrls();
    void certificateRotationUsesTheRestletsHost();
    void refusesInjectedPathSegments_data();
    void refusesInjectedPathSegments();
    void restletUrlCarriesScriptAndDeploy();
    void describesAnAccountForTheCli();
    void nullAccountGivesNoUrl();
    void recognisesOwnHosts();
    void customEndpointAcceptsHttpsAndLoopbackHttp_data();
    void customEndpointAcceptsHttpsAndLoopbackHttp();
    void customEndpointRefuses_data();
    void customEndpointRefuses();
    void customEndpointDerivesRestBaseFromItsOrigin();
    void kindsHaveNamesForPeopleAndMachines();
    void targetKindFollowsTheEmulatedAccount();
    void guardsCompareAccountsForNetSuiteAndOriginsForCustom();
    void matchesUrlOnlyOnTheTargetsOwnHosts_data();
    void matchesUrlOnlyOnTheTargetsOwnHosts();
};

void TestEndpoints::buildsNetSuiteUrls_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("rest");
    QTest::addColumn<QString>("suiteql");
    QTest::addColumn<QString>("restlet");
    QTest::addColumn<QString>("ui");
    // clang-format off
    // Token endpoint: ns-help/section_162755359851.html; REST base and SuiteQL:
    // section_1546938065.html, section_158394344595.html; hosts: section_4834765371.html.
    QTest::newRow("production") << QStringLiteral("1234567")
        << QStringLiteral("https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token")
        << QStringLiteral("https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1")
        << QStringLiteral("https://1234567.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql")
        << QStringLiteral("https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl")
        << QStringLiteral("https://1234567.app.netsuite.com");
    // Host label: lowercase, '_' → '-' (facts §1).
    QTest::newRow("sandbox") << QStringLiteral("1234567_SB1")
        << QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token")
        << QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1")
        << QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql")
        << QStringLiteral("https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl")
        << QStringLiteral("https://1234567-sb1.app.netsuite.com");
    QTest::newRow("release preview") << QStringLiteral("TSTDRV939179_RP")
        << QStringLiteral("https://tstdrv939179-rp.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token")
        << QStringLiteral("https://tstdrv939179-rp.suitetalk.api.netsuite.com/services/rest/record/v1")
        << QStringLiteral("https://tstdrv939179-rp.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql")
        << QStringLiteral("https://tstdrv939179-rp.restlets.api.netsuite.com/app/site/hosting/restlet.nl")
        << QStringLiteral("https://tstdrv939179-rp.app.netsuite.com");
    // clang-format on
}

void TestEndpoints::buildsNetSuiteUrls()
{
    QFETCH(QString, id);
    QFETCH(QString, token);
    QFETCH(QString, rest);
    QFETCH(QString, suiteql);
    QFETCH(QString, restlet);
    QFETCH(QString, ui);
    const AccountId a = account(id);
    QVERIFY(!a.isNull());
    QCOMPARE(tokenUrl(a).toString(QUrl::FullyEncoded), token);
    QCOMPARE(restRecordBase(a).toString(QUrl::FullyEncoded), rest);
    QCOMPARE(suiteQlUrl(a).toString(QUrl::FullyEncoded), suiteql);
    QCOMPARE(restletBase(a).toString(QUrl::FullyEncoded), restlet);
    QCOMPARE(uiBase(a).toString(QUrl::FullyEncoded), ui);
    QVERIFY(isNetSuiteUrlFor(tokenUrl(a), a, Service::SuiteTalk));
    QVERIFY(!isNetSuiteUrlFor(tokenUrl(a), a, Service::Restlets));
    QCOMPARE(Target::netSuite(a).tokenUrlString(), token);
}

void TestEndpoints::certificateRotationUsesTheRestletsHost()
{
    // ns-help/article_92130837826.html: .../clients/<ClientID>/certificates on the restlets host.
    const AccountId a = account(QStringLiteral("1234567_SB1"));
    const QString clientId = QStringLiteral("a").repeated(64);
    const QString certId = QStringLiteral("NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA");
    const auto list = certificatesUrl(a, clientId);
    SB_VERIFY_RESULT(list);
    QCOMPARE(list->toString(QUrl::FullyEncoded),
             QStringLiteral("https://1234567-sb1.restlets.api.netsuite.com/services/rest/auth/"
                            "oauth2/v1/clients/")
                 + clientId + QStringLiteral("/certificates"));
    const auto revoke = certificateRevokeUrl(a, clientId, certId);
    SB_VERIFY_RESULT(revoke);
    QVERIFY(revoke->toString().endsWith(QStringLiteral("/certificates/") + certId
                                        + QStringLiteral("/revoke")));
    QCOMPARE(revoke->host(), QStringLiteral("1234567-sb1.restlets.api.netsuite.com"));
}

void TestEndpoints::refusesInjectedPathSegments_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("certId");
    // clang-format off
    QTest::newRow("slash in client")   << QStringLiteral("abc/../x") << QStringLiteral("ok");
    QTest::newRow("query in client")   << QStringLiteral("abc?x=1")  << QStringLiteral("ok");
    QTest::newRow("encoded slash")     << QStringLiteral("abc%2Fx")  << QStringLiteral("ok");
    QTest::newRow("empty client")      << QString()                  << QStringLiteral("ok");
    QTest::newRow("dots in cert")      << QStringLiteral("abc")      << QStringLiteral("..");
    QTest::newRow("non-ascii cert")    << QStringLiteral("abc")      << QStringLiteral("\u00e9");
    // clang-format on
}

void TestEndpoints::refusesInjectedPathSegments()
{
    QFETCH(QString, clientId);
    QFETCH(QString, certId);
    SB_VERIFY_ERROR(certificateRevokeUrl(account(QStringLiteral("1234567")), clientId, certId),
                    EndpointError::Code::BadIdentifier);
}

void TestEndpoints::restletUrlCarriesScriptAndDeploy()
{
    const auto url = restletUrl(account(QStringLiteral("1234567")),
                                QStringLiteral("customscript_x"), QStringLiteral("1"));
    SB_VERIFY_RESULT(url);
    QCOMPARE(url->toString(QUrl::FullyEncoded),
             QStringLiteral("https://1234567.restlets.api.netsuite.com/app/site/hosting/"
                            "restlet.nl?script=customscript_x&deploy=1"));
    SB_VERIFY_ERROR(restletUrl(account(QStringLiteral("1234567")), QStringLiteral("1&x=2"),
                               QStringLiteral("1")),
                    EndpointError::Code::BadIdentifier);
}

void TestEndpoints::describesAnAccountForTheCli()
{
    // Issue #3: `account ID --json` shows canonical ID, kind, host label, token URL, REST base.
    const QJsonObject json
        = describeAccount(account(QStringLiteral("https://1234567-sb2.app.netsuite.com")));
    QCOMPARE(json.value(QStringLiteral("account")).toString(), QStringLiteral("1234567_SB2"));
    QCOMPARE(json.value(QStringLiteral("kind")).toString(), QStringLiteral("sandbox"));
    QCOMPARE(json.value(QStringLiteral("kind_name")).toString(), QStringLiteral("Sandbox 2"));
    QCOMPARE(json.value(QStringLiteral("sandbox")).toInt(), 2);
    QCOMPARE(json.value(QStringLiteral("host_label")).toString(), QStringLiteral("1234567-sb2"));
    QCOMPARE(
        json.value(QStringLiteral("token_url")).toString(),
        QStringLiteral(
            "https://1234567-sb2.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"));
    QCOMPARE(
        json.value(QStringLiteral("rest_base")).toString(),
        QStringLiteral("https://1234567-sb2.suitetalk.api.netsuite.com/services/rest/record/v1"));
    QVERIFY(describeAccount(AccountId()).isEmpty());
}

void TestEndpoints::nullAccountGivesNoUrl()
{
    const AccountId none;
    QVERIFY(tokenUrl(none).isEmpty());
    QVERIFY(restRecordBase(none).isEmpty());
    QVERIFY(uiBase(none).isEmpty());
    SB_VERIFY_ERROR(certificatesUrl(none, QStringLiteral("abc")), EndpointError::Code::NullAccount);
}

void TestEndpoints::recognisesOwnHosts()
{
    const AccountId a = account(QStringLiteral("1234567_SB1"));
    QVERIFY(
        isNetSuiteUrlFor(QUrl(QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com/x")),
                         a, Service::SuiteTalk));
    QVERIFY(
        !isNetSuiteUrlFor(QUrl(QStringLiteral("http://1234567-sb1.suitetalk.api.netsuite.com/x")),
                          a, Service::SuiteTalk));
    QVERIFY(!isNetSuiteUrlFor(QUrl(QStringLiteral("https://1234567.suitetalk.api.netsuite.com/x")),
                              a, Service::SuiteTalk));
    QVERIFY(!isNetSuiteUrlFor(
        QUrl(QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com:8443/x")), a,
        Service::SuiteTalk));
}

void TestEndpoints::customEndpointAcceptsHttpsAndLoopbackHttp_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("origin");
    QTest::addColumn<bool>("loopback");
    // clang-format off
    QTest::newRow("https anywhere")  << QStringLiteral("https://login.example.com/oauth2/token") << QStringLiteral("https://login.example.com") << false;
    QTest::newRow("https port")      << QStringLiteral("https://127.0.0.1:8443/services/rest/auth/oauth2/v1/token") << QStringLiteral("https://127.0.0.1:8443") << true;
    QTest::newRow("default port")    << QStringLiteral("https://login.example.com:443/token") << QStringLiteral("https://login.example.com") << false;
    // http only to loopback (issue #3; reliability doc A5).
    QTest::newRow("http 127.0.0.1")  << QStringLiteral("http://127.0.0.1:8080/token") << QStringLiteral("http://127.0.0.1:8080") << true;
    QTest::newRow("http 127.x")      << QStringLiteral("http://127.10.20.30/token") << QStringLiteral("http://127.10.20.30") << true;
    QTest::newRow("http localhost")  << QStringLiteral("http://localhost:9000/token") << QStringLiteral("http://localhost:9000") << true;
    QTest::newRow("http LOCALHOST")  << QStringLiteral("http://LOCALHOST:9000/token") << QStringLiteral("http://localhost:9000") << true;
    QTest::newRow("http ::1")        << QStringLiteral("http://[::1]:9000/token") << QStringLiteral("http://[::1]:9000") << true;
    QTest::newRow("with query")      << QStringLiteral("https://login.example.com/token?tenant=a") << QStringLiteral("https://login.example.com") << false;
    // clang-format on
}

void TestEndpoints::customEndpointAcceptsHttpsAndLoopbackHttp()
{
    QFETCH(QString, url);
    QFETCH(QString, origin);
    QFETCH(bool, loopback);
    const auto endpoint = CustomTokenEndpoint::parse(url);
    SB_VERIFY_RESULT(endpoint);
    QCOMPARE(endpoint->origin(), origin);
    QCOMPARE(endpoint->isLoopback(), loopback);
    QVERIFY(!endpoint->tokenUrlString().isEmpty());
}

void TestEndpoints::customEndpointRefuses_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<EndpointError::Code>("code");
    using C = EndpointError::Code;
    // clang-format off
    QTest::newRow("empty")             << QString()                                     << C::Empty;
    QTest::newRow("http remote")       << QStringLiteral("http://login.example.com/token") << C::NotHttps;
    QTest::newRow("http 128.0.0.1")    << QStringLiteral("http://128.0.0.1/token")       << C::NotHttps;
    QTest::newRow("http 127 lookalike")<< QStringLiteral("http://127.0.0.1.evil.example/token") << C::NotHttps;
    QTest::newRow("http localhost.evil")<< QStringLiteral("http://localhost.evil.example/token") << C::NotHttps;
    QTest::newRow("ftp")               << QStringLiteral("ftp://127.0.0.1/token")        << C::NotHttps;
    QTest::newRow("userinfo")          << QStringLiteral("https://user:pw@login.example.com/token") << C::UserInfo;
    QTest::newRow("at trick")          << QStringLiteral("https://login.example.com@evil.example/token") << C::UserInfo;
    QTest::newRow("fragment")          << QStringLiteral("https://login.example.com/token#x") << C::Fragment;
    QTest::newRow("relative")          << QStringLiteral("/services/rest/auth/oauth2/v1/token") << C::Malformed;
    QTest::newRow("no scheme")         << QStringLiteral("login.example.com/token")       << C::Malformed;
    QTest::newRow("idn")               << QStringLiteral("https://l\u00f6gin.example.com/token") << C::NonAscii;
    QTest::newRow("inner space")       << QStringLiteral("https://login.example.com/to ken") << C::NonAscii;
    // clang-format on
}

void TestEndpoints::customEndpointRefuses()
{
    QFETCH(QString, url);
    QFETCH(EndpointError::Code, code);
    SB_VERIFY_ERROR(CustomTokenEndpoint::parse(url), code);
}

void TestEndpoints::customEndpointDerivesRestBaseFromItsOrigin()
{
    // Issue #3: for a custom token URL the REST base resolves against the same origin.
    const auto endpoint = CustomTokenEndpoint::parse(
        QStringLiteral("https://127.0.0.1:8443/services/rest/auth/oauth2/v1/token"));
    SB_VERIFY_RESULT(endpoint);
    QCOMPARE(endpoint->restRecordBase().toString(),
             QStringLiteral("https://127.0.0.1:8443/services/rest/record/v1"));
    QCOMPARE(endpoint->suiteQlUrl().toString(),
             QStringLiteral("https://127.0.0.1:8443/services/rest/query/v1/suiteql"));
    QCOMPARE(endpoint->tokenUrlString(),
             QStringLiteral("https://127.0.0.1:8443/services/rest/auth/oauth2/v1/token"));
}

void TestEndpoints::kindsHaveNamesForPeopleAndMachines()
{
    QCOMPARE(EnvironmentKind::production().displayName(), QStringLiteral("Production"));
    QCOMPARE(EnvironmentKind::sandbox(2).displayName(), QStringLiteral("Sandbox 2"));
    QCOMPARE(EnvironmentKind::releasePreview().displayName(), QStringLiteral("Release Preview"));
    QCOMPARE(EnvironmentKind::testDrive().displayName(), QStringLiteral("Test Drive"));
    QCOMPARE(EnvironmentKind::custom(QStringLiteral("https://127.0.0.1:8443")).displayName(),
             QStringLiteral("Custom (https://127.0.0.1:8443)"));
    QCOMPARE(EnvironmentKind::sandbox(2).typeName(), QStringLiteral("sandbox"));
    QCOMPARE(EnvironmentKind::releasePreview().typeName(), QStringLiteral("release_preview"));
    QCOMPARE(EnvironmentKind::testDrive().typeName(), QStringLiteral("test_drive"));
    QCOMPARE(EnvironmentKind::custom(QString()).typeName(), QStringLiteral("custom"));
    QVERIFY(EnvironmentKind().isProduction()); // default is the careful choice
    QVERIFY(EnvironmentKind::sandbox(1) != EnvironmentKind::sandbox(2));
}

void TestEndpoints::targetKindFollowsTheEmulatedAccount()
{
    const auto emulator = CustomTokenEndpoint::parse(
        QStringLiteral("https://127.0.0.1:8443/services/rest/auth/oauth2/v1/token"));
    SB_VERIFY_RESULT(emulator);
    const AccountId sandbox = account(QStringLiteral("1234567_SB1"));
    // Issue #3: an emulator environment has the kind of the account it emulates.
    const Target emulated = Target::custom(*emulator, sandbox);
    QCOMPARE(emulated.kind(), EnvironmentKind::sandbox(1));
    QCOMPARE(emulated.origin(), QStringLiteral("https://127.0.0.1:8443"));
    QCOMPARE(emulated.tokenUrlString(), emulator->tokenUrlString());
    // ... and a custom endpoint without an account is Custom(origin).
    const Target bare = Target::custom(*emulator);
    QCOMPARE(bare.kind(), EnvironmentKind::custom(QStringLiteral("https://127.0.0.1:8443")));
    QVERIFY(!bare.account());
    const Target real = Target::netSuite(sandbox);
    QCOMPARE(real.kind(), EnvironmentKind::sandbox(1));
    QCOMPARE(real.origin(), QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com"));
    QCOMPARE(real.restRecordBase(), restRecordBase(sandbox));
}

void TestEndpoints::guardsCompareAccountsForNetSuiteAndOriginsForCustom()
{
    const auto e1 = CustomTokenEndpoint::parse(QStringLiteral("https://127.0.0.1:8443/a/token"));
    const auto e2 = CustomTokenEndpoint::parse(QStringLiteral("https://127.0.0.1:8443/b/token"));
    const auto e3 = CustomTokenEndpoint::parse(QStringLiteral("https://127.0.0.1:9443/a/token"));
    SB_VERIFY_RESULT(e1);
    SB_VERIFY_RESULT(e2);
    SB_VERIFY_RESULT(e3);
    const AccountId sb1 = account(QStringLiteral("1234567_SB1"));
    const AccountId sb1b = account(QStringLiteral("https://1234567-sb1.app.netsuite.com"));
    const AccountId prod = account(QStringLiteral("1234567"));
    QVERIFY(Target::sameTarget(Target::netSuite(sb1), Target::netSuite(sb1b)));
    QVERIFY(!Target::sameTarget(Target::netSuite(sb1), Target::netSuite(prod)));
    QVERIFY(Target::sameTarget(Target::custom(*e1, sb1), Target::custom(*e2, prod)));
    QVERIFY(!Target::sameTarget(Target::custom(*e1), Target::custom(*e3)));
    // An emulator of the sandbox is never the sandbox itself.
    QVERIFY(!Target::sameTarget(Target::custom(*e1, sb1), Target::netSuite(sb1)));
    QVERIFY(!Target::sameTarget(Target(), Target()));
}

void TestEndpoints::matchesUrlOnlyOnTheTargetsOwnHosts_data()
{
    QTest::addColumn<bool>("custom");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("matches");
    // clang-format off
    QTest::newRow("own rest host")      << false << QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer") << true;
    QTest::newRow("own restlet host")   << false << QStringLiteral("https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl") << true;
    QTest::newRow("underscore spelling")<< false << QStringLiteral("https://1234567_SB1.suitetalk.api.netsuite.com/x") << true;
    QTest::newRow("production host")    << false << QStringLiteral("https://1234567.suitetalk.api.netsuite.com/x") << false;
    QTest::newRow("other sandbox")      << false << QStringLiteral("https://1234567-sb2.suitetalk.api.netsuite.com/x") << false;
    QTest::newRow("http")               << false << QStringLiteral("http://1234567-sb1.suitetalk.api.netsuite.com/x") << false;
    QTest::newRow("evil suffix")        << false << QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com.evil.example/x") << false;
    QTest::newRow("custom same origin") << true  << QStringLiteral("https://127.0.0.1:8443/services/rest/record/v1/customer") << true;
    QTest::newRow("custom other port")  << true  << QStringLiteral("https://127.0.0.1:8444/services/rest/record/v1/customer") << false;
    QTest::newRow("custom http")        << true  << QStringLiteral("http://127.0.0.1:8443/x") << false;
    QTest::newRow("custom vs netsuite") << true  << QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com/x") << false;
    // clang-format on
}

void TestEndpoints::matchesUrlOnlyOnTheTargetsOwnHosts()
{
    QFETCH(bool, custom);
    QFETCH(QString, url);
    QFETCH(bool, matches);
    const AccountId sb1 = account(QStringLiteral("1234567_SB1"));
    const auto emulator = CustomTokenEndpoint::parse(QStringLiteral("https://127.0.0.1:8443/t"));
    SB_VERIFY_RESULT(emulator);
    const Target target = custom ? Target::custom(*emulator, sb1) : Target::netSuite(sb1);
    QCOMPARE(target.matchesUrl(QUrl(url)), matches);
}

QTEST_GUILESS_MAIN(TestEndpoints)
#include "TestEndpoints.moc"
