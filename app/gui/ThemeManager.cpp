// SPDX-License-Identifier: MIT
#include "gui/ThemeManager.h"

#include <QApplication>
#include <QEvent>
#include <QSettings>
#include <QStyle>

namespace Sb::App {

namespace {
const QString themeKey = QStringLiteral("appearance/theme");
}

ThemeManager::ThemeManager(QSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_systemPalette(QApplication::palette())
{
    qApp->installEventFilter(this);
}

QString ThemeManager::themeName(Theme theme)
{
    switch (theme) {
    case Theme::System:
        return QStringLiteral("system");
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    }
    return QStringLiteral("system");
}

void ThemeManager::applySaved()
{
    const QString saved = m_settings.value(themeKey, QStringLiteral("system")).toString();
    Theme theme = Theme::System;
    if (saved == QLatin1String("light")) {
        theme = Theme::Light;
    } else if (saved == QLatin1String("dark")) {
        theme = Theme::Dark;
    }
    if (theme != Theme::System) {
        setTheme(theme);
    }
}

void ThemeManager::setTheme(Theme theme)
{
    m_theme = theme;
    m_settings.setValue(themeKey, themeName(theme));
    m_applying = true;
    switch (theme) {
    case Theme::System:
        QApplication::setPalette(m_systemPalette);
        break;
    case Theme::Light:
        QApplication::setPalette(lightPalette());
        break;
    case Theme::Dark:
        QApplication::setPalette(darkPalette());
        break;
    }
    m_applying = false;
    emit paletteChanged(isDark());
}

bool ThemeManager::isDark() const
{
    return isDarkPalette(QApplication::palette());
}

bool ThemeManager::isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QPalette ThemeManager::darkPalette()
{
    QPalette p;
    const QColor window(0x24, 0x29, 0x2f);
    const QColor base(0x1b, 0x1f, 0x24);
    const QColor text(0xe6, 0xed, 0xf3);
    const QColor disabled(0x7d, 0x85, 0x90);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x2d, 0x33, 0x3b));
    p.setColor(QPalette::ToolTipBase, QColor(0x2d, 0x33, 0x3b));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x30, 0x36, 0x3d));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x7b, 0x72));
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x6f, 0xeb));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x58, 0xa6, 0xff));
    p.setColor(QPalette::Light, QColor(0x3d, 0x44, 0x4d));
    p.setColor(QPalette::Midlight, QColor(0x34, 0x3a, 0x42));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2f, 0x36));
    p.setColor(QPalette::Dark, QColor(0x11, 0x14, 0x18));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, disabled);
    }
    return p;
}

QPalette ThemeManager::lightPalette()
{
    QPalette p = QApplication::style()->standardPalette();
    if (isDarkPalette(p)) {
        p = QPalette(QColor(0xef, 0xf1, 0xf3), QColor(0xf6, 0xf8, 0xfa));
    }
    return p;
}

bool ThemeManager::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange && !m_applying) {
        if (m_theme == Theme::System) {
            // The desktop changed its palette: remember it as the new system palette.
            m_systemPalette = QApplication::palette();
        }
        emit paletteChanged(isDark());
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Sb::App
