// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPalette>

class QSettings;

namespace Sb::App {

enum class Theme { System, Light, Dark };

/**
 * Light and dark without a colour-scheme API (Qt 6.4 has none): the "system" look is the
 * platform palette, judged dark or light by its window colour; Light and Dark are explicit
 * palettes. It watches the application's palette changes (the desktop switching theme) and
 * tells views to recolour (highlighters, badges).
 */
class ThemeManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThemeManager)

public:
    explicit ThemeManager(QSettings &settings, QObject *parent = nullptr);

    [[nodiscard]] Theme theme() const { return m_theme; }
    /** Applies and remembers @p theme. */
    void setTheme(Theme theme);
    /** Reads the saved preference and applies it. */
    void applySaved();

    [[nodiscard]] bool isDark() const;
    /** True when @p palette's window colour is dark (lightness below the middle). */
    [[nodiscard]] static bool isDarkPalette(const QPalette &palette);
    [[nodiscard]] static QPalette darkPalette();
    [[nodiscard]] static QPalette lightPalette();
    [[nodiscard]] static QString themeName(Theme theme);

signals:
    /** The effective palette changed (a new theme or the system switched). */
    void paletteChanged(bool dark);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QSettings &m_settings;
    Theme m_theme = Theme::System;
    QPalette m_systemPalette;
    bool m_applying = false;
};

} // namespace Sb::App
