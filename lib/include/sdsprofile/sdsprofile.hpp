// sdsprofile: offline checker for Microsoft Graph educationSynchronizationProfile bodies.
// Umbrella header: include this one.
#pragma once

#include "sdsprofile/checker.hpp"
#include "sdsprofile/codes.hpp"
#include "sdsprofile/options.hpp"
#include "sdsprofile/report.hpp"
#include "sdsprofile/version.hpp"
