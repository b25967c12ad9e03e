// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Sb::NetSuite {

/**
 * What kind of environment a target is: the one kind type every layer uses (guards,
 * colour coding, the emulator, the CLI's `account` output).
 *
 * Production, Sandbox(n), ReleasePreview and TestDrive come from a NetSuite account ID;
 * Custom(origin) is a custom token endpoint (the emulator or any OAuth 2.0 server) that is
 * not tied to an account. An emulator environment that emulates an account has that
 * account's kind (see Target). A default-constructed kind is Production, the most careful
 * choice for a guard. It does not validate the origin string; CustomTokenEndpoint does.
 */
class EnvironmentKind final
{
public:
    enum class Type { Production, Sandbox, ReleasePreview, TestDrive, Custom };

    EnvironmentKind() = default;

    [[nodiscard]] static EnvironmentKind production();
    /** Sandbox @p number (1…99). */
    [[nodiscard]] static EnvironmentKind sandbox(int number);
    [[nodiscard]] static EnvironmentKind releasePreview();
    [[nodiscard]] static EnvironmentKind testDrive();
    /** A custom endpoint identified by its origin ("https://host[:port]"). */
    [[nodiscard]] static EnvironmentKind custom(const QString &origin);

    [[nodiscard]] Type type() const { return m_type; }
    /** 1…99 for a sandbox, 0 otherwise. */
    [[nodiscard]] int sandboxNumber() const { return m_sandboxNumber; }
    /** The origin of a Custom kind; empty otherwise. */
    [[nodiscard]] QString origin() const { return m_origin; }

    [[nodiscard]] bool isProduction() const { return m_type == Type::Production; }
    [[nodiscard]] bool isCustom() const { return m_type == Type::Custom; }

    /** For people: "Production", "Sandbox 2", "Release Preview", "Test Drive", "Custom (origin)".
     */
    [[nodiscard]] QString displayName() const;
    /**
     * Stable machine name for JSON and settings: "production", "sandbox", "release_preview",
     * "test_drive", "custom". The sandbox number and origin are separate fields.
     */
    [[nodiscard]] QString typeName() const;

    friend bool operator==(const EnvironmentKind &a, const EnvironmentKind &b)
    {
        return a.m_type == b.m_type && a.m_sandboxNumber == b.m_sandboxNumber
               && a.m_origin == b.m_origin;
    }
    friend bool operator!=(const EnvironmentKind &a, const EnvironmentKind &b) { return !(a == b); }

private:
    EnvironmentKind(Type type, int sandboxNumber, QString origin);

    Type m_type = Type::Production;
    int m_sandboxNumber = 0;
    QString m_origin;
};

} // namespace Sb::NetSuite
