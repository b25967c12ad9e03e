// SPDX-License-Identifier: MIT
#include "netsuite/EnvironmentKind.h"

#include "netsuite/Tr.h"

namespace Sb::NetSuite {

EnvironmentKind::EnvironmentKind(Type type, int sandboxNumber, QString origin)
    : m_type(type)
    , m_sandboxNumber(sandboxNumber)
    , m_origin(std::move(origin))
{}

EnvironmentKind EnvironmentKind::production()
{
    return EnvironmentKind(Type::Production, 0, {});
}

EnvironmentKind EnvironmentKind::sandbox(int number)
{
    return EnvironmentKind(Type::Sandbox, number, {});
}

EnvironmentKind EnvironmentKind::releasePreview()
{
    return EnvironmentKind(Type::ReleasePreview, 0, {});
}

EnvironmentKind EnvironmentKind::testDrive()
{
    return EnvironmentKind(Type::TestDrive, 0, {});
}

EnvironmentKind EnvironmentKind::custom(const QString &origin)
{
    return EnvironmentKind(Type::Custom, 0, origin);
}

QString EnvironmentKind::displayName() const
{
    switch (m_type) {
    case Type::Production:
        return Tr::tr("Production");
    case Type::Sandbox:
        return Tr::tr("Sandbox %1").arg(m_sandboxNumber);
    case Type::ReleasePreview:
        return Tr::tr("Release Preview");
    case Type::TestDrive:
        return Tr::tr("Test Drive");
    case Type::Custom:
        return Tr::tr("Custom (%1)").arg(m_origin);
    }
    return {};
}

QString EnvironmentKind::typeName() const
{
    switch (m_type) {
    case Type::Production:
        return QStringLiteral("production");
    case Type::Sandbox:
        return QStringLiteral("sandbox");
    case Type::ReleasePreview:
        return QStringLiteral("release_preview");
    case Type::TestDrive:
        return QStringLiteral("test_drive");
    case Type::Custom:
        return QStringLiteral("custom");
    }
    return {};
}

} // namespace Sb::NetSuite
