// SPDX-License-Identifier: MIT
#include "core/Variables.h"
#include "support/ResultTesting.h"

#include <QTest>

using namespace Sb;
using Core::ExpansionTarget;

Q_DECLARE_METATYPE(Sb::Core::ExpansionTarget)
Q_DECLARE_METATYPE(Sb::Core::VariableError::Code)

class TestVariables final : public QObject
{
    Q_OBJECT

private slots:
    void expands_data();
    void expands();
    void secretsOnlyInAuthorizationAndAssertion_data();
    void secretsOnlyInAuthorizationAndAssertion();
    void rejects_data();
    void rejects();
    void valuesAreNotExpandedAgain();
    void listsReferences();

private:
    static Core::VariableSet variables()
    {
        Core::VariableSet set;
        set.insert(QStringLiteral("account"), {QStringLiteral("1234567_SB1"), false});
        set.insert(QStringLiteral("record.type"), {QStringLiteral("customer"), false});
        set.insert(QStringLiteral("token"), {QStringLiteral("SENTINEL-secret-value"), true});
        set.insert(QStringLiteral("loop"), {QStringLiteral("{{loop}}"), false});
        return set;
    }
};

void TestVariables::expands_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    // clang-format off
    QTest::newRow("none")            << QStringLiteral("/record/v1") << QStringLiteral("/record/v1");
    QTest::newRow("one")             << QStringLiteral("/{{record.type}}/1") << QStringLiteral("/customer/1");
    QTest::newRow("spaces inside")   << QStringLiteral("{{ account }}") << QStringLiteral("1234567_SB1");
    QTest::newRow("two")             << QStringLiteral("{{account}}:{{record.type}}") << QStringLiteral("1234567_SB1:customer");
    QTest::newRow("json braces kept") << QStringLiteral("{\"a\":{{account}}}") << QStringLiteral("{\"a\":1234567_SB1}");
    QTest::newRow("not a name kept") << QStringLiteral("{{ a b }}") << QStringLiteral("{{ a b }}");
    QTest::newRow("empty")           << QString() << QString();
    // clang-format on
}

void TestVariables::expands()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto result = Core::expandVariables(text, variables(), ExpansionTarget::Url);
    SB_VERIFY_RESULT(result);
    QCOMPARE(*result, expected);
}

void TestVariables::secretsOnlyInAuthorizationAndAssertion_data()
{
    QTest::addColumn<ExpansionTarget>("target");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("url") << ExpansionTarget::Url << false;
    QTest::newRow("header") << ExpansionTarget::Header << false;
    QTest::newRow("body") << ExpansionTarget::Body << false;
    QTest::newRow("authorization") << ExpansionTarget::AuthorizationHeader << true;
    QTest::newRow("assertion") << ExpansionTarget::Assertion << true;
}

void TestVariables::secretsOnlyInAuthorizationAndAssertion()
{
    QFETCH(ExpansionTarget, target);
    QFETCH(bool, allowed);
    const auto result
        = Core::expandVariables(QStringLiteral("Bearer {{token}}"), variables(), target);
    if (allowed) {
        SB_VERIFY_RESULT(result);
        QCOMPARE(*result, QStringLiteral("Bearer SENTINEL-secret-value"));
    } else {
        SB_VERIFY_ERROR(result, Core::VariableError::Code::SecretNotAllowedHere);
        QCOMPARE(result.error().variable, QStringLiteral("token"));
        // The refusal names the variable but never carries its value.
        QVERIFY(!result.error().message.contains(QStringLiteral("SENTINEL")));
    }
}

void TestVariables::rejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Core::VariableError::Code>("code");
    using Code = Core::VariableError::Code;
    QTest::newRow("unknown") << QStringLiteral("/{{nope}}") << Code::UnknownVariable;
    QTest::newRow("unterminated") << QStringLiteral("/{{account") << Code::Unterminated;
    QTest::newRow("unknown after known")
        << QStringLiteral("{{account}}/{{other}}") << Code::UnknownVariable;
}

void TestVariables::rejects()
{
    QFETCH(QString, text);
    QFETCH(Core::VariableError::Code, code);
    SB_VERIFY_ERROR(Core::expandVariables(text, variables(), ExpansionTarget::Url), code);
}

void TestVariables::valuesAreNotExpandedAgain()
{
    // A value that itself looks like a reference is inserted literally: no recursion, no loop.
    const auto result
        = Core::expandVariables(QStringLiteral("x{{loop}}y"), variables(), ExpansionTarget::Body);
    SB_VERIFY_RESULT(result);
    QCOMPARE(*result, QStringLiteral("x{{loop}}y"));
}

void TestVariables::listsReferences()
{
    QCOMPARE(Core::referencedVariables(QStringLiteral("{{a}}/{{ b }}/{{a}}/{{ not valid }}")),
             (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
}

QTEST_GUILESS_MAIN(TestVariables)
#include "TestVariables.moc"
