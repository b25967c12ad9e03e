// SPDX-License-Identifier: MIT
#pragma once

#include "gui/JsonIndex.h"

#include <QAbstractItemModel>
#include <QFutureWatcher>
#include <QHash>

#include <atomic>
#include <memory>

namespace Sb::App {

/**
 * A lazy tree over a JSON body (columns: key, value) for bodies of any size: setBody() builds
 * a JsonIndex on a worker thread and the model reads keys and values from the bytes only for
 * the rows a view asks for. Nothing is parsed into a DOM. Containers with many children
 * show them in batches of 2,000 (canFetchMore/fetchMore). While indexing, and when the body
 * is not valid JSON, the model holds one row that says so.
 */
class JsonIndexModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonIndexModel)

public:
    enum class State { Empty, Indexing, Ready, Failed };
    enum Role { OffsetRole = Qt::UserRole + 1 }; ///< body offset of the row's value (qint64)
    static constexpr quint32 batchSize = 2000;

    explicit JsonIndexModel(QObject *parent = nullptr);
    ~JsonIndexModel() override;

    /** Replaces the body; the tree appears when indexReady() is emitted. */
    void setBody(const QByteArray &body);
    void clear();
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const JsonIndexError &error() const { return m_error; }

    [[nodiscard]] QModelIndex index(int row, int column,
                                    const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    /** The index was built (state() is Ready) or the body was refused (state() is Failed). */
    void indexReady();

private:
    using BuildResult = Core::Result<JsonIndex, JsonIndexError>;

    void cancelBuild();
    /** The container a row's value is, if it is one. */
    [[nodiscard]] std::optional<quint32> containerOf(const QModelIndex &index) const;
    [[nodiscard]] std::optional<JsonIndex::Child> childOf(const QModelIndex &index) const;
    [[nodiscard]] int shownChildren(quint32 container) const;

    State m_state = State::Empty;
    JsonIndex m_index;
    JsonIndexError m_error;
    QFutureWatcher<BuildResult> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QHash<quint32, quint32> m_shown; ///< children shown so far, for containers above batchSize
    mutable QHash<quint64, JsonIndex::Child> m_childCache;
};

} // namespace Sb::App
