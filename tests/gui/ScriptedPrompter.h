// SPDX-License-Identifier: MIT
// A Prompter that answers from a script and records every question (style c.8).
#pragma once

#include "gui/Prompter.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace SbTest {

class ScriptedPrompter final : public Sb::App::Prompter
{
public:
    QList<bool> confirmAnswers; ///< taken front first; empty: false
    QStringList fileNames;      ///< taken front first; empty: ""
    QStringList asked;          ///< every title + "\n" + text, in order
    QStringList passphrases;    ///< taken front first; empty: cancelled

    bool confirm(QWidget *, const QString &title, const QString &text, const QString &) override
    {
        asked.append(title + QStringLiteral("\n") + text);
        return confirmAnswers.isEmpty() ? false : confirmAnswers.takeFirst();
    }
    QString saveFileName(QWidget *, const QString &title, const QString &, const QString &) override
    {
        asked.append(title);
        return fileNames.isEmpty() ? QString() : fileNames.takeFirst();
    }
    QString openFileName(QWidget *, const QString &title, const QString &) override
    {
        asked.append(title);
        return fileNames.isEmpty() ? QString() : fileNames.takeFirst();
    }
    void inform(QWidget *, const QString &title, const QString &text) override
    {
        asked.append(title + QStringLiteral("\n") + text);
    }
    Sb::Crypto::SecureBytes passphrase(QWidget *, const QString &title, const QString &text,
                                       bool) override
    {
        asked.append(title + QStringLiteral("\n") + text);
        if (passphrases.isEmpty()) {
            return {};
        }
        QByteArray bytes = passphrases.takeFirst().toUtf8();
        return Sb::Crypto::SecureBytes::takeFrom(bytes);
    }
};

} // namespace SbTest
