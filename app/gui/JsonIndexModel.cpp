// SPDX-License-Identifier: MIT
#include "gui/JsonIndexModel.h"

#include <QtConcurrent/QtConcurrentRun>

namespace Sb::App {

namespace {

constexpr int displayChars = 1000;
constexpr qsizetype childCacheLimit = 100000;

quint64 cacheKey(quint32 container, int row)
{
    return (quint64(container) << 32) | quint32(row);
}

} // namespace

JsonIndexModel::JsonIndexModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    connect(&m_watcher, &QFutureWatcher<BuildResult>::finished, this, [this] {
        if (m_watcher.isCanceled() || m_state != State::Indexing) {
            return;
        }
        BuildResult result = m_watcher.result();
        m_watcher.setFuture({}); // drop the future's copy of the index
        if (!result && result.error().code == JsonIndexError::Code::Cancelled) {
            return; // a newer body replaced the one this index was for
        }
        beginResetModel();
        m_childCache.clear();
        m_shown.clear();
        if (result) {
            m_index = std::move(*result);
            m_state = State::Ready;
        } else {
            m_error = result.error();
            m_state = State::Failed;
        }
        endResetModel();
        emit indexReady();
    });
}

JsonIndexModel::~JsonIndexModel()
{
    cancelBuild();
}

void JsonIndexModel::cancelBuild()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
    m_watcher.waitForFinished(); // returns soon: the builder polls the flag
}

void JsonIndexModel::clear()
{
    cancelBuild();
    beginResetModel();
    m_index = {};
    m_error = {};
    m_childCache.clear();
    m_shown.clear();
    m_state = State::Empty;
    endResetModel();
}

void JsonIndexModel::setBody(const QByteArray &body)
{
    clear();
    beginResetModel();
    m_state = State::Indexing;
    endResetModel();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    auto cancel = m_cancel;
    m_watcher.setFuture(QtConcurrent::run(
        bodyIndexingPool(), [body, cancel] { return JsonIndex::build(body, cancel.get()); }));
}

std::optional<JsonIndex::Child> JsonIndexModel::childOf(const QModelIndex &index) const
{
    if (!index.isValid() || m_state != State::Ready) {
        return std::nullopt;
    }
    if (index.internalId() == 0) {
        return JsonIndex::Child{-1, m_index.rootOffset()};
    }
    const auto container = quint32(index.internalId() - 1);
    const quint64 key = cacheKey(container, index.row());
    if (const auto it = m_childCache.constFind(key); it != m_childCache.constEnd()) {
        return *it;
    }
    auto found = m_index.child(container, quint32(index.row()));
    if (found) {
        if (m_childCache.size() >= childCacheLimit) {
            m_childCache.clear();
        }
        m_childCache.insert(key, *found);
    }
    return found;
}

std::optional<quint32> JsonIndexModel::containerOf(const QModelIndex &index) const
{
    const auto found = childOf(index);
    if (!found) {
        return std::nullopt;
    }
    return m_index.containerAt(found->valueOffset);
}

int JsonIndexModel::shownChildren(quint32 container) const
{
    const quint32 all = m_index.container(container).children;
    if (all <= batchSize) {
        return int(all);
    }
    return int(qMin(all, m_shown.value(container, batchSize)));
}

QModelIndex JsonIndexModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= 2) {
        return {};
    }
    if (!parent.isValid()) {
        return row == 0 && m_state != State::Empty ? createIndex(row, column, quintptr(0))
                                                   : QModelIndex();
    }
    if (parent.column() != 0) {
        return {};
    }
    const auto container = containerOf(parent);
    if (!container || row >= shownChildren(*container)) {
        return {};
    }
    return createIndex(row, column, quintptr(*container) + 1);
}

QModelIndex JsonIndexModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0 || m_state != State::Ready) {
        return {};
    }
    const auto container = quint32(child.internalId() - 1);
    if (container >= quint32(m_index.containerCount())) {
        return {};
    }
    const JsonIndex::Container &c = m_index.container(container);
    if (c.parent == JsonIndex::noParent) {
        return createIndex(0, 0, quintptr(0)); // the root row
    }
    return createIndex(int(c.row), 0, quintptr(c.parent) + 1);
}

int JsonIndexModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return m_state == State::Empty ? 0 : 1;
    }
    if (parent.column() != 0) {
        return 0;
    }
    const auto container = containerOf(parent);
    return container ? shownChildren(*container) : 0;
}

int JsonIndexModel::columnCount(const QModelIndex &) const
{
    return 2;
}

Qt::ItemFlags JsonIndexModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant JsonIndexModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    return section == 0 ? tr("Key") : tr("Value");
}

QVariant JsonIndexModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()
        || (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != OffsetRole)) {
        return {};
    }
    if (m_state == State::Indexing) {
        return role == Qt::DisplayRole && index.column() == 0 ? QVariant(tr("Indexing…"))
                                                              : QVariant();
    }
    if (m_state == State::Failed) {
        if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
            return {};
        }
        return index.column() == 0 ? tr("Not shown as a tree") : m_error.message;
    }
    const auto found = childOf(index);
    if (!found) {
        return {};
    }
    if (role == OffsetRole) {
        return found->valueOffset;
    }
    const JsonIndex::Kind kind = m_index.kindAt(found->valueOffset);
    if (index.column() == 0) {
        if (index.internalId() == 0) {
            return kind == JsonIndex::Kind::Object  ? QStringLiteral("{}")
                   : kind == JsonIndex::Kind::Array ? QStringLiteral("[]")
                                                    : QString();
        }
        if (found->keyOffset >= 0) {
            return m_index.stringAt(found->keyOffset, displayChars);
        }
        return QStringLiteral("[%1]").arg(index.row());
    }
    switch (kind) {
    case JsonIndex::Kind::Object:
    case JsonIndex::Kind::Array: {
        const auto container = m_index.containerAt(found->valueOffset);
        const int count = container ? int(m_index.container(*container).children) : 0;
        return kind == JsonIndex::Kind::Object ? tr("{%n member(s)}", nullptr, count)
                                               : tr("[%n item(s)]", nullptr, count);
    }
    case JsonIndex::Kind::String:
        return QString(QLatin1Char('"') + m_index.stringAt(found->valueOffset, displayChars)
                       + QLatin1Char('"'));
    default:
        return m_index.literalAt(found->valueOffset, displayChars);
    }
}

bool JsonIndexModel::canFetchMore(const QModelIndex &parent) const
{
    if (!parent.isValid() || parent.column() != 0) {
        return false;
    }
    const auto container = containerOf(parent);
    return container && quint32(shownChildren(*container)) < m_index.container(*container).children;
}

void JsonIndexModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    const quint32 container = *containerOf(parent);
    const int shown = shownChildren(container);
    const quint32 next = qMin(m_index.container(container).children, quint32(shown) + batchSize);
    beginInsertRows(parent, shown, int(next) - 1);
    m_shown.insert(container, next);
    endInsertRows();
}

} // namespace Sb::App
