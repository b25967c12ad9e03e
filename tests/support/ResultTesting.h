// SPDX-License-Identifier: MIT
// QTest helpers for Result<T, E> values: they print the error's message on failure.
#pragma once

#include <QTest>

/** Verifies that @p result holds a value; on failure prints the error's message. */
#define SB_VERIFY_RESULT(result)                                                                   \
    do {                                                                                           \
        const auto &sbResult_ = (result);                                                          \
        if (!sbResult_) {                                                                          \
            QFAIL(qPrintable(QStringLiteral("unexpected error: ") + sbResult_.error().message));   \
        }                                                                                          \
    } while (false)

/** Verifies that @p result failed with @p expectedCode and a non-empty message. */
#define SB_VERIFY_ERROR(result, expectedCode)                                                      \
    do {                                                                                           \
        const auto &sbResult_ = (result);                                                          \
        QVERIFY2(!sbResult_, "expected an error, got a value");                                    \
        if (sbResult_.error().code != (expectedCode)) {                                            \
            QFAIL(qPrintable(QStringLiteral("wrong error code %1 (expected %2): %3")               \
                                 .arg(int(sbResult_.error().code))                                 \
                                 .arg(int(expectedCode))                                           \
                                 .arg(sbResult_.error().message)));                                \
        }                                                                                          \
        QVERIFY2(!sbResult_.error().message.isEmpty(), "error message is empty");                  \
    } while (false)
