// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "crypto/SecureBytes.h"

#include <QString>
#include <QStringList>

#include <chrono>
#include <map>
#include <memory>

namespace Sb::Secrets {

/** Why a secret could not be stored or read. Messages never contain the secret. */
struct SecretError
{
    enum class Code {
        NotFound,        ///< no secret under that name
        NoBackend,       ///< no keychain answers here (no D-Bus session, no Secret Service)
        Timeout,         ///< the keychain did not answer in time (a locked keyring?)
        AccessDenied,    ///< the keychain refused (locked collection, user said no)
        Backend,         ///< any other keychain failure
        WrongPassphrase, ///< the encrypted file store did not open: wrong passphrase or damaged
        NeedsPassphrase, ///< the encrypted file store needs a passphrase first
        Io,              ///< reading or writing the encrypted file failed
        Damaged,         ///< the encrypted file opened but its content is not ours
        InvalidName,     ///< an empty or over-long secret name
    };
    Code code{};
    QString message;
};

template<typename T>
using Result = Core::Result<T, SecretError>;

/**
 * Where private keys, key passphrases and any stored token live. The three implementations:
 * the OS keychain (KeychainSecretStore), a passphrase-encrypted file where no keychain
 * answers (EncryptedFileSecretStore), and memory (MemorySecretStore: tests, demo mode,
 * access tokens). There is no plaintext implementation and never will be.
 *
 * Calls are synchronous and bounded: the keychain store waits at most its timeout. Call
 * them from a worker thread if a GUI must not block for that long.
 */
class SecretStore
{
public:
    virtual ~SecretStore() = default;
    /** "OS keychain", "encrypted file", "memory": for status lines and messages. */
    [[nodiscard]] virtual QString backendName() const = 0;
    [[nodiscard]] virtual Result<void> write(const QString &name, const Crypto::SecureBytes &secret)
        = 0;
    [[nodiscard]] virtual Result<Crypto::SecureBytes> read(const QString &name) = 0;
    /** Removing a secret that does not exist is not an error. */
    [[nodiscard]] virtual Result<void> remove(const QString &name) = 0;

protected:
    SecretStore() = default;
    SecretStore(const SecretStore &) = default;
    SecretStore &operator=(const SecretStore &) = default;
};

/** Names are at most this long, printable ASCII, no whitespace. */
inline constexpr qsizetype MaxSecretNameLength = 200;
[[nodiscard]] Result<void> checkSecretName(const QString &name);

/** Secrets in process memory only; nothing reaches a disk. */
class MemorySecretStore final : public SecretStore
{
public:
    [[nodiscard]] QString backendName() const override;
    [[nodiscard]] Result<void> write(const QString &name,
                                     const Crypto::SecureBytes &secret) override;
    [[nodiscard]] Result<Crypto::SecureBytes> read(const QString &name) override;
    [[nodiscard]] Result<void> remove(const QString &name) override;
    [[nodiscard]] QStringList names() const;

private:
    std::map<QString, Crypto::SecureBytes> m_secrets;
};

/**
 * The OS keychain through QtKeychain (libsecret / KWallet / macOS Keychain / Windows
 * Credential Manager). QtKeychain's insecure plaintext fallback is always off. Every job has
 * a watchdog: a locked keyring can otherwise wait forever for a prompt nobody sees.
 * Needs a running QCoreApplication (QtKeychain answers through the event loop).
 */
class KeychainSecretStore final : public SecretStore
{
public:
    static constexpr std::chrono::milliseconds DefaultTimeout{10'000};

    explicit KeychainSecretStore(QString service = QStringLiteral("suitebench"),
                                 std::chrono::milliseconds timeout = DefaultTimeout);

    [[nodiscard]] QString backendName() const override;
    [[nodiscard]] Result<void> write(const QString &name,
                                     const Crypto::SecureBytes &secret) override;
    [[nodiscard]] Result<Crypto::SecureBytes> read(const QString &name) override;
    [[nodiscard]] Result<void> remove(const QString &name) override;

    /**
     * Asks the keychain a harmless question (reads a name that does not exist). Success or
     * NotFound means a keychain answers; NoBackend, Timeout, AccessDenied and Backend mean
     * it does not (fall back to the encrypted file store).
     */
    [[nodiscard]] Result<void> probe();

private:
    QString m_service;
    std::chrono::milliseconds m_timeout;
};

/**
 * Secrets in one age-encrypted file (scrypt passphrase recipient, Crypto::Age), mode 0600,
 * written atomically under a lock file. The passphrase is asked once per session by the
 * caller and held as SecureBytes. Every write re-encrypts the whole file.
 */
class EncryptedFileSecretStore final : public SecretStore
{
public:
    EncryptedFileSecretStore(QString path, Crypto::SecureBytes passphrase, int workFactor = 18);
    ~EncryptedFileSecretStore() override;
    EncryptedFileSecretStore(const EncryptedFileSecretStore &) = delete;
    EncryptedFileSecretStore &operator=(const EncryptedFileSecretStore &) = delete;

    [[nodiscard]] QString backendName() const override;
    [[nodiscard]] Result<void> write(const QString &name,
                                     const Crypto::SecureBytes &secret) override;
    [[nodiscard]] Result<Crypto::SecureBytes> read(const QString &name) override;
    [[nodiscard]] Result<void> remove(const QString &name) override;

    [[nodiscard]] QString path() const { return m_path; }
    /** Opens the file (if it exists) to check the passphrase. */
    [[nodiscard]] Result<void> unlock();

private:
    struct State;
    [[nodiscard]] Result<void> load(State &state) const;
    [[nodiscard]] Result<void> store(const State &state) const;
    QString m_path;
    Crypto::SecureBytes m_passphrase;
    int m_workFactor;
};

/** A store that has nothing and accepts nothing: every call fails with NoBackend. */
class UnavailableSecretStore final : public SecretStore
{
public:
    explicit UnavailableSecretStore(QString reason = {});
    [[nodiscard]] QString backendName() const override;
    [[nodiscard]] Result<void> write(const QString &name,
                                     const Crypto::SecureBytes &secret) override;
    [[nodiscard]] Result<Crypto::SecureBytes> read(const QString &name) override;
    [[nodiscard]] Result<void> remove(const QString &name) override;

private:
    QString m_reason;
};

/** How openSecretStore() chooses. */
struct SecretStoreOptions
{
    QString service = QStringLiteral("suitebench");
    std::chrono::milliseconds keychainTimeout = KeychainSecretStore::DefaultTimeout;
    /** The encrypted file used when no keychain answers. */
    QString fallbackFile;
    /** Its passphrase; empty means "no fallback available" (UnavailableSecretStore). */
    Crypto::SecureBytes fallbackPassphrase;
    int fallbackWorkFactor = 18;
    /** Skip the keychain (e.g. the user chose the encrypted file). */
    bool keychainDisabled = false;
};

/** The outcome of openSecretStore(): the store and, when it fell back, why. */
struct OpenedSecretStore
{
    std::unique_ptr<SecretStore> store;
    QString fallbackReason; ///< empty when the keychain answered
};

/**
 * The keychain when it answers a probe; otherwise the encrypted file store (when a fallback
 * passphrase was given) or UnavailableSecretStore. Never plaintext.
 */
[[nodiscard]] OpenedSecretStore openSecretStore(SecretStoreOptions options);

/** The default encrypted-file location: <app data>/secrets.age (see workspace's directory). */
[[nodiscard]] QString defaultSecretFileName();

} // namespace Sb::Secrets
