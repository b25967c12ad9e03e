// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "netsuite/EnvironmentKind.h"

#include <QString>
#include <QStringView>

namespace Sb::NetSuite {

/** Why a text is not an account ID. The message says what one looks like and where NetSuite shows
 * it. */
struct AccountError
{
    enum class Code {
        Empty,          ///< nothing (or only surrounding whitespace) was given
        TooLong,        ///< longer than any account ID or Company URL
        NonAscii,       ///< e.g. full-width digits, which IDNA would silently map to ASCII
        Whitespace,     ///< whitespace inside the ID
        BadCharacter,   ///< a character outside A–Z a–z 0–9 '_' '-' ('.', '/', '?', '@', …)
        BadShape,       ///< the characters are fine but the ID is not "<base>[_<suffix>]"
        BadSuffix,      ///< a suffix other than SB1…SB99 or RP
        MalformedUrl,   ///< looked like a URL but is not a usable http(s) URL
        NotNetSuiteUrl, ///< a URL whose host is not under netsuite.com (or carries user info)
        NoAccountInUrl, ///< a netsuite.com URL without an account label (system., rest.)
    };
    Code code{};
    QString message;
};

/**
 * A validated NetSuite account ID, the gate every URL passes through (facts §1; reliability
 * doc A1–A3): nothing builds a host from text that has not become an AccountId first.
 *
 * parse() accepts the forms people type or paste: `1234567`, `1234567_SB1`, `1234567-sb1`,
 * `1234567_RP`, `TSTDRV1234567` (any case), and a Company URL or SuiteTalk URL such as
 * `https://1234567-sb1.app.netsuite.com/app/center/card.nl` from which the account is taken.
 * It refuses everything else with an AccountError: non-ASCII input (full-width digits),
 * inner whitespace, dots, slashes and other URL syntax in a bare ID, and URLs outside
 * netsuite.com. It does not check that the account exists (that needs the network).
 *
 * The base is letters (0–10) followed by digits (1–15): all digits is a production account,
 * a letter prefix (TSTDRV…) a test-drive or developer account. The suffix `SB<n>` (n = 1…99,
 * no leading zero) makes a sandbox and `RP` a Release Preview account.
 */
class AccountId final
{
public:
    /** A parsed netsuite.com host: the account, its label as written, and the service part. */
    struct Host;

    AccountId() = default; ///< a null ID; every accessor returns empty/0

    [[nodiscard]] static Core::Result<AccountId, AccountError> parse(QStringView input);
    /**
     * Parses a host such as `1234567-sb1.suitetalk.api.netsuite.com` (any case, `_` or `-`).
     * The host must be under netsuite.com and start with an account label.
     */
    [[nodiscard]] static Core::Result<Host, AccountError> parseHost(QStringView host);

    [[nodiscard]] bool isNull() const { return m_base.isEmpty(); }
    /** Upper case with underscore ("1234567_SB1"): for display, `realm` and settings. */
    [[nodiscard]] QString canonical() const;
    /** Lower case with hyphen ("1234567-sb1"): the first label of every NetSuite host. */
    [[nodiscard]] QString hostLabel() const;
    /** The production part, upper case ("1234567", "TSTDRV1234567"). */
    [[nodiscard]] QString baseId() const { return m_base; }
    /** "SB1", "RP" or empty. */
    [[nodiscard]] QString suffix() const { return m_suffix; }
    [[nodiscard]] EnvironmentKind kind() const;
    /** 1…99 for a sandbox, 0 otherwise. */
    [[nodiscard]] int sandboxNumber() const { return m_sandboxNumber; }
    /** True when parse() took the account from a URL rather than a bare ID. */
    [[nodiscard]] bool parsedFromUrl() const { return m_fromUrl; }

    /** One sentence on what an account ID looks like and where NetSuite shows it. */
    [[nodiscard]] static QString formHelp();

    friend bool operator==(const AccountId &a, const AccountId &b)
    {
        return a.m_base == b.m_base && a.m_suffix == b.m_suffix;
    }
    friend bool operator!=(const AccountId &a, const AccountId &b) { return !(a == b); }

private:
    QString m_base;   // upper case
    QString m_suffix; // upper case, "" / "SB<n>" / "RP"
    int m_sandboxNumber = 0;
    bool m_fromUrl = false;

    friend struct AccountIdParser;
};

struct AccountId::Host
{
    AccountId account;
    QString label;   ///< the first host label exactly as written (case and '_' kept)
    QString service; ///< what follows the label, without ".netsuite.com": "suitetalk.api", "app", …
};

} // namespace Sb::NetSuite
