// SPDX-License-Identifier: MIT
#include "gui/Prompter.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>

namespace Sb::App {

bool DialogPrompter::confirm(QWidget *parent, const QString &title, const QString &text,
                             const QString &acceptLabel)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::NoButton, parent);
    box.setTextFormat(Qt::PlainText); // the text may quote untrusted values (J15)
    QPushButton *accept = box.addButton(acceptLabel, QMessageBox::AcceptRole);
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.exec();
    return box.clickedButton() == accept;
}

QString DialogPrompter::saveFileName(QWidget *parent, const QString &title,
                                     const QString &suggestedName, const QString &filter)
{
    return QFileDialog::getSaveFileName(parent, title, suggestedName, filter);
}

QString DialogPrompter::openFileName(QWidget *parent, const QString &title, const QString &filter)
{
    return QFileDialog::getOpenFileName(parent, title, QString(), filter);
}

void DialogPrompter::inform(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox box(QMessageBox::Information, title, text, QMessageBox::Ok, parent);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

Crypto::SecureBytes DialogPrompter::passphrase(QWidget *parent, const QString &title,
                                               const QString &text, bool confirmTwice)
{
    for (;;) {
        bool ok = false;
        QString first
            = QInputDialog::getText(parent, title, text, QLineEdit::Password, QString(), &ok);
        if (!ok || first.isEmpty()) {
            return {};
        }
        if (confirmTwice) {
            QString second = QInputDialog::getText(
                parent, title,
                QCoreApplication::translate("Sb::App::DialogPrompter", "Type it again:"),
                QLineEdit::Password, QString(), &ok);
            if (!ok) {
                return {};
            }
            if (second != first) {
                inform(parent, title,
                       QCoreApplication::translate("Sb::App::DialogPrompter",
                                                   "The two passphrases differ; try again."));
                continue;
            }
        }
        QByteArray bytes = first.toUtf8();
        first.fill(u'\0'); // QString keeps no copy once overwritten (best effort)
        return Crypto::SecureBytes::takeFrom(bytes);
    }
}

} // namespace Sb::App
