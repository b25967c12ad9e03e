// SPDX-License-Identifier: MIT
#include "netsuite/AccountId.h"
#include "support/ResultTesting.h"

#include <QTest>

using namespace Sb;
using NetSuite::AccountError;
using NetSuite::AccountId;
using NetSuite::EnvironmentKind;

Q_DECLARE_METATYPE(Sb::NetSuite::AccountError::Code)
Q_DECLARE_METATYPE(Sb::NetSuite::EnvironmentKind::Type)

class TestAccountId final : public QObject
{
    Q_OBJECT

private slots:
    void acceptsEveryDocumentedForm_data();
    void acceptsEveryDocumentedForm();
    void refusesHostileAndWrongInput_data();
    void refusesHostileAndWrongInput();
    void refusalMessagesSayWhatAnIdLooksLikeAndWhereToFindIt();
    void refusalMessagesEscapeControlAndBidiCharacters();
    void parsesHostsKeepingTheLabelAsWritten_data();
    void parsesHostsKeepingTheLabelAsWritten();
    void sameAccountWhateverTheSpelling();
    void nullAccountIsEmpty();
};

void TestAccountId::acceptsEveryDocumentedForm_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("hostLabel");
    QTest::addColumn<EnvironmentKind::Type>("kind");
    QTest::addColumn<int>("sandbox");
    QTest::addColumn<bool>("fromUrl");

    using T = EnvironmentKind::Type;
    // clang-format off
    // Production: digits only (facts §1, ns-help/section_4609939018.html "345678").
    QTest::newRow("production")          << QStringLiteral("1234567")        << QStringLiteral("1234567")       << QStringLiteral("1234567")       << T::Production     << 0 << false;
    QTest::newRow("production short")    << QStringLiteral("345678")         << QStringLiteral("345678")        << QStringLiteral("345678")        << T::Production     << 0 << false;
    // Sandbox: production ID + _SB<n> (facts §1, section_4609939018.html).
    QTest::newRow("sandbox canonical")   << QStringLiteral("1234567_SB1")    << QStringLiteral("1234567_SB1")   << QStringLiteral("1234567-sb1")   << T::Sandbox        << 1 << false;
    // Host-label form typed by hand (facts §1: lowercase, '_' → '-').
    QTest::newRow("sandbox host form")   << QStringLiteral("1234567-sb1")    << QStringLiteral("1234567_SB1")   << QStringLiteral("1234567-sb1")   << T::Sandbox        << 1 << false;
    QTest::newRow("sandbox lower _")     << QStringLiteral("1234567_sb2")    << QStringLiteral("1234567_SB2")   << QStringLiteral("1234567-sb2")   << T::Sandbox        << 2 << false;
    QTest::newRow("sandbox upper -")     << QStringLiteral("392875-SB3")     << QStringLiteral("392875_SB3")    << QStringLiteral("392875-sb3")    << T::Sandbox        << 3 << false;
    QTest::newRow("sandbox two digits")  << QStringLiteral("1234567_SB12")   << QStringLiteral("1234567_SB12")  << QStringLiteral("1234567-sb12")  << T::Sandbox        << 12 << false;
    // Release Preview: _RP / -rp (facts §1, practitioner URLs; §10 item 12).
    QTest::newRow("release preview")     << QStringLiteral("392875_RP")      << QStringLiteral("392875_RP")     << QStringLiteral("392875-rp")     << T::ReleasePreview << 0 << false;
    QTest::newRow("rp host form")        << QStringLiteral("392875-rp")      << QStringLiteral("392875_RP")     << QStringLiteral("392875-rp")     << T::ReleasePreview << 0 << false;
    // Test drive / SDN (facts §1: tstdrv840553.suitetalk.api.netsuite.com).
    QTest::newRow("test drive")          << QStringLiteral("TSTDRV1234567")  << QStringLiteral("TSTDRV1234567") << QStringLiteral("tstdrv1234567") << T::TestDrive      << 0 << false;
    QTest::newRow("test drive lower")    << QStringLiteral("tstdrv840553")   << QStringLiteral("TSTDRV840553")  << QStringLiteral("tstdrv840553")  << T::TestDrive      << 0 << false;
    // TSTDRV939179_RP next to host tstdrv939179-rp.app.netsuite.com (facts §1).
    QTest::newRow("test drive rp")       << QStringLiteral("TSTDRV939179_RP") << QStringLiteral("TSTDRV939179_RP") << QStringLiteral("tstdrv939179-rp") << T::ReleasePreview << 0 << false;
    // Copy-paste noise around the ID is trimmed (reliability doc A1).
    QTest::newRow("surrounding spaces")  << QStringLiteral("  1234567_SB1\n") << QStringLiteral("1234567_SB1")  << QStringLiteral("1234567-sb1")   << T::Sandbox        << 1 << false;
    // Company URLs (Setup > Company > Company Information > Company URLs; facts §1,
    // ns-help/section_1498251763.html): the account is taken from the host.
    QTest::newRow("ui url with path")    << QStringLiteral("https://1234567-sb1.app.netsuite.com/app/center/card.nl?sc=-29") << QStringLiteral("1234567_SB1") << QStringLiteral("1234567-sb1") << T::Sandbox << 1 << true;
    QTest::newRow("suitetalk url")       << QStringLiteral("https://tstdrv123.suitetalk.api.netsuite.com") << QStringLiteral("TSTDRV123") << QStringLiteral("tstdrv123") << T::TestDrive << 0 << true;
    QTest::newRow("restlets url")        << QStringLiteral("https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1") << QStringLiteral("1234567") << QStringLiteral("1234567") << T::Production << 0 << true;
    QTest::newRow("token url")           << QStringLiteral("https://1234567-sb2.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token") << QStringLiteral("1234567_SB2") << QStringLiteral("1234567-sb2") << T::Sandbox << 2 << true;
    QTest::newRow("url without scheme")  << QStringLiteral("1234567.app.netsuite.com")  << QStringLiteral("1234567") << QStringLiteral("1234567") << T::Production << 0 << true;
    QTest::newRow("url trailing slash")  << QStringLiteral("https://1234567.suitetalk.api.netsuite.com/") << QStringLiteral("1234567") << QStringLiteral("1234567") << T::Production << 0 << true;
    QTest::newRow("url upper-case host") << QStringLiteral("HTTPS://1234567-SB1.APP.NETSUITE.COM") << QStringLiteral("1234567_SB1") << QStringLiteral("1234567-sb1") << T::Sandbox << 1 << true;
    QTest::newRow("url with port")       << QStringLiteral("https://1234567.app.netsuite.com:443/app") << QStringLiteral("1234567") << QStringLiteral("1234567") << T::Production << 0 << true;
    QTest::newRow("connect host")        << QStringLiteral("1234567.connect.api.netsuite.com") << QStringLiteral("1234567") << QStringLiteral("1234567") << T::Production << 0 << true;
    // clang-format on
}

void TestAccountId::acceptsEveryDocumentedForm()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    QFETCH(QString, hostLabel);
    QFETCH(EnvironmentKind::Type, kind);
    QFETCH(int, sandbox);
    QFETCH(bool, fromUrl);

    const auto account = AccountId::parse(input);
    SB_VERIFY_RESULT(account);
    QCOMPARE(account->canonical(), canonical);
    QCOMPARE(account->hostLabel(), hostLabel);
    QCOMPARE(account->kind().type(), kind);
    QCOMPARE(account->sandboxNumber(), sandbox);
    QCOMPARE(account->kind().sandboxNumber(), sandbox);
    QCOMPARE(account->parsedFromUrl(), fromUrl);
    // The canonical form parses back to the same account (round trip).
    const auto again = AccountId::parse(account->canonical());
    SB_VERIFY_RESULT(again);
    QCOMPARE(*again, *account);
}

void TestAccountId::refusesHostileAndWrongInput_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<AccountError::Code>("code");

    using C = AccountError::Code;
    // clang-format off
    // Reliability doc A2: concatenation would put these hosts into the token URL.
    QTest::newRow("attacker path")        << QStringLiteral("attacker.example/x?")   << C::BadCharacter;
    QTest::newRow("dotted suffix")        << QStringLiteral("1234567.evil")          << C::BadCharacter;
    QTest::newRow("hash")                 << QStringLiteral("evil.com#")             << C::BadCharacter;
    QTest::newRow("userinfo trick")       << QStringLiteral("evil:443@")             << C::BadCharacter;
    QTest::newRow("url to other host")    << QStringLiteral("https://attacker.example/x?") << C::NotNetSuiteUrl;
    QTest::newRow("lookalike domain")     << QStringLiteral("https://1234567.app.netsuite.com.evil.example/") << C::NotNetSuiteUrl;
    QTest::newRow("url userinfo")         << QStringLiteral("https://1234567.app.netsuite.com@evil.example/") << C::NotNetSuiteUrl;
    QTest::newRow("url userinfo ns")      << QStringLiteral("https://evil@1234567.app.netsuite.com/") << C::NotNetSuiteUrl;
    QTest::newRow("backslash host")       << QStringLiteral("https://evil.example\\@1234567.app.netsuite.com/") << C::NotNetSuiteUrl;
    QTest::newRow("ftp scheme")           << QStringLiteral("ftp://1234567.app.netsuite.com/") << C::MalformedUrl;
    QTest::newRow("bad port")             << QStringLiteral("https://1234567.app.netsuite.com:x/") << C::MalformedUrl;
    // Shared hosts name no account (facts §1: system.netsuite.com, rest.netsuite.com).
    QTest::newRow("system host")          << QStringLiteral("https://system.netsuite.com/app/login/oauth2/authorize.nl") << C::NoAccountInUrl;
    QTest::newRow("rest host")            << QStringLiteral("https://rest.netsuite.com/rest/datacenterurls?account=1") << C::NoAccountInUrl;
    QTest::newRow("bare domain")          << QStringLiteral("https://netsuite.com/")  << C::NotNetSuiteUrl;
    // Reliability doc A3: full-width digits would be IDNA-mapped to "1234567".
    QTest::newRow("full-width digits")    << QStringLiteral("\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17") << C::NonAscii;
    QTest::newRow("cyrillic lookalike")   << QStringLiteral("TSTDRV12\u0417")         << C::NonAscii;
    QTest::newRow("bidi override")        << QStringLiteral("1234567\u202E")          << C::NonAscii;
    QTest::newRow("inner space")          << QStringLiteral("1234 567")               << C::Whitespace;
    QTest::newRow("inner newline")        << QStringLiteral("1234\n567")              << C::Whitespace;
    QTest::newRow("control char")         << QStringLiteral("1234567\x01")            << C::BadCharacter;
    QTest::newRow("empty")                << QString()                                << C::Empty;
    QTest::newRow("blank")                << QStringLiteral("   ")                      << C::Empty;
    QTest::newRow("too long")             << QStringLiteral("1").repeated(41)         << C::TooLong;
    QTest::newRow("two separators")       << QStringLiteral("1234567_SB1_SB2")        << C::BadShape;
    QTest::newRow("letters only")         << QStringLiteral("TSTDRV")                 << C::BadShape;
    QTest::newRow("digits then letters")  << QStringLiteral("1234567ABC")             << C::BadShape;
    QTest::newRow("no base")              << QStringLiteral("_SB1")                   << C::BadShape;
    QTest::newRow("sandbox zero")         << QStringLiteral("1234567_SB0")            << C::BadSuffix;
    QTest::newRow("sandbox leading zero") << QStringLiteral("1234567_SB01")           << C::BadSuffix;
    QTest::newRow("sandbox no number")    << QStringLiteral("1234567_SB")             << C::BadSuffix;
    QTest::newRow("unknown suffix")       << QStringLiteral("1234567_DEV")            << C::BadSuffix;
    QTest::newRow("three-digit sandbox")  << QStringLiteral("1234567_SB100")          << C::BadSuffix;
    QTest::newRow("empty suffix")         << QStringLiteral("1234567_")               << C::BadSuffix;
    // clang-format on
}

void TestAccountId::refusesHostileAndWrongInput()
{
    QFETCH(QString, input);
    QFETCH(AccountError::Code, code);
    SB_VERIFY_ERROR(AccountId::parse(input), code);
}

void TestAccountId::refusalMessagesSayWhatAnIdLooksLikeAndWhereToFindIt()
{
    // Issue #3: the message says what an account ID looks like and where NetSuite shows it.
    for (const QString &input :
         {QStringLiteral("attacker.example/x?"), QStringLiteral("1234 567"),
          QStringLiteral("\uFF11\uFF12\uFF13"), QStringLiteral("1234567.evil"), QString(),
          QStringLiteral("https://system.netsuite.com/")}) {
        const auto result = AccountId::parse(input);
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(
                     QStringLiteral("Setup > Company > Company Information")),
                 qPrintable(result.error().message));
        QVERIFY(result.error().message.contains(QStringLiteral("1234567_SB1")));
    }
}

void TestAccountId::refusalMessagesEscapeControlAndBidiCharacters()
{
    const auto result = AccountId::parse(QStringLiteral("12\u202E34.x"));
    QVERIFY(!result);
    QVERIFY(!result.error().message.contains(QChar(0x202E)));
    const auto dotted = AccountId::parse(QStringLiteral("1234567.evil"));
    QVERIFY(!dotted);
    QVERIFY(dotted.error().message.contains(QStringLiteral("\".\"")));
}

void TestAccountId::parsesHostsKeepingTheLabelAsWritten_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("service");
    // clang-format off
    // Hosts have the form <account>.<service>.netsuite.com (facts §1, section_1546938065.html).
    QTest::newRow("suitetalk")       << QStringLiteral("1234567-sb1.suitetalk.api.netsuite.com") << QStringLiteral("1234567_SB1") << QStringLiteral("1234567-sb1") << QStringLiteral("suitetalk.api");
    // Airbyte-style label (no lowercasing, facts §1 and §8): kept as written for the inspector.
    QTest::newRow("upper underscore") << QStringLiteral("1234567_SB1.suitetalk.api.netsuite.com") << QStringLiteral("1234567_SB1") << QStringLiteral("1234567_SB1") << QStringLiteral("suitetalk.api");
    QTest::newRow("restlets")        << QStringLiteral("tstdrv1.restlets.api.netsuite.com") << QStringLiteral("TSTDRV1") << QStringLiteral("tstdrv1") << QStringLiteral("restlets.api");
    QTest::newRow("app")             << QStringLiteral("1234567.app.netsuite.com") << QStringLiteral("1234567") << QStringLiteral("1234567") << QStringLiteral("app");
    // clang-format on
}

void TestAccountId::parsesHostsKeepingTheLabelAsWritten()
{
    QFETCH(QString, host);
    QFETCH(QString, canonical);
    QFETCH(QString, label);
    QFETCH(QString, service);
    const auto parsed = AccountId::parseHost(host);
    SB_VERIFY_RESULT(parsed);
    QCOMPARE(parsed->account.canonical(), canonical);
    QCOMPARE(parsed->label, label);
    QCOMPARE(parsed->service, service);
}

void TestAccountId::sameAccountWhateverTheSpelling()
{
    const auto a = AccountId::parse(QStringLiteral("1234567_SB1"));
    const auto b = AccountId::parse(QStringLiteral("https://1234567-sb1.app.netsuite.com/app"));
    const auto c = AccountId::parse(QStringLiteral("1234567"));
    SB_VERIFY_RESULT(a);
    SB_VERIFY_RESULT(b);
    SB_VERIFY_RESULT(c);
    QCOMPARE(*a, *b);
    QVERIFY(*a != *c);
    QCOMPARE(a->baseId(), c->baseId());
}

void TestAccountId::nullAccountIsEmpty()
{
    const AccountId none;
    QVERIFY(none.isNull());
    QVERIFY(none.canonical().isEmpty());
    QVERIFY(none.hostLabel().isEmpty());
    QCOMPARE(none.sandboxNumber(), 0);
}

QTEST_GUILESS_MAIN(TestAccountId)
#include "TestAccountId.moc"
