// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>
#include <QString>

namespace Sb::App {

/**
 * Icons from the SVG files in resources/icons, drawn by QSvgRenderer at whatever size a view asks
 * for (crisp at any scale factor) and in the current palette's text colour: the SVGs use
 * `currentColor` for strokes, which is replaced at paint time, so icons follow a light or
 * dark palette without a second set of files. Coloured icons (severities) keep their colours.
 */
[[nodiscard]] QIcon themedIcon(const QString &name);

} // namespace Sb::App
