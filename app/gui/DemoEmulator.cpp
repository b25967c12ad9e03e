// SPDX-License-Identifier: MIT
#include "gui/DemoEmulator.h"

#include "crypto/Certificate.h"
#include "crypto/Keys.h"
#include "netsuite/CustomTokenEndpoint.h"
#include "netsuite/Endpoints.h"

namespace Sb::App {

namespace {
Emulator::Settings demoSettings(double scale)
{
    Emulator::Settings settings;
    settings.seedDemoData = scale > 0;
    settings.demoScale = scale > 0 ? scale : 1.0;
    settings.stateDir.clear(); // a temporary folder, removed when the emulator stops
    // The app routes the account's hosts here, so links name the account like NetSuite's do.
    settings.linkOrigin = NetSuite::Target::netSuite(*NetSuite::AccountId::parse(settings.account))
                              .restRecordBase()
                              .adjusted(QUrl::RemovePath)
                              .toString();
    return settings;
}
} // namespace

DemoEmulator::DemoEmulator(double demoScale)
    : m_thread(std::make_unique<Emulator::EmulatorThread>(demoSettings(demoScale)))
{}

DemoEmulator::~DemoEmulator()
{
    stop();
}

tl::expected<Emulator::StartInfo, QString> DemoEmulator::start()
{
    auto started = m_thread->start();
    if (!started) {
        return tl::unexpected(started.error().message);
    }
    m_info = *started;
    m_started = true;
    return m_info;
}

void DemoEmulator::stop()
{
    if (m_started) {
        m_thread->stop();
        m_started = false;
    }
}

bool DemoEmulator::isRunning() const
{
    return m_started && m_thread->isRunning();
}

Emulator::StartInfo DemoEmulator::info() const
{
    return m_info;
}

QUrl DemoEmulator::origin() const
{
    QUrl url = m_info.baseUrl;
    url.setPath(QString());
    return url;
}

NetSuite::AccountId DemoEmulator::account() const
{
    auto parsed = NetSuite::AccountId::parse(m_info.account);
    return parsed ? *parsed : NetSuite::AccountId();
}

tl::expected<Emulator::IntegrationCreated, QString>
DemoEmulator::createIntegration(const QString &name)
{
    Emulator::IntegrationOptions options;
    if (!name.trimmed().isEmpty()) {
        options.name = name.trimmed();
    }
    auto created = m_thread->createIntegration(options);
    if (!created) {
        return tl::unexpected(created.error().message);
    }
    return *created;
}

tl::expected<Emulator::CertificateMapping, QString>
DemoEmulator::uploadCertificate(const QByteArray &pem, const QString &clientId)
{
    auto mapping = m_thread->uploadCertificate(pem, clientId);
    if (!mapping) {
        return tl::unexpected(mapping.error().message);
    }
    return *mapping;
}

QString DemoEmulator::connectTo() const
{
    return NetSuite::CustomTokenEndpoint::originOf(m_info.baseUrl);
}

tl::expected<Environment, QString> DemoEmulator::makeDemoEnvironment()
{
    Crypto::KeySpec spec;
    spec.type = Crypto::KeyType::Ec;
    spec.curve = Crypto::Curve::P256;
    auto key = Crypto::generateKey(spec);
    if (!key) {
        return tl::unexpected(key.error().message);
    }
    Crypto::CertificateRequest certRequest;
    certRequest.commonName = QStringLiteral("Suitebench demo");
    certRequest.validityDays = 365;
    auto cert = Crypto::Certificate::createSelfSigned(*key, certRequest);
    if (!cert) {
        return tl::unexpected(cert.error().message);
    }
    auto integration = createIntegration(QStringLiteral("Suitebench demo"));
    if (!integration) {
        return tl::unexpected(integration.error());
    }
    auto mapping = uploadCertificate(cert->toPem(), integration->clientId);
    if (!mapping) {
        return tl::unexpected(mapping.error());
    }
    Environment env;
    env.name = QStringLiteral("Demo (emulated %1)").arg(m_info.account);
    env.target = NetSuite::Target::netSuite(account());
    env.connectTo = connectTo();
    env.routedAccount = account();
    env.clientId = integration->clientId;
    env.certificateId = mapping->certificateId;
    env.scopes = {QStringLiteral("rest_webservices")};
    env.privateKey = *key;
    env.certificate = *cert;
    env.demo = true;
    env.addBuiltInVariables();
    return env;
}

} // namespace Sb::App
