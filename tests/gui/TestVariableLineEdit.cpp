// SPDX-License-Identifier: MIT
#include "gui/ThemeManager.h"
#include "gui/VariableLineEdit.h"

#include <QElapsedTimer>
#include <QHelpEvent>
#include <QImage>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextCharFormat>
#include <QToolTip>

#include <cmath>

using namespace Sb;
using Span = App::VariableSpan;
using State = App::VariableSpan::State;

Q_DECLARE_METATYPE(QList<Sb::App::VariableSpan>)

namespace QTest {
template<>
char *toString(const Sb::App::VariableSpan &span)
{
    return qstrdup(qPrintable(QStringLiteral("{%1,%2,'%3',%4}")
                                  .arg(span.start)
                                  .arg(span.length)
                                  .arg(span.name)
                                  .arg(int(span.state))));
}
} // namespace QTest

class TestVariableLineEdit final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void spansAndFormatsForKnownUnknownSecret();
    void secretStateFollowsTarget();
    void previewMasksSecrets();
    void toolTipsNeverShowSecrets();
    void textRoundTripIsUnchanged_data();
    void textRoundTripIsUnchanged();
    void formattingKeepsCursorSelectionAndUndo();
    void typingUpdatesSpans();
    void unterminatedBraces_data();
    void unterminatedBraces();
    void agreesWithLibraryParser_data();
    void agreesWithLibraryParser();
    void agreesWithLibraryOnRandomText();
    void longUrlDoesNotHang();
    void coloursReadableInLightAndDarkPalettes_data();
    void coloursReadableInLightAndDarkPalettes();
    void formatsAreActuallyPainted();

private:
    static Core::VariableSet variables();
    static double contrast(const QColor &a, const QColor &b);
};

void TestVariableLineEdit::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

Core::VariableSet TestVariableLineEdit::variables()
{
    return {{QStringLiteral("host"), {QStringLiteral("1234567-sb1.suitetalk.api.netsuite.com")}},
            {QStringLiteral("acct"), {QStringLiteral("1234567_SB1")}},
            {QStringLiteral("token"), {QStringLiteral("s3cr3t-value"), true}},
            {QStringLiteral("empty"), {QString()}}};
}

double TestVariableLineEdit::contrast(const QColor &a, const QColor &b)
{
    const auto lum = [](const QColor &c) {
        const auto ch = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
    };
    const double la = lum(a.toRgb());
    const double lb = lum(b.toRgb());
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

void TestVariableLineEdit::spansAndFormatsForKnownUnknownSecret()
{
    App::VariableLineEdit edit;
    edit.setVariables(variables());
    edit.setExpansionTarget(Core::ExpansionTarget::AuthorizationHeader);
    //                        0         1         2         3         4         5
    //                        012345678901234567890123456789012345678901234567890123456
    const QString url = QStringLiteral("https://{{host}}/a/{{missing}}?t={{token}}&x={{ acct }}");
    edit.setText(url);
    const QList<Span> expected{{8, 8, QStringLiteral("host"), State::Known},
                               {19, 11, QStringLiteral("missing"), State::Unknown},
                               {33, 9, QStringLiteral("token"), State::Secret},
                               {45, 10, QStringLiteral("acct"), State::Known}};
    QCOMPARE(edit.spans(), expected);
    QCOMPARE(edit.unknownVariables(), QStringList{QStringLiteral("missing")});

    const QList<QTextLayout::FormatRange> formats = edit.appliedFormats();
    QCOMPARE(formats.size(), expected.size());
    for (int i = 0; i < formats.size(); ++i) {
        QCOMPARE(formats.at(i).start, expected.at(i).start);
        QCOMPARE(formats.at(i).length, expected.at(i).length);
    }
    const QTextCharFormat known = formats.at(0).format;
    const QTextCharFormat unknown = formats.at(1).format;
    const QTextCharFormat secret = formats.at(2).format;
    QVERIFY(!known.fontItalic());
    QCOMPARE(known.underlineStyle(), QTextCharFormat::NoUnderline);
    QCOMPARE(unknown.underlineStyle(), QTextCharFormat::WaveUnderline);
    QVERIFY(unknown.foreground().color() != known.foreground().color());
    QVERIFY(secret.fontItalic());
    QCOMPARE(secret.underlineStyle(), QTextCharFormat::NoUnderline);
    QCOMPARE(formats.at(3).format, known);
}

void TestVariableLineEdit::secretStateFollowsTarget()
{
    App::VariableLineEdit edit;
    edit.setVariables(variables());
    edit.setText(QStringLiteral("https://x/?t={{token}}"));
    // Default target is a URL, where the library refuses secrets.
    QCOMPARE(edit.expansionTarget(), Core::ExpansionTarget::Url);
    QCOMPARE(edit.spans().value(0).state, State::SecretNotAllowed);
    const QTextCharFormat refused = edit.appliedFormats().value(0).format;
    QVERIFY(refused.fontItalic());
    QCOMPARE(refused.underlineStyle(), QTextCharFormat::WaveUnderline);
    edit.setExpansionTarget(Core::ExpansionTarget::Assertion);
    QCOMPARE(edit.spans().value(0).state, State::Secret);
    // A secret is defined: it is never reported as unknown.
    QVERIFY(edit.unknownVariables().isEmpty());
}

void TestVariableLineEdit::previewMasksSecrets()
{
    App::VariableLineEdit edit;
    edit.setVariables(variables());
    edit.setText(
        QStringLiteral("https://{{host}}/t/{{token}}/{{ token }}/{{missing}}/{{empty}}/{{x"));
    const QString preview = edit.previewText();
    QVERIFY2(!preview.contains(QStringLiteral("s3cr3t")), qPrintable(preview));
    QCOMPARE(preview, QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com/t/")
                          + App::VariableLineEdit::secretMask() + u'/'
                          + App::VariableLineEdit::secretMask()
                          + QStringLiteral("/{{missing}}//{{x"));
    edit.setExpansionTarget(Core::ExpansionTarget::AuthorizationHeader);
    QVERIFY(!edit.previewText().contains(QStringLiteral("s3cr3t")));
    // The text itself is untouched.
    QCOMPARE(edit.text(),
             QStringLiteral("https://{{host}}/t/{{token}}/{{ token }}/{{missing}}/{{empty}}/{{x"));
}

void TestVariableLineEdit::toolTipsNeverShowSecrets()
{
    App::VariableLineEdit edit;
    edit.setVariables(variables());
    edit.setExpansionTarget(Core::ExpansionTarget::AuthorizationHeader);
    edit.setText(QStringLiteral("{{host}} and {{token}} and {{nope}} <b>x</b>"));
    edit.resize(800, edit.sizeHint().height());
    edit.show();
    QVERIFY(QTest::qWaitForWindowExposed(&edit));

    const auto tipAt = [&edit](int charIndex) {
        // The first point over the text whose nearest cursor position is charIndex.
        QPoint pos(-1, edit.height() / 2);
        for (int x = 0; x < edit.width() && pos.x() < 0; ++x) {
            if (edit.cursorPositionAt(QPoint(x, pos.y())) == charIndex) {
                pos.setX(x);
            }
        }
        QHelpEvent help(QEvent::ToolTip, pos, edit.mapToGlobal(pos));
        QCoreApplication::sendEvent(&edit, &help);
        return QToolTip::text();
    };
    const QString hostTip = tipAt(3);
    QVERIFY2(hostTip.contains(QStringLiteral("1234567-sb1.suitetalk.api.netsuite.com")),
             qPrintable(hostTip));
    const QString tokenTip = tipAt(16);
    QVERIFY2(tokenTip.contains(QStringLiteral("secret")), qPrintable(tokenTip));
    QVERIFY(!tokenTip.contains(QStringLiteral("s3cr3t")));
    const QString unknownTip = tipAt(30);
    QVERIFY2(unknownTip.contains(QStringLiteral("not defined")), qPrintable(unknownTip));
    const QString previewTip = tipAt(edit.text().size());
    QVERIFY2(previewTip.contains(App::VariableLineEdit::secretMask()), qPrintable(previewTip));
    QVERIFY(!previewTip.contains(QStringLiteral("s3cr3t")));
    // Typed markup is shown as text, never rendered.
    QVERIFY2(previewTip.contains(QStringLiteral("&lt;b&gt;")), qPrintable(previewTip));
    QToolTip::hideText();
}

void TestVariableLineEdit::textRoundTripIsUnchanged_data()
{
    QTest::addColumn<QString>("text");
    // clang-format off
    QTest::newRow("plain")        << QStringLiteral("https://example.com/a?b=c");
    QTest::newRow("variables")    << QStringLiteral("https://{{host}}/{{ acct }}/{{token}}");
    QTest::newRow("unknown")      << QStringLiteral("{{missing}}{{missing}}");
    QTest::newRow("unterminated") << QStringLiteral("https://{{host}}/{{acc");
    QTest::newRow("literal json") << QStringLiteral("{{\"a\": 1}}");
    QTest::newRow("braces only")  << QStringLiteral("{{{{}}}}}}{{");
    QTest::newRow("non-ascii")    << QStringLiteral("https://ex.com/\u00e9\u4e2d/{{host}}/\U0001F600");
    QTest::newRow("spaces")       << QStringLiteral("  {{ host }}  ");
    QTest::newRow("empty")        << QString();
    // clang-format on
}

void TestVariableLineEdit::textRoundTripIsUnchanged()
{
    QFETCH(QString, text);
    App::VariableLineEdit edit;
    edit.setVariables(variables());
    QSignalSpy changed(&edit, &QLineEdit::textChanged);
    edit.setText(text);
    QCOMPARE(edit.text(), text);
    QCOMPARE(edit.displayText(), text);
    QCOMPARE(changed.size(), text.isEmpty() ? 0 : 1);
    QVERIFY(!edit.isModified());
    QVERIFY(!edit.isUndoAvailable());
    // Re-highlighting (new variables, new target) never touches the text or emits textChanged.
    edit.setVariables({});
    edit.setExpansionTarget(Core::ExpansionTarget::Body);
    QCOMPARE(edit.text(), text);
    QCOMPARE(changed.size(), text.isEmpty() ? 0 : 1);
    QVERIFY(!edit.isUndoAvailable());
}

void TestVariableLineEdit::formattingKeepsCursorSelectionAndUndo()
{
    App::VariableLineEdit edit;
    edit.setText(QStringLiteral("https://{{host}}/x"));
    QTest::keyClicks(&edit, QStringLiteral("/{{acct}}"));
    edit.setSelection(2, 5);
    QCOMPARE(edit.selectedText(), QStringLiteral("tps:/"));
    const int cursor = edit.cursorPosition();
    edit.setVariables(variables()); // re-applies the formats
    QCOMPARE(edit.selectedText(), QStringLiteral("tps:/"));
    QCOMPARE(edit.cursorPosition(), cursor);
    QVERIFY(edit.isUndoAvailable());
    edit.undo();
    QCOMPARE(edit.text(), QStringLiteral("https://{{host}}/x"));
    QCOMPARE(edit.spans().size(), 1);
    edit.redo();
    QCOMPARE(edit.text(), QStringLiteral("https://{{host}}/x/{{acct}}"));
    QCOMPARE(edit.spans().size(), 2);
}

void TestVariableLineEdit::typingUpdatesSpans()
{
    App::VariableLineEdit edit;
    edit.setVariables(variables());
    QSignalSpy unknownSpy(&edit, &App::VariableLineEdit::unknownVariablesChanged);
    QSignalSpy returnSpy(&edit, &QLineEdit::returnPressed);
    QSignalSpy editedSpy(&edit, &QLineEdit::textEdited);

    QTest::keyClicks(&edit, QStringLiteral("https://{{ho"));
    QCOMPARE(edit.spans(), (QList<Span>{{8, 4, QString(), State::Unterminated}}));
    QCOMPARE(edit.appliedFormats().value(0).format.underlineStyle(),
             QTextCharFormat::WaveUnderline);
    QTest::keyClicks(&edit, QStringLiteral("st}}/{{nope}}"));
    QCOMPARE(edit.spans(), (QList<Span>{{8, 8, QStringLiteral("host"), State::Known},
                                        {17, 8, QStringLiteral("nope"), State::Unknown}}));
    QCOMPARE(unknownSpy.size(), 1);
    QCOMPARE(unknownSpy.at(0).at(0).toStringList(), QStringList{QStringLiteral("nope")});
    QCOMPARE(edit.appliedFormats().size(), 2);
    QCOMPARE(edit.appliedFormats().at(1).start, 17);

    // Fix the name: "nope" -> "acct", typed over a selection.
    edit.setSelection(19, 4);
    QTest::keyClicks(&edit, QStringLiteral("acct"));
    QCOMPARE(edit.text(), QStringLiteral("https://{{host}}/{{acct}}"));
    QCOMPARE(edit.spans().value(1).state, State::Known);
    // Emitted on each change of the set ("a", "ac", "acc" on the way), ending empty.
    QVERIFY(unknownSpy.size() >= 2);
    QVERIFY(unknownSpy.constLast().at(0).toStringList().isEmpty());
    QVERIFY(edit.unknownVariables().isEmpty());

    // Backspacing a closing brace makes it unterminated again.
    edit.end(false);
    QTest::keyClick(&edit, Qt::Key_Backspace);
    QCOMPARE(edit.spans().value(1), (Span{17, 7, QString(), State::Unterminated}));

    QTest::keyClick(&edit, Qt::Key_Return);
    QCOMPARE(returnSpy.size(), 1);
    QVERIFY(editedSpy.size() > 0);
}

void TestVariableLineEdit::unterminatedBraces_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<Span>>("expected");
    // clang-format off
    QTest::newRow("open at end")   << QStringLiteral("https://x/{{")
                                   << QList<Span>{{10, 2, {}, State::Unterminated}};
    QTest::newRow("after a known") << QStringLiteral("a{{host}}c{{d")
                                   << QList<Span>{{1, 8, QStringLiteral("host"), State::Known},
                                                  {10, 3, {}, State::Unterminated}};
    QTest::newRow("single brace")  << QStringLiteral("a{{host}")
                                   << QList<Span>{{1, 7, {}, State::Unterminated}};
    QTest::newRow("close before")  << QStringLiteral("}}{{host")
                                   << QList<Span>{{2, 6, {}, State::Unterminated}};
    // clang-format on
}

void TestVariableLineEdit::unterminatedBraces()
{
    QFETCH(QString, text);
    QFETCH(QList<Span>, expected);
    App::VariableLineEdit edit;
    edit.setVariables(variables());
    edit.setText(text);
    QCOMPARE(edit.spans(), expected);
    const auto expanded = Core::expandVariables(text, variables(), Core::ExpansionTarget::Url);
    QVERIFY(!expanded);
    QCOMPARE(expanded.error().code, Core::VariableError::Code::Unterminated);
    QCOMPARE(edit.appliedFormats().constLast().start, expected.constLast().start);
    QCOMPARE(edit.appliedFormats().constLast().length,
             int(text.size()) - expected.constLast().start);
}

void TestVariableLineEdit::agreesWithLibraryParser_data()
{
    QTest::addColumn<QString>("text");
    // Edge cases of lib/core/Variables.cpp's findReference().
    // clang-format off
    QTest::newRow("triple open")   << QStringLiteral("{{{a}}}");
    QTest::newRow("nested")        << QStringLiteral("{{a{{b}}");
    QTest::newRow("empty name")    << QStringLiteral("{{}}{{a}}");
    QTest::newRow("spaces only")   << QStringLiteral("{{   }}x{{b}}");
    QTest::newRow("inner space")   << QStringLiteral("{{a b}}{{c}}");
    QTest::newRow("name chars")    << QStringLiteral("{{ a-b_c.d9 }}");
    QTest::newRow("json")          << QStringLiteral("{{\"k\":{{v}}}}");
    QTest::newRow("tab and nl")    << QStringLiteral("{{\ta\n}}");
    QTest::newRow("repeats")       << QStringLiteral("{{a}}{{b}}{{a}}");
    QTest::newRow("four close")    << QStringLiteral("{{a}}}}");
    QTest::newRow("unicode name")  << QStringLiteral("{{\u00e9}}{{b}}");
    // clang-format on
}

void TestVariableLineEdit::agreesWithLibraryParser()
{
    QFETCH(QString, text);
    // Every referenced name is defined (value "<name>"), so the only possible library error is
    // Unterminated, and a successful expansion must equal the widget's preview.
    Core::VariableSet vars;
    for (const QString &name : Core::referencedVariables(text)) {
        vars.insert(name, {u'<' + name + u'>'});
    }
    App::VariableLineEdit edit;
    edit.setVariables(vars);
    edit.setText(text);
    QStringList names;
    for (const Span &span : edit.spans()) {
        QCOMPARE(edit.text().mid(span.start, 2), QStringLiteral("{{"));
        if (span.state != State::Unterminated && !names.contains(span.name)) {
            names.append(span.name);
        }
    }
    QCOMPARE(names, Core::referencedVariables(text));
    const auto expanded = Core::expandVariables(text, vars, Core::ExpansionTarget::Url);
    const bool unterminated
        = !edit.spans().isEmpty() && edit.spans().constLast().state == State::Unterminated;
    if (expanded) {
        QVERIFY(!unterminated);
        QCOMPARE(edit.previewText(), *expanded);
    } else {
        QCOMPARE(expanded.error().code, Core::VariableError::Code::Unterminated);
        QVERIFY(unterminated);
    }
    QVERIFY(edit.unknownVariables().isEmpty());
}

void TestVariableLineEdit::agreesWithLibraryOnRandomText()
{
    // Random text over the characters that matter to the parser, with a fixed seed.
    const QString alphabet = QStringLiteral("{{}}ab. -\t/x");
    QRandomGenerator rng(20240611);
    App::VariableLineEdit edit;
    for (int round = 0; round < 3000; ++round) {
        QString text;
        const int length = int(rng.bounded(0, 28));
        for (int i = 0; i < length; ++i) {
            text += alphabet.at(int(rng.bounded(0, int(alphabet.size()))));
        }
        Core::VariableSet vars;
        for (const QString &name : Core::referencedVariables(text)) {
            vars.insert(name, {u'<' + name + u'>'});
        }
        edit.setVariables(vars);
        edit.setText(text);
        const auto expanded = Core::expandVariables(text, vars, Core::ExpansionTarget::Url);
        const bool unterminated
            = !edit.spans().isEmpty() && edit.spans().constLast().state == State::Unterminated;
        QVERIFY2(bool(expanded) != unterminated, qPrintable(text));
        if (expanded) {
            QVERIFY2(edit.previewText() == *expanded, qPrintable(text));
        }
    }
}

void TestVariableLineEdit::longUrlDoesNotHang()
{
    App::VariableLineEdit edit;
    edit.setVariables(variables());
    edit.resize(900, edit.sizeHint().height());
    edit.show();
    QVERIFY(QTest::qWaitForWindowExposed(&edit));
    QString url = QStringLiteral("https://{{host}}/services/rest/record/v1/customer?q=");
    while (url.size() < 10000) {
        url += QStringLiteral("{{acct}}-{{token}}-{{nope}}-");
    }
    url.truncate(10000);
    QString pathological = QString(QStringLiteral("{{ ")).repeated(3333) + QStringLiteral("}}x");
    QElapsedTimer timer;
    timer.start();
    edit.setText(url);
    QCOMPARE(edit.text(), url);
    QVERIFY(edit.spans().size() > 1000);
    QTest::keyClicks(&edit, QStringLiteral("{{host}}"));
    QCOMPARE(edit.text().size(), 10008);
    edit.setText(pathological);
    QCOMPARE(edit.spans().size(), 0); // "{{ {{ … }}" is literal text, as in the library
    QTest::keyClicks(&edit, QStringLiteral("{{"));
    QCOMPARE(edit.spans().size(), 1);
    QVERIFY(!edit.grab().isNull());
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void TestVariableLineEdit::coloursReadableInLightAndDarkPalettes_data()
{
    QTest::addColumn<QPalette>("palette");
    QPalette badLink = App::ThemeManager::darkPalette();
    badLink.setColor(QPalette::Link, QColor(0, 0, 255)); // Qt's default link on a dark base
    QPalette lightBadLink = App::ThemeManager::lightPalette();
    lightBadLink.setColor(QPalette::Link, QColor(0x9c, 0xdc, 0xfe));
    QTest::newRow("light") << App::ThemeManager::lightPalette();
    QTest::newRow("dark") << App::ThemeManager::darkPalette();
    QTest::newRow("dark, default blue link") << badLink;
    QTest::newRow("light, pale link") << lightBadLink;
}

void TestVariableLineEdit::coloursReadableInLightAndDarkPalettes()
{
    QFETCH(QPalette, palette);
    App::VariableLineEdit edit;
    edit.setVariables(variables());
    edit.setExpansionTarget(Core::ExpansionTarget::AuthorizationHeader);
    edit.setText(QStringLiteral("{{host}} {{token}} {{nope}} {{x"));
    edit.setPalette(palette); // a palette change re-colours
    const QColor base = palette.color(QPalette::Base);
    const QList<QTextLayout::FormatRange> formats = edit.appliedFormats();
    QCOMPARE(formats.size(), 4);
    for (const QTextLayout::FormatRange &range : formats) {
        const QColor fg = range.format.foreground().color();
        const QColor bg = range.format.background().color();
        QVERIFY2(contrast(fg, base) >= 4.5, qPrintable(fg.name() + u'/' + base.name()));
        QVERIFY2(contrast(fg, bg) >= 4.5, qPrintable(fg.name() + u'/' + bg.name()));
    }
}

void TestVariableLineEdit::formatsAreActuallyPainted()
{
    // The formats reach the screen: count pixels in the link colour in a rendering.
    App::VariableLineEdit edit;
    edit.setPalette(App::ThemeManager::lightPalette());
    edit.setVariables(variables());
    edit.resize(600, edit.sizeHint().height());
    edit.show();
    QVERIFY(QTest::qWaitForWindowExposed(&edit));
    const auto countNear = [](const QImage &image, const QColor &target) {
        int count = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (std::abs(c.red() - target.red()) + std::abs(c.green() - target.green())
                        + std::abs(c.blue() - target.blue())
                    < 60) {
                    ++count;
                }
            }
        }
        return count;
    };
    const QString highlighted = QStringLiteral("{{host}}{{host}}{{host}}{{host}}");
    edit.setText(highlighted);
    const QColor link = edit.appliedFormats().value(0).format.foreground().color();
    const int after = countNear(edit.grab().toImage(), link);
    edit.setText(QStringLiteral("plain text only"));
    const int before = countNear(edit.grab().toImage(), link);
    QVERIFY2(before < 5 && after > 5 * (before + 1),
             qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
    // Read-only fields keep their highlighting when the text changes.
    edit.setReadOnly(true);
    edit.setText(QStringLiteral("plain text only"));
    QVERIFY(countNear(edit.grab().toImage(), link) < 5);
    edit.setText(highlighted);
    QVERIFY(countNear(edit.grab().toImage(), link) > 5 * (before + 1));
}

QTEST_MAIN(TestVariableLineEdit)
#include "TestVariableLineEdit.moc"
