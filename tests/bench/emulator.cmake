# SPDX-License-Identifier: MIT
# The emulator bench: 200 concurrent connections and the token endpoint's own time, beside a
# bare Qt HTTP Server route as the baseline.
find_package(Qt6 REQUIRED COMPONENTS HttpServer)
add_executable(BenchEmulator ${CMAKE_CURRENT_LIST_DIR}/BenchEmulator.cpp)
target_include_directories(BenchEmulator PRIVATE "${PROJECT_SOURCE_DIR}/tests/emulator")
target_link_libraries(BenchEmulator PRIVATE Sb::Emulator Qt6::HttpServer sb_build_settings)
add_test(NAME BenchEmulator COMMAND BenchEmulator)
set_tests_properties(BenchEmulator PROPERTIES LABELS "bench;emulator" TIMEOUT 180)
