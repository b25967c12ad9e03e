// SPDX-License-Identifier: MIT
// The fallback when no keychain answers: one age file (scrypt passphrase recipient) holding
// every secret, written 0600 and atomically, read-modify-write under a lock file.
#include "core/AtomicFile.h"
#include "crypto/Age.h"
#include "secrets/SecretStore.h"
#include "secrets/Tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QtEndian>

#include <map>

namespace Sb::Secrets {

namespace {

constexpr QByteArrayView Magic = "suitebench-secrets/1\n";
constexpr qint64 MaxFileBytes = 8 * 1024 * 1024;

tl::unexpected<SecretError> ioError(const QString &message)
{
    return Core::fail<SecretError>(SecretError::Code::Io, message);
}

} // namespace

struct EncryptedFileSecretStore::State
{
    std::map<QString, Crypto::SecureBytes> secrets;
};

EncryptedFileSecretStore::EncryptedFileSecretStore(QString path, Crypto::SecureBytes passphrase,
                                                   int workFactor)
    : m_path(std::move(path))
    , m_passphrase(std::move(passphrase))
    , m_workFactor(workFactor)
{}

EncryptedFileSecretStore::~EncryptedFileSecretStore() = default;

QString EncryptedFileSecretStore::backendName() const
{
    return Tr::tr("encrypted file");
}

// Plaintext layout (inside the age file): Magic, then per entry u16 name length, name (UTF-8),
// u32 value length, value. A plain binary layout, so every buffer can be cleansed.
Result<void> EncryptedFileSecretStore::load(State &state) const
{
    if (m_passphrase.isEmpty()) {
        return Core::fail<SecretError>(SecretError::Code::NeedsPassphrase,
                                       Tr::tr("The encrypted secret file needs its passphrase."));
    }
    QFile file(m_path);
    if (!file.exists()) {
        return {};
    }
    if (!QFileInfo(m_path).isFile() || file.size() > MaxFileBytes) {
        return Core::fail<SecretError>(SecretError::Code::Damaged,
                                       Tr::tr("%1 is not a secret file.").arg(m_path));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return ioError(Tr::tr("Cannot read %1: %2").arg(m_path, file.errorString()));
    }
    const QByteArray encrypted = file.read(MaxFileBytes + 1);
    auto plain = Crypto::Age::decrypt(encrypted, m_passphrase);
    if (!plain) {
        if (plain.error().code == Crypto::Age::AgeError::Code::WrongPassphrase) {
            return Core::fail<SecretError>(SecretError::Code::WrongPassphrase,
                                           Tr::tr("Wrong passphrase for %1, or the file is "
                                                  "damaged.")
                                               .arg(m_path));
        }
        return Core::fail<SecretError>(SecretError::Code::Damaged,
                                       Tr::tr("%1: %2").arg(m_path, plain.error().message));
    }
    const QByteArrayView data = plain->view();
    if (!data.startsWith(Magic)) {
        return Core::fail<SecretError>(SecretError::Code::Damaged,
                                       Tr::tr("%1 is not a Suitebench secret file (or it was "
                                              "made by a newer version).")
                                           .arg(m_path));
    }
    qsizetype pos = Magic.size();
    const auto damaged = [&] {
        return Core::fail<SecretError>(SecretError::Code::Damaged,
                                       Tr::tr("%1 is damaged.").arg(m_path));
    };
    while (pos < data.size()) {
        if (data.size() - pos < 2) {
            return damaged();
        }
        const quint16 nameLength = qFromBigEndian<quint16>(data.data() + pos);
        pos += 2;
        if (data.size() - pos < nameLength + 4) {
            return damaged();
        }
        const QString name = QString::fromUtf8(data.sliced(pos, nameLength));
        pos += nameLength;
        const quint32 valueLength = qFromBigEndian<quint32>(data.data() + pos);
        pos += 4;
        if (quint64(data.size() - pos) < valueLength) {
            return damaged();
        }
        state.secrets.insert_or_assign(name, Crypto::SecureBytes(data.sliced(pos, valueLength)));
        pos += valueLength;
    }
    return {};
}

Result<void> EncryptedFileSecretStore::store(const State &state) const
{
    Crypto::SecureBytes plain(Magic);
    for (const auto &[name, value] : state.secrets) {
        const QByteArray nameBytes = name.toUtf8();
        char header[4];
        qToBigEndian<quint16>(quint16(nameBytes.size()), header);
        plain.append(QByteArrayView(header, 2));
        plain.append(nameBytes);
        qToBigEndian<quint32>(quint32(value.size()), header);
        plain.append(QByteArrayView(header, 4));
        plain.append(value.view());
    }
    auto encrypted = Crypto::Age::encrypt(plain.view(), m_passphrase, m_workFactor);
    if (!encrypted) {
        return ioError(encrypted.error().message);
    }
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        return ioError(Tr::tr("Cannot create the folder %1.").arg(info.absolutePath()));
    }
    QFile::setPermissions(info.absolutePath(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const auto written
        = Core::writeFileAtomically(m_path, *encrypted, Core::FileMode::PrivateToOwner);
    if (!written) {
        return ioError(written.error().message);
    }
    return {};
}

Result<void> EncryptedFileSecretStore::unlock()
{
    State state;
    return load(state);
}

Result<void> EncryptedFileSecretStore::write(const QString &name, const Crypto::SecureBytes &secret)
{
    if (auto ok = checkSecretName(name); !ok) {
        return ok;
    }
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()) || !lock.tryLock(10'000)) {
        return ioError(Tr::tr("Another Suitebench process holds %1.lock.").arg(m_path));
    }
    State state;
    if (auto loaded = load(state); !loaded) {
        return loaded;
    }
    state.secrets.insert_or_assign(name, secret.clone());
    return store(state);
}

Result<Crypto::SecureBytes> EncryptedFileSecretStore::read(const QString &name)
{
    State state;
    if (auto loaded = load(state); !loaded) {
        return tl::unexpected(loaded.error());
    }
    const auto it = state.secrets.find(name);
    if (it == state.secrets.end()) {
        return Core::fail<SecretError>(
            SecretError::Code::NotFound,
            Tr::tr("No secret named %1 is in the encrypted file.").arg(name));
    }
    return std::move(it->second);
}

Result<void> EncryptedFileSecretStore::remove(const QString &name)
{
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!QFileInfo::exists(m_path)) {
        return {};
    }
    if (!lock.tryLock(10'000)) {
        return ioError(Tr::tr("Another Suitebench process holds %1.lock.").arg(m_path));
    }
    State state;
    if (auto loaded = load(state); !loaded) {
        return loaded;
    }
    if (state.secrets.erase(name) == 0) {
        return {};
    }
    return store(state);
}

} // namespace Sb::Secrets
