// SPDX-License-Identifier: MIT
#include "netsuite/AccountId.h"

#include "netsuite/DisplayText.h"
#include "netsuite/Tr.h"

namespace Sb::NetSuite {

namespace {

constexpr qsizetype maxBareLength = 40;  // "TSTDRV123456789012345_SB99" fits easily
constexpr qsizetype maxUrlLength = 2048; // a pasted Company URL with a long path
constexpr qsizetype maxBaseLetters = 10;
constexpr qsizetype maxBaseDigits = 15;

constexpr QLatin1String netSuiteDomain(".netsuite.com");

bool isAsciiAlnum(char16_t c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z');
}

bool isAsciiSpace(char16_t c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\v' || c == u'\f';
}

QStringView trimAscii(QStringView s)
{
    while (!s.isEmpty() && isAsciiSpace(s.front().unicode())) {
        s = s.mid(1);
    }
    while (!s.isEmpty() && isAsciiSpace(s.back().unicode())) {
        s.chop(1);
    }
    return s;
}

tl::unexpected<AccountError> refuse(AccountError::Code code, QStringView input,
                                    const QString &reason)
{
    QString message;
    if (input.isEmpty()) {
        message = reason;
    } else {
        message = Tr::tr("\"%1\" is not a NetSuite account ID: %2")
                      .arg(escapeForDisplay(input, 80), reason);
    }
    message += QLatin1Char(' ') + AccountId::formHelp();
    return Core::fail<AccountError>(code, message);
}

QString describeCharacter(char16_t c)
{
    if (c >= 0x21 && c < 0x7F) {
        return QStringLiteral("\"") + QChar(c) + QStringLiteral("\"");
    }
    return escapeForDisplay(QStringView(&c, 1));
}

} // namespace

/** The parser, a friend so it can fill the private fields. */
struct AccountIdParser
{
    static Core::Result<AccountId, AccountError> bare(QStringView input, QStringView id)
    {
        if (id.size() > maxBareLength) {
            return refuse(
                AccountError::Code::TooLong, input,
                Tr::tr("it is %1 characters long; account IDs are much shorter.").arg(id.size()));
        }
        qsizetype separator = -1;
        for (qsizetype i = 0; i < id.size(); ++i) {
            const char16_t c = id[i].unicode();
            if (isAsciiSpace(c)) {
                return refuse(AccountError::Code::Whitespace, input,
                              Tr::tr("it contains whitespace at position %1.").arg(i + 1));
            }
            if (c == u'_' || c == u'-') {
                if (separator >= 0) {
                    return refuse(AccountError::Code::BadShape, input,
                                  Tr::tr("it has more than one \"_\" or \"-\"."));
                }
                separator = i;
                continue;
            }
            if (!isAsciiAlnum(c)) {
                // '.', '/', '?', '#', '@' and ':' are how "attacker.example/x?" and
                // "1234567.evil" would move the host; they are never part of an ID.
                return refuse(AccountError::Code::BadCharacter, input,
                              Tr::tr("%1 at position %2 is not allowed (only letters, digits "
                                     "and one \"_\" or \"-\").")
                                  .arg(describeCharacter(c))
                                  .arg(i + 1));
            }
        }
        const QStringView base = separator < 0 ? id : id.left(separator);
        const QStringView suffix = separator < 0 ? QStringView() : id.mid(separator + 1);

        qsizetype letters = 0;
        while (letters < base.size() && !base[letters].isDigit()) {
            ++letters;
        }
        const qsizetype digits = base.size() - letters;
        bool digitsOnlyAfterLetters = true;
        for (qsizetype i = letters; i < base.size(); ++i) {
            if (!base[i].isDigit()) {
                digitsOnlyAfterLetters = false;
            }
        }
        if (base.isEmpty() || digits == 0 || !digitsOnlyAfterLetters || letters > maxBaseLetters
            || digits > maxBaseDigits) {
            return refuse(AccountError::Code::BadShape, input,
                          Tr::tr("the part before the suffix must be digits, optionally after a "
                                 "letter prefix such as TSTDRV."));
        }

        AccountId id_;
        id_.m_base = base.toString().toUpper();
        if (separator >= 0) {
            const QString upper = suffix.toString().toUpper();
            if (upper == QStringLiteral("RP")) {
                id_.m_suffix = upper;
            } else if (upper.size() >= 3 && upper.size() <= 4
                       && upper.startsWith(QStringLiteral("SB")) && upper[2] != QLatin1Char('0')
                       && upper[2].isDigit() && (upper.size() == 3 || upper[3].isDigit())) {
                id_.m_suffix = upper;
                id_.m_sandboxNumber = upper.mid(2).toInt();
            } else {
                return refuse(AccountError::Code::BadSuffix, input,
                              Tr::tr("the suffix \"%1\" is unknown: sandboxes end in _SB1, _SB2, "
                                     "… and Release Preview accounts in _RP.")
                                  .arg(escapeForDisplay(suffix, 20)));
            }
        }
        return id_;
    }

    static Core::Result<AccountId::Host, AccountError> host(QStringView input, QStringView host)
    {
        for (qsizetype i = 0; i < host.size(); ++i) {
            const char16_t c = host[i].unicode();
            if (!isAsciiAlnum(c) && c != u'.' && c != u'-' && c != u'_') {
                return refuse(AccountError::Code::NotNetSuiteUrl, input,
                              Tr::tr("its host contains %1.").arg(describeCharacter(c)));
            }
        }
        const QString lower = host.toString().toLower();
        if (!lower.endsWith(netSuiteDomain)) {
            return refuse(AccountError::Code::NotNetSuiteUrl, input,
                          Tr::tr("the host \"%1\" is not a NetSuite host (*.netsuite.com).")
                              .arg(escapeForDisplay(host, 80)));
        }
        const QStringView inner = host.left(host.size() - netSuiteDomain.size());
        const qsizetype dot = inner.indexOf(QLatin1Char('.'));
        if (dot <= 0 || dot == inner.size() - 1) {
            return refuse(AccountError::Code::NoAccountInUrl, input,
                          Tr::tr("the host \"%1\" is shared by all accounts and names none; "
                                 "copy an account-specific URL such as "
                                 "https://1234567.suitetalk.api.netsuite.com.")
                              .arg(escapeForDisplay(host, 80)));
        }
        const QStringView label = inner.left(dot);
        auto account = bare(input, label);
        if (!account) {
            return refuse(AccountError::Code::NoAccountInUrl, input,
                          Tr::tr("the host \"%1\" does not start with an account label such as "
                                 "1234567 or 1234567-sb1.")
                              .arg(escapeForDisplay(host, 80)));
        }
        AccountId::Host result;
        account->m_fromUrl = true;
        result.account = *account;
        result.label = label.toString();
        result.service = inner.mid(dot + 1).toString().toLower();
        return result;
    }

    static Core::Result<AccountId, AccountError> url(QStringView input, QStringView text)
    {
        if (text.size() > maxUrlLength) {
            return refuse(AccountError::Code::TooLong, input,
                          Tr::tr("the URL is longer than %1 characters.").arg(maxUrlLength));
        }
        // Split the URL by hand instead of trusting QUrl's tolerant parser: the point is to
        // see the host exactly as written (userinfo tricks such as "evil:443@" included).
        QStringView rest = text;
        const qsizetype schemeEnd = rest.indexOf(QStringLiteral("://"));
        if (schemeEnd >= 0) {
            const QString scheme = rest.left(schemeEnd).toString().toLower();
            if (scheme != QStringLiteral("https") && scheme != QStringLiteral("http")) {
                return refuse(AccountError::Code::MalformedUrl, input,
                              Tr::tr("only https:// URLs from Company URLs are understood."));
            }
            rest = rest.mid(schemeEnd + 3);
        }
        qsizetype authorityEnd = rest.size();
        for (const QChar stop :
             {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#'), QLatin1Char('\\')}) {
            const qsizetype at = rest.indexOf(stop);
            if (at >= 0 && at < authorityEnd) {
                authorityEnd = at;
            }
        }
        QStringView authority = rest.left(authorityEnd);
        if (authority.contains(QLatin1Char('@'))) {
            return refuse(AccountError::Code::NotNetSuiteUrl, input,
                          Tr::tr("the URL carries a user name (\"…@\"), which can hide the "
                                 "real host."));
        }
        const qsizetype colon = authority.lastIndexOf(QLatin1Char(':'));
        if (colon >= 0) {
            const QStringView port = authority.mid(colon + 1);
            bool ok = false;
            const int number = port.toInt(&ok);
            if (!ok || number <= 0 || number > 65535) {
                return refuse(AccountError::Code::MalformedUrl, input,
                              Tr::tr("the port is not a number."));
            }
            authority = authority.left(colon);
        }
        if (authority.isEmpty()) {
            return refuse(AccountError::Code::MalformedUrl, input, Tr::tr("the URL has no host."));
        }
        auto parsed = host(input, authority);
        if (!parsed) {
            return tl::unexpected(parsed.error());
        }
        return parsed->account;
    }

    static bool looksLikeUrl(QStringView text)
    {
        return text.contains(QStringLiteral("://"))
               || text.contains(QStringLiteral(".netsuite.com"), Qt::CaseInsensitive);
    }
};

Core::Result<AccountId, AccountError> AccountId::parse(QStringView input)
{
    const QStringView text = trimAscii(input);
    if (text.isEmpty()) {
        return refuse(AccountError::Code::Empty, {}, Tr::tr("No account ID was given."));
    }
    if (text.size() > maxUrlLength) {
        return refuse(AccountError::Code::TooLong, text.left(40),
                      Tr::tr("the text is longer than %1 characters.").arg(maxUrlLength));
    }
    // ASCII only, checked before anything else: IDNA would map full-width digits
    // ("１２３４５６７") to "1234567" inside QUrl, so a look-alike ID could become a host
    // nobody typed (reliability doc A3).
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x80) {
            const bool fullWidthDigit = c >= 0xFF10 && c <= 0xFF19;
            const QString codePoint
                = QStringLiteral("U+")
                  + QString::number(c, 16).toUpper().rightJustified(4, QLatin1Char('0'));
            return refuse(AccountError::Code::NonAscii, text,
                          fullWidthDigit
                              ? Tr::tr("it contains the full-width digit %1 at position %2; type "
                                       "the ID with ASCII digits 0-9.")
                                    .arg(codePoint)
                                    .arg(i + 1)
                              : Tr::tr("it contains the non-ASCII character %1 at position %2.")
                                    .arg(codePoint)
                                    .arg(i + 1));
        }
        if ((c < 0x20 || c == 0x7F) && !isAsciiSpace(c)) {
            return refuse(AccountError::Code::BadCharacter, text,
                          Tr::tr("it contains the control character %1 at position %2.")
                              .arg(escapeForDisplay(text.mid(i, 1)))
                              .arg(i + 1));
        }
    }
    if (AccountIdParser::looksLikeUrl(text)) {
        return AccountIdParser::url(text, text);
    }
    return AccountIdParser::bare(text, text);
}

Core::Result<AccountId::Host, AccountError> AccountId::parseHost(QStringView host)
{
    if (host.isEmpty()) {
        return refuse(AccountError::Code::Empty, {}, Tr::tr("No host was given."));
    }
    if (host.size() > 253) {
        return refuse(AccountError::Code::TooLong, host.left(40),
                      Tr::tr("a host name has at most 253 characters."));
    }
    return AccountIdParser::host(host, host);
}

QString AccountId::canonical() const
{
    return m_suffix.isEmpty() ? m_base : m_base + QLatin1Char('_') + m_suffix;
}

QString AccountId::hostLabel() const
{
    return m_suffix.isEmpty() ? m_base.toLower()
                              : m_base.toLower() + QLatin1Char('-') + m_suffix.toLower();
}

EnvironmentKind AccountId::kind() const
{
    if (m_sandboxNumber > 0) {
        return EnvironmentKind::sandbox(m_sandboxNumber);
    }
    if (m_suffix == QStringLiteral("RP")) {
        return EnvironmentKind::releasePreview();
    }
    if (!m_base.isEmpty() && !m_base.front().isDigit()) {
        return EnvironmentKind::testDrive();
    }
    return EnvironmentKind::production();
}

QString AccountId::formHelp()
{
    return Tr::tr("An account ID looks like 1234567 (production), 1234567_SB1 (sandbox), "
                  "1234567_RP (Release Preview) or TSTDRV1234567 (test drive). NetSuite shows it "
                  "at Setup > Company > Company Information (Account ID); you can also paste a "
                  "URL from Company URLs on that page.");
}

} // namespace Sb::NetSuite
