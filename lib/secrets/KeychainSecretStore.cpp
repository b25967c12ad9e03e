// SPDX-License-Identifier: MIT
// The only file that includes QtKeychain (linked PRIVATE; never in a header).
#include "secrets/SecretStore.h"
#include "secrets/Tr.h"

#include <QEventLoop>
#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <memory>

namespace Sb::Secrets {

namespace {

struct JobOutcome
{
    bool finished = false;
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QByteArray data;
    QPointer<QEventLoop> loop;

    ~JobOutcome() { Crypto::cleanse(data); }
};

/**
 * Starts @p job and waits for it at most @p timeout. The job deletes itself when it finishes
 * (autoDelete), even after a timeout, and writes into the shared outcome only, so a late
 * answer cannot touch a dead stack frame.
 */
std::shared_ptr<JobOutcome> runJob(QKeychain::Job *job, std::chrono::milliseconds timeout)
{
    auto outcome = std::make_shared<JobOutcome>();
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // QtKeychain's fallback is plain QSettings: never.
    QObject::connect(job, &QKeychain::Job::finished, job, [outcome](QKeychain::Job *done) {
        outcome->finished = true;
        outcome->error = done->error();
        outcome->errorString = done->errorString();
        if (auto *reader = qobject_cast<QKeychain::ReadPasswordJob *>(done)) {
            outcome->data = reader->binaryData();
        }
        if (outcome->loop) {
            outcome->loop->quit();
        }
    });
    QEventLoop loop;
    outcome->loop = &loop;
    QTimer watchdog;
    watchdog.setSingleShot(true);
    QObject::connect(&watchdog, &QTimer::timeout, &loop, &QEventLoop::quit);
    watchdog.start(timeout);
    job->start();
    if (!outcome->finished) {
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    outcome->loop = nullptr;
    return outcome;
}

tl::unexpected<SecretError> toError(const JobOutcome &outcome, std::chrono::milliseconds timeout,
                                    const QString &name)
{
    using Code = SecretError::Code;
    if (!outcome.finished) {
        return Core::fail<SecretError>(
            Code::Timeout, Tr::tr("The keychain did not answer within %1 s (is it locked?).")
                               .arg(timeout.count() / 1000.0));
    }
    // QtKeychain's error strings name the backend problem, never the secret.
    const QString detail = outcome.errorString;
    switch (outcome.error) {
    case QKeychain::NoError:
        break;
    case QKeychain::EntryNotFound:
        return Core::fail<SecretError>(Code::NotFound,
                                       Tr::tr("No secret named %1 is in the keychain.").arg(name));
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return Core::fail<SecretError>(Code::AccessDenied,
                                       Tr::tr("The keychain refused access: %1").arg(detail));
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return Core::fail<SecretError>(Code::NoBackend,
                                       Tr::tr("No keychain is available: %1").arg(detail));
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        if (detail.contains(QStringLiteral("D-Bus"), Qt::CaseInsensitive)
            || detail.contains(QStringLiteral("DBus"), Qt::CaseInsensitive)) {
            return Core::fail<SecretError>(Code::NoBackend,
                                           Tr::tr("No keychain is available: %1").arg(detail));
        }
        return Core::fail<SecretError>(Code::Backend, Tr::tr("Keychain error: %1").arg(detail));
    }
    return Core::fail<SecretError>(Code::Backend, Tr::tr("Keychain error: %1").arg(detail));
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, std::chrono::milliseconds timeout)
    : m_service(std::move(service))
    , m_timeout(timeout)
{}

QString KeychainSecretStore::backendName() const
{
    return Tr::tr("OS keychain");
}

Result<void> KeychainSecretStore::write(const QString &name, const Crypto::SecureBytes &secret)
{
    if (auto ok = checkSecretName(name); !ok) {
        return ok;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(name);
    QByteArray copy = secret.exposeForApi();
    job->setBinaryData(copy);
    Crypto::cleanse(copy);
    const auto outcome = runJob(job, m_timeout);
    if (!outcome->finished || outcome->error != QKeychain::NoError) {
        return toError(*outcome, m_timeout, name);
    }
    return {};
}

Result<Crypto::SecureBytes> KeychainSecretStore::read(const QString &name)
{
    if (auto ok = checkSecretName(name); !ok) {
        return tl::unexpected(ok.error());
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(name);
    const auto outcome = runJob(job, m_timeout);
    if (!outcome->finished || outcome->error != QKeychain::NoError) {
        return toError(*outcome, m_timeout, name);
    }
    return Crypto::SecureBytes::takeFrom(outcome->data);
}

Result<void> KeychainSecretStore::remove(const QString &name)
{
    if (auto ok = checkSecretName(name); !ok) {
        return ok;
    }
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(name);
    const auto outcome = runJob(job, m_timeout);
    if (outcome->finished && outcome->error == QKeychain::EntryNotFound) {
        return {};
    }
    if (!outcome->finished || outcome->error != QKeychain::NoError) {
        return toError(*outcome, m_timeout, name);
    }
    return {};
}

Result<void> KeychainSecretStore::probe()
{
    auto read = this->read(QStringLiteral("suitebench-probe-never-written"));
    if (read || read.error().code == SecretError::Code::NotFound) {
        return {};
    }
    return tl::unexpected(read.error());
}

} // namespace Sb::Secrets
