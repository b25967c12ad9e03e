// SPDX-License-Identifier: MIT
#include "emulator/DemoData.h"

#include "emulator/Schema.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace Sb::Emulator {

namespace {

EmulatorError storage(const QString &what, const QSqlError &error)
{
    return EmulatorError{EmulatorError::Code::Storage,
                         QStringLiteral("%1: %2").arg(what, error.text())};
}

const char *const kFirst[]
    = {"Avery",  "Blake",  "Casey", "Dana",   "Emery", "Finley", "Gray",   "Harper", "Indra",
       "Jordan", "Kai",    "Logan", "Morgan", "Noel",  "Oakley", "Parker", "Quinn",  "Riley",
       "Sage",   "Taylor", "Uma",   "Val",    "Wren",  "Xan",    "Yael",   "Zion"};
const char *const kLast[]
    = {"Anders", "Baker",  "Chen",  "Diaz",   "Evans",    "Fischer", "Garcia", "Hughes", "Ito",
       "Jensen", "Kowal",  "Lopez", "Moreau", "Nakamura", "Okafor",  "Petrov", "Quist",  "Rossi",
       "Singh",  "Tanaka", "Ueda",  "Varga",  "Weber",    "Xu",      "Yilmaz", "Zhou"};
const char *const kCompanyA[]
    = {"Acme",   "Blue",    "Cedar",    "Delta", "Ember", "Falcon", "Granite", "Harbor",
       "Iron",   "Juniper", "Keystone", "Lumen", "Maple", "Nimbus", "Orbit",   "Pioneer",
       "Quartz", "Redwood", "Summit",   "Tidal", "Union", "Vertex", "Willow",  "Zenith"};
const char *const kCompanyB[]
    = {"Supply",  "Labs",  "Foods",  "Works",    "Logistics", "Retail", "Outfitters", "Systems",
       "Traders", "Bikes", "Coffee", "Textiles", "Tools",     "Media",  "Pharma"};
const char *const kItems[]
    = {"Widget", "Gadget", "Bolt",   "Bracket", "Cable",  "Adapter", "Sensor", "Valve",  "Filter",
       "Panel",  "Hinge",  "Gasket", "Spring",  "Switch", "Fan",     "Lamp",   "Pulley", "Clamp"};
const char *const kSizes[] = {"Mini", "Small", "Standard", "Large", "XL", "Pro"};
const char *const kTitles[]
    = {"Buyer", "Accounts Payable", "Owner", "Operations Manager", "Purchasing Lead",
       "CFO",   "Office Manager"};

template<size_t N>
QString pick(QRandomGenerator &rng, const char *const (&list)[N])
{
    return QString::fromLatin1(list[rng.bounded(quint32(N))]);
}

} // namespace

Result<void> createSchema(QSqlDatabase &db)
{
    QSqlQuery q(db);
    for (const auto &t : suiteQlTables()) {
        if (!q.exec(t.createSql())) {
            return tl::unexpected(
                storage(QStringLiteral("creating table %1").arg(t.name), q.lastError()));
        }
    }
    const QStringList indexes{
        QStringLiteral("CREATE INDEX IF NOT EXISTS ix_item_type ON item(itemtype, id)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS ix_tran_type ON \"transaction\"(type, id)"),
        QStringLiteral(
            "CREATE INDEX IF NOT EXISTS ix_line_tran ON transactionline(\"transaction\")"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS ix_contact_company ON contact(company)")};
    for (const QString &sql : indexes) {
        if (!q.exec(sql)) {
            return tl::unexpected(storage(QStringLiteral("creating an index"), q.lastError()));
        }
    }
    // Sales order statuses (NetSuite's letters; BUILTIN.DF shows the full name).
    const QList<QPair<QString, QString>> statuses{
        {QStringLiteral("A"), QStringLiteral("Pending Approval")},
        {QStringLiteral("B"), QStringLiteral("Pending Fulfillment")},
        {QStringLiteral("C"), QStringLiteral("Cancelled")},
        {QStringLiteral("D"), QStringLiteral("Partially Fulfilled")},
        {QStringLiteral("E"), QStringLiteral("Pending Billing/Partially Fulfilled")},
        {QStringLiteral("F"), QStringLiteral("Pending Billing")},
        {QStringLiteral("G"), QStringLiteral("Billed")},
        {QStringLiteral("H"), QStringLiteral("Closed")}};
    q.prepare(
        QStringLiteral("INSERT OR IGNORE INTO transactionstatus (id, trantype, name, fullname) "
                       "VALUES (?, 'SalesOrd', ?, ?)"));
    for (const auto &[id, name] : statuses) {
        q.addBindValue(id);
        q.addBindValue(name);
        q.addBindValue(QString(QStringLiteral("Sales Order : ") + name));
        if (!q.exec()) {
            return tl::unexpected(storage(QStringLiteral("seeding statuses"), q.lastError()));
        }
    }
    return {};
}

Result<DemoSizes> seedDemoData(QSqlDatabase &db, double scale, quint64 seed, const QDateTime &now)
{
    DemoSizes sizes;
    auto scaled = [scale](int n) { return std::max(1, int(double(n) * scale)); };
    sizes.customers = scaled(sizes.customers);
    sizes.contacts = scaled(sizes.contacts);
    sizes.items = scaled(sizes.items);
    sizes.salesOrders = scaled(sizes.salesOrders);

    QRandomGenerator rng(quint32(seed ^ (seed >> 32)) ^ 0x5b1u);
    const QDateTime base = now.addDays(-730);
    auto stamp = [&](int maxDays) {
        return base.addSecs(qint64(rng.bounded(quint32(maxDays) * 86400u))).toString(Qt::ISODate);
    };

    if (!db.transaction()) {
        return tl::unexpected(storage(QStringLiteral("starting the seed"), db.lastError()));
    }
    auto fail = [&](const QString &what, const QSqlQuery &query) {
        const EmulatorError e = storage(what, query.lastError());
        db.rollback();
        return tl::unexpected(e);
    };

    QSqlQuery c(db);
    c.prepare(QStringLiteral(
        "INSERT INTO customer (id, entityid, companyname, isperson, firstname, lastname, email, "
        "phone, comments, balance, isinactive, datecreated, lastmodifieddate) "
        "VALUES (?, ?, ?, 'F', ?, ?, ?, ?, NULL, ?, ?, ?, ?)"));
    QStringList companyNames;
    companyNames.reserve(sizes.customers);
    for (int i = 1; i <= sizes.customers; ++i) {
        const QString company
            = QStringLiteral("%1 %2 %3").arg(pick(rng, kCompanyA), pick(rng, kCompanyB)).arg(i);
        companyNames << company;
        const QString first = pick(rng, kFirst);
        const QString last = pick(rng, kLast);
        const QString created = stamp(700);
        c.addBindValue(100 + i);
        c.addBindValue(QStringLiteral("CUST%1").arg(i, 5, 10, QLatin1Char('0')));
        c.addBindValue(company);
        c.addBindValue(first);
        c.addBindValue(last);
        c.addBindValue(QStringLiteral("%1.%2@customer%3.example")
                           .arg(first.toLower(), last.toLower(), QString::number(i)));
        c.addBindValue(
            QStringLiteral("555-%1").arg(rng.bounded(1000000u), 7, 10, QLatin1Char('0')));
        c.addBindValue(double(rng.bounded(5000000u)) / 100.0);
        c.addBindValue(rng.bounded(20u) == 0 ? QStringLiteral("T") : QStringLiteral("F"));
        c.addBindValue(created);
        c.addBindValue(created);
        if (!c.exec()) {
            return fail(QStringLiteral("seeding customers"), c);
        }
    }

    QSqlQuery ct(db);
    ct.prepare(QStringLiteral(
        "INSERT INTO contact (id, entityid, firstname, lastname, email, phone, title, company, "
        "isinactive, datecreated, lastmodifieddate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'F', ?, ?)"));
    for (int i = 1; i <= sizes.contacts; ++i) {
        const QString first = pick(rng, kFirst);
        const QString last = pick(rng, kLast);
        const QString created = stamp(700);
        ct.addBindValue(100000 + i);
        ct.addBindValue(QStringLiteral("%1 %2").arg(first, last));
        ct.addBindValue(first);
        ct.addBindValue(last);
        ct.addBindValue(QStringLiteral("%1.%2.%3@contact.example")
                            .arg(first.toLower(), last.toLower(), QString::number(i)));
        ct.addBindValue(
            QStringLiteral("555-%1").arg(rng.bounded(1000000u), 7, 10, QLatin1Char('0')));
        ct.addBindValue(pick(rng, kTitles));
        ct.addBindValue(100 + 1 + int(rng.bounded(quint32(sizes.customers))));
        ct.addBindValue(created);
        ct.addBindValue(created);
        if (!ct.exec()) {
            return fail(QStringLiteral("seeding contacts"), ct);
        }
    }

    QSqlQuery it(db);
    it.prepare(QStringLiteral(
        "INSERT INTO item (id, itemid, displayname, description, itemtype, baseprice, isinactive, "
        "datecreated, lastmodifieddate) VALUES (?, ?, ?, ?, 'InvtPart', ?, 'F', ?, ?)"));
    QList<double> prices;
    for (int i = 1; i <= sizes.items; ++i) {
        const QString name = QStringLiteral("%1 %2").arg(pick(rng, kSizes), pick(rng, kItems));
        const double price = double(100 + rng.bounded(50000u)) / 100.0;
        prices << price;
        const QString created = stamp(700);
        it.addBindValue(200000 + i);
        it.addBindValue(QStringLiteral("ITEM-%1").arg(i, 5, 10, QLatin1Char('0')));
        it.addBindValue(name);
        it.addBindValue(QStringLiteral("%1, demo inventory item %2").arg(name).arg(i));
        it.addBindValue(price);
        it.addBindValue(created);
        it.addBindValue(created);
        if (!it.exec()) {
            return fail(QStringLiteral("seeding items"), it);
        }
    }

    QSqlQuery so(db);
    so.prepare(QStringLiteral(
        "INSERT INTO \"transaction\" (id, tranid, type, entity, trandate, status, memo, "
        "foreigntotal, "
        "datecreated, lastmodifieddate) VALUES (?, ?, 'SalesOrd', ?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery line(db);
    line.prepare(QStringLiteral(
        "INSERT INTO transactionline (uniquekey, id, \"transaction\", linesequencenumber, "
        "mainline, "
        "item, quantity, rate, netamount, memo) VALUES (?, ?, ?, ?, 'F', ?, ?, ?, ?, NULL)"));
    static const char *const statuses[] = {"A", "B", "B", "B", "D", "F", "G", "G", "H"};
    qint64 uniqueKey = 0;
    for (int i = 1; i <= sizes.salesOrders; ++i) {
        const int orderId = 300000 + i;
        const int lines = 1 + int(rng.bounded(5u));
        double total = 0;
        for (int l = 1; l <= lines; ++l) {
            const int itemIndex = int(rng.bounded(quint32(sizes.items)));
            const double qty = 1 + rng.bounded(20u);
            const double rate = prices[itemIndex];
            total += qty * rate;
            line.addBindValue(++uniqueKey);
            line.addBindValue(l);
            line.addBindValue(orderId);
            line.addBindValue(l);
            line.addBindValue(200000 + 1 + itemIndex);
            line.addBindValue(qty);
            line.addBindValue(rate);
            line.addBindValue(qty * rate);
            if (!line.exec()) {
                return fail(QStringLiteral("seeding sales order lines"), line);
            }
        }
        const QString created = stamp(720);
        so.addBindValue(orderId);
        so.addBindValue(QStringLiteral("SO%1").arg(i, 6, 10, QLatin1Char('0')));
        so.addBindValue(100 + 1 + int(rng.bounded(quint32(sizes.customers))));
        so.addBindValue(created.left(10));
        so.addBindValue(QString::fromLatin1(statuses[rng.bounded(quint32(std::size(statuses)))]));
        so.addBindValue(rng.bounded(4u) == 0 ? QStringLiteral("Rush order") : QString());
        so.addBindValue(qRound64(total * 100) / 100.0);
        so.addBindValue(created);
        so.addBindValue(created);
        if (!so.exec()) {
            return fail(QStringLiteral("seeding sales orders"), so);
        }
    }
    if (!db.commit()) {
        return tl::unexpected(storage(QStringLiteral("committing the seed"), db.lastError()));
    }
    return sizes;
}

} // namespace Sb::Emulator
