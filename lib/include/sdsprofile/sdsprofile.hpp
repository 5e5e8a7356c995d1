// sdsprofile: offline checker for Microsoft Graph educationSynchronizationProfile bodies.
// Umbrella header: include this one.
#pragma once

#include "sdsprofile/cplusplus.hpp"
#if SDSPROFILE_CPLUSPLUS >= 202002L  // otherwise only cplusplus.hpp's #error

#include "sdsprofile/checker.hpp"
#include "sdsprofile/codes.hpp"
#include "sdsprofile/csv_checker.hpp"
#include "sdsprofile/options.hpp"
#include "sdsprofile/policy.hpp"
#include "sdsprofile/report.hpp"
#include "sdsprofile/version.hpp"

#endif  // SDSPROFILE_CPLUSPLUS >= 202002L
