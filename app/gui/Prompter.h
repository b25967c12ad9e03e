// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/SecureBytes.h"

#include <QString>

class QWidget;

namespace Sb::App {

/**
 * The seam for every question the app asks the user (style: "Prompter seam instead of modal
 * exec"). Widgets get a Prompter& and never open a QMessageBox or QFileDialog themselves, so
 * tests answer with a ScriptedPrompter. Texts are shown as plain text.
 */
class Prompter
{
public:
    virtual ~Prompter() = default;
    /** A yes/no question; true when the user chose @p acceptLabel. */
    [[nodiscard]] virtual bool confirm(QWidget *parent, const QString &title, const QString &text,
                                       const QString &acceptLabel)
        = 0;
    /** A file to write; empty when cancelled. */
    [[nodiscard]] virtual QString saveFileName(QWidget *parent, const QString &title,
                                               const QString &suggestedName, const QString &filter)
        = 0;
    /** A file to read; empty when cancelled. */
    [[nodiscard]] virtual QString openFileName(QWidget *parent, const QString &title,
                                               const QString &filter)
        = 0;
    virtual void inform(QWidget *parent, const QString &title, const QString &text) = 0;
    /**
     * A passphrase, typed hidden; with @p confirmTwice asked twice and compared (a new
     * secret file). Empty when cancelled.
     */
    [[nodiscard]] virtual Crypto::SecureBytes passphrase(QWidget *parent, const QString &title,
                                                         const QString &text, bool confirmTwice)
        = 0;
};

/** The real dialogs (QMessageBox with Qt::PlainText, QFileDialog). */
class DialogPrompter final : public Prompter
{
public:
    bool confirm(QWidget *parent, const QString &title, const QString &text,
                 const QString &acceptLabel) override;
    QString saveFileName(QWidget *parent, const QString &title, const QString &suggestedName,
                         const QString &filter) override;
    QString openFileName(QWidget *parent, const QString &title, const QString &filter) override;
    void inform(QWidget *parent, const QString &title, const QString &text) override;
    Crypto::SecureBytes passphrase(QWidget *parent, const QString &title, const QString &text,
                                   bool confirmTwice) override;
};

} // namespace Sb::App
