// The C++ headers need C++20 (std::span, std::chrono::sys_seconds, designated initialisers in the
// library's own code). An older standard gets this one clear message instead of a page of errors
// from the first header that uses them: every C++ header holds nothing else below C++20.
#pragma once

// MSVC reports 199711L in __cplusplus unless /Zc:__cplusplus is given; _MSVC_LANG is its real value.
#if defined(_MSVC_LANG) && _MSVC_LANG > __cplusplus
#define SDSPROFILE_CPLUSPLUS _MSVC_LANG
#else
#define SDSPROFILE_CPLUSPLUS __cplusplus
#endif

#if SDSPROFILE_CPLUSPLUS < 202002L
// clang-format off
#error "sdsprofile's C++ API needs C++20 (-std=c++20, CMAKE_CXX_STANDARD 20); from C or an older C++, use the C API, sdsprofile/sdsprofile.h"
// clang-format on
#endif
