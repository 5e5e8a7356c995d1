// The C API (sdsprofile/sdsprofile.h) over sdsprofile::checker. Every entry point catches
// everything: no exception may unwind into C callers.
#include "sdsprofile/sdsprofile.h"

#include <algorithm>

#include <chrono>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "sdsprofile/checker.hpp"
#include "sdsprofile/codes.hpp"
#include "sdsprofile/csv_checker.hpp"
#include "sdsprofile/version.hpp"

#include "option_bounds.hpp"
#include "text_rules.hpp"

struct sdsprofile_checker {
  sdsprofile::checker checker;
  const sdsprofile::report* result = nullptr;  // null: no result (none yet, or the last call failed)
  std::string_view expanded;                   // the last expansion; empty after check
};

struct sdsprofile_csv_checker {
  /// One diagnostic of the last result, in the order the C API hands them out.
  struct entry {
    const sdsprofile::diagnostic* d;
    int part;
    std::string_view file;
  };
  sdsprofile::csv_checker checker;
  const sdsprofile::csv_report* result = nullptr;  // null: no result
  std::vector<entry> entries;
};

namespace {

// The CLI's ranges (docs/cli.md), so the C API accepts what the tool accepts (max_bytes and
// max_report_bytes alike).
constexpr std::uint64_t k_max_bytes_limit = std::uint64_t{1} << 40;
constexpr std::uint32_t k_max_diagnostics_limit = 1000000;

// Validates the C options and converts them; false for any out-of-range field.
bool convert_options(const sdsprofile_options* in, sdsprofile::expand_options& out) noexcept {
  if (in == nullptr) return true;  // the defaults
  if (in->mode < SDSPROFILE_MODE_CREATE || in->mode > SDSPROFILE_MODE_RESOURCE) return false;
  if (in->strict != 0 && in->strict != 1) return false;
  if (in->has_now != 0 && in->has_now != 1) return false;
  if (in->has_now == 1 && (in->now_unix_seconds < sdsprofile::detail::earliest_clock ||
                           in->now_unix_seconds > sdsprofile::detail::latest_clock))
    return false;
  if (in->max_bytes < 1 || in->max_bytes > k_max_bytes_limit) return false;
  if (in->max_depth < 1 || in->max_depth > sdsprofile::detail::max_depth_cap) return false;
  if (in->max_diagnostics < 1 || in->max_diagnostics > k_max_diagnostics_limit) return false;
  if (in->max_report_bytes < 1 || in->max_report_bytes > k_max_bytes_limit) return false;
  const std::string_view id =
      in->expand_id_length == 0 ? std::string_view{} : std::string_view{in->expand_id, in->expand_id_length};
  if (!id.empty() && !sdsprofile::detail::is_guid(id)) return false;
  if (in->expand_compact != 0 && in->expand_compact != 1) return false;

  out.check.check_mode = static_cast<sdsprofile::mode>(in->mode);
  out.check.strict = in->strict == 1;
  if (in->has_now == 1) out.check.now = sdsprofile::timestamp{std::chrono::seconds{in->now_unix_seconds}};
  out.check.limits.max_bytes = static_cast<std::size_t>(in->max_bytes);
  out.check.limits.max_depth = in->max_depth;
  out.check.limits.max_diagnostics = in->max_diagnostics;
  out.check.limits.max_report_bytes = static_cast<std::size_t>(in->max_report_bytes);
  out.pretty = in->expand_compact == 0;
  return true;
}

// Shared by check and expand: argument checks, then `run` (which may allocate, e.g. the id).
template <class Run>
sdsprofile_status run_call(sdsprofile_checker* handle, const char* input, std::size_t length,
                           const sdsprofile_options* options, Run run) noexcept {
  if (handle == nullptr) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  handle->result = nullptr;
  handle->expanded = {};
  if (input == nullptr && length != 0) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  if (options != nullptr && options->expand_id == nullptr && options->expand_id_length != 0)
    return SDSPROFILE_ERROR_NULL_ARGUMENT;
  try {
    sdsprofile::expand_options converted;
    if (!convert_options(options, converted)) return SDSPROFILE_ERROR_INVALID_OPTION;
    if (options != nullptr && options->expand_id_length != 0)
      converted.id.assign(options->expand_id, options->expand_id_length);
    run(*handle, std::string_view{input == nullptr ? "" : input, length}, converted);
    return SDSPROFILE_OK;
  } catch (const std::bad_alloc&) {
    return SDSPROFILE_ERROR_OUT_OF_MEMORY;
  } catch (...) {
    return SDSPROFILE_ERROR_INTERNAL;
  }
}

// Fills `out` with `d`'s fields (the strings the checker owns).
void fill(const sdsprofile::diagnostic& d, sdsprofile_diagnostic& out) noexcept {
  // Empty views may have a null data(); the C side promises non-null pointers.
  const auto data = [](std::string_view s) { return s.empty() ? "" : s.data(); };
  const std::string_view code = sdsprofile::to_string(d.code);
  out.severity = d.severity == sdsprofile::severity::error ? SDSPROFILE_SEVERITY_ERROR : SDSPROFILE_SEVERITY_WARNING;
  out.code = data(code);
  out.code_length = code.size();
  out.path = data(d.path);
  out.path_length = d.path.size();
  out.line = d.line;
  out.column = d.column;
  out.offset = d.offset;
  out.message = data(d.message);
  out.message_length = d.message.size();
  out.hint = data(d.hint);
  out.hint_length = d.hint.size();
}

// Shared by the two folder checks: argument checks, then `run`, then the index of the result.
template <class Run>
sdsprofile_status run_csv_call(sdsprofile_csv_checker* handle, const char* profile, std::size_t profile_length,
                               const sdsprofile_options* options, unsigned jobs, Run run) noexcept {
  if (handle == nullptr) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  handle->result = nullptr;
  handle->entries.clear();
  if (options != nullptr && options->expand_id == nullptr && options->expand_id_length != 0)
    return SDSPROFILE_ERROR_NULL_ARGUMENT;
  try {
    sdsprofile::expand_options converted;
    if (!convert_options(options, converted)) return SDSPROFILE_ERROR_INVALID_OPTION;
    sdsprofile::csv_options opts;
    opts.check = converted.check;
    opts.jobs = jobs;
    const std::optional<std::string_view> body =
        profile == nullptr ? std::nullopt : std::optional<std::string_view>(std::string_view{profile, profile_length});
    const sdsprofile::csv_report& r = run(handle->checker, body, opts);
    const auto add = [handle](const sdsprofile::report& part, int kind, std::string_view file) {
      for (const sdsprofile::diagnostic& d : part.diagnostics()) handle->entries.push_back({&d, kind, file});
    };
    add(r.profile(), SDSPROFILE_CSV_PART_PROFILE, {});
    add(r.folder(), SDSPROFILE_CSV_PART_FOLDER, {});
    for (std::size_t f = 0; f < sdsprofile::csv_file_count; ++f) {
      const auto file = static_cast<sdsprofile::csv_file>(f);
      if (r.has_file(file)) add(r.file(file), SDSPROFILE_CSV_PART_FILE, r.file_name(file));
    }
    handle->result = &r;
    return SDSPROFILE_OK;
  } catch (const std::bad_alloc&) {
    handle->entries.clear();
    return SDSPROFILE_ERROR_OUT_OF_MEMORY;
  } catch (...) {
    handle->entries.clear();
    return SDSPROFILE_ERROR_INTERNAL;
  }
}

}  // namespace

extern "C" {

const char* sdsprofile_version(void) { return sdsprofile::version_string; }

const char* sdsprofile_status_message(sdsprofile_status status) {
  switch (status) {
    case SDSPROFILE_OK:
      return "success";
    case SDSPROFILE_ERROR_NULL_ARGUMENT:
      return "a required pointer is null";
    case SDSPROFILE_ERROR_INVALID_OPTION:
      return "an option value is out of range";
    case SDSPROFILE_ERROR_OUT_OF_MEMORY:
      return "out of memory";
    case SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE:
      return "diagnostic index out of range";
    case SDSPROFILE_ERROR_NO_RESULT:
      return "the checker holds no result";
    case SDSPROFILE_ERROR_INTERNAL:
      return "internal error";
  }
  return "unknown status";
}

sdsprofile_status sdsprofile_options_init(sdsprofile_options* options) {
  if (options == nullptr) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  const sdsprofile::limits defaults;
  *options = sdsprofile_options{};
  options->mode = SDSPROFILE_MODE_CREATE;
  options->max_bytes = defaults.max_bytes;
  options->max_depth = defaults.max_depth;
  options->max_diagnostics = defaults.max_diagnostics;
  options->max_report_bytes = defaults.max_report_bytes;
  return SDSPROFILE_OK;
}

sdsprofile_status sdsprofile_parse_rfc3339(const char* text, size_t length, int64_t* out_unix_seconds) {
  if (out_unix_seconds == nullptr || (text == nullptr && length != 0)) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  const auto parsed = sdsprofile::parse_rfc3339(std::string_view{text == nullptr ? "" : text, length});
  if (!parsed) return SDSPROFILE_ERROR_INVALID_OPTION;
  // Clamped to the clock range sdsprofile_check accepts, as the C++ API clamps its clock: a
  // date-time of year 9999 with a negative offset is past 9999-12-31T23:59:59Z in UTC.
  *out_unix_seconds = std::clamp<std::int64_t>(parsed->time_since_epoch().count(), sdsprofile::detail::earliest_clock,
                                               sdsprofile::detail::latest_clock);
  return SDSPROFILE_OK;
}

sdsprofile_status sdsprofile_checker_create(sdsprofile_checker** out_checker) {
  if (out_checker == nullptr) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  *out_checker = nullptr;
  try {
    *out_checker = new sdsprofile_checker{};
    return SDSPROFILE_OK;
  } catch (const std::bad_alloc&) {
    return SDSPROFILE_ERROR_OUT_OF_MEMORY;
  } catch (...) {
    return SDSPROFILE_ERROR_INTERNAL;
  }
}

void sdsprofile_checker_destroy(sdsprofile_checker* checker) { delete checker; }

sdsprofile_status sdsprofile_check(sdsprofile_checker* checker, const char* input, size_t length,
                                   const sdsprofile_options* options) {
  return run_call(checker, input, length, options,
                  [](sdsprofile_checker& h, std::string_view text, const sdsprofile::expand_options& o) {
                    h.result = &h.checker.check(text, o.check);
                  });
}

sdsprofile_status sdsprofile_expand(sdsprofile_checker* checker, const char* input, size_t length,
                                    const sdsprofile_options* options) {
  return run_call(checker, input, length, options,
                  [](sdsprofile_checker& h, std::string_view text, const sdsprofile::expand_options& o) {
                    const sdsprofile::expansion e = h.checker.expand(text, o);
                    h.result = &e.diagnostics;
                    h.expanded = e.json;
                  });
}

sdsprofile_status sdsprofile_result_valid(const sdsprofile_checker* checker, int* out_valid) {
  if (checker == nullptr || out_valid == nullptr) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  if (checker->result == nullptr) return SDSPROFILE_ERROR_NO_RESULT;
  *out_valid = checker->result->valid() ? 1 : 0;
  return SDSPROFILE_OK;
}

sdsprofile_status sdsprofile_diagnostic_count(const sdsprofile_checker* checker, size_t* out_count) {
  if (checker == nullptr || out_count == nullptr) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  if (checker->result == nullptr) return SDSPROFILE_ERROR_NO_RESULT;
  *out_count = checker->result->diagnostics().size();
  return SDSPROFILE_OK;
}

sdsprofile_status sdsprofile_diagnostic_get(const sdsprofile_checker* checker, size_t index,
                                            sdsprofile_diagnostic* out) {
  if (checker == nullptr || out == nullptr) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  if (checker->result == nullptr) return SDSPROFILE_ERROR_NO_RESULT;
  const auto diagnostics = checker->result->diagnostics();
  if (index >= diagnostics.size()) return SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE;
  fill(diagnostics[index], *out);
  return SDSPROFILE_OK;
}

sdsprofile_status sdsprofile_expanded_json(const sdsprofile_checker* checker, const char** out_json,
                                           size_t* out_length) {
  if (checker == nullptr || out_json == nullptr || out_length == nullptr) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  if (checker->result == nullptr) return SDSPROFILE_ERROR_NO_RESULT;
  *out_json = checker->expanded.empty() ? "" : checker->expanded.data();
  *out_length = checker->expanded.size();
  return SDSPROFILE_OK;
}

sdsprofile_status sdsprofile_csv_checker_create(sdsprofile_csv_checker** out_checker) {
  if (out_checker == nullptr) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  *out_checker = nullptr;
  try {
    *out_checker = new sdsprofile_csv_checker{};
    return SDSPROFILE_OK;
  } catch (const std::bad_alloc&) {
    return SDSPROFILE_ERROR_OUT_OF_MEMORY;
  } catch (...) {
    return SDSPROFILE_ERROR_INTERNAL;
  }
}

void sdsprofile_csv_checker_destroy(sdsprofile_csv_checker* checker) { delete checker; }

sdsprofile_status sdsprofile_check_csv_folder(sdsprofile_csv_checker* checker, const char* directory,
                                              size_t directory_length, const char* profile, size_t profile_length,
                                              const sdsprofile_options* options, unsigned jobs) {
  if (checker != nullptr && directory == nullptr) {
    checker->result = nullptr;
    checker->entries.clear();
    return SDSPROFILE_ERROR_NULL_ARGUMENT;
  }
  return run_csv_call(checker, profile, profile_length, options, jobs,
                      [&](sdsprofile::csv_checker& c, std::optional<std::string_view> body,
                          const sdsprofile::csv_options& opts) -> const sdsprofile::csv_report& {
                        return c.check_folder(std::string(directory, directory_length), body, opts);
                      });
}

sdsprofile_status sdsprofile_check_csv_files(sdsprofile_csv_checker* checker, const char* const* files,
                                             const size_t* lengths, const char* profile, size_t profile_length,
                                             const sdsprofile_options* options, unsigned jobs) {
  if (checker != nullptr && (files == nullptr || lengths == nullptr)) {
    checker->result = nullptr;
    checker->entries.clear();
    return SDSPROFILE_ERROR_NULL_ARGUMENT;
  }
  return run_csv_call(checker, profile, profile_length, options, jobs,
                      [&](sdsprofile::csv_checker& c, std::optional<std::string_view> body,
                          const sdsprofile::csv_options& opts) -> const sdsprofile::csv_report& {
                        sdsprofile::csv_folder_bytes bytes;
                        for (std::size_t f = 0; f < sdsprofile::csv_file_count; ++f)
                          if (files[f] != nullptr) bytes.files[f] = std::string_view{files[f], lengths[f]};
                        return c.check_files(bytes, body, opts);
                      });
}

sdsprofile_status sdsprofile_csv_result_valid(const sdsprofile_csv_checker* checker, int* out_valid) {
  if (checker == nullptr || out_valid == nullptr) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  if (checker->result == nullptr) return SDSPROFILE_ERROR_NO_RESULT;
  *out_valid = checker->result->valid() ? 1 : 0;
  return SDSPROFILE_OK;
}

sdsprofile_status sdsprofile_csv_diagnostic_count(const sdsprofile_csv_checker* checker, size_t* out_count) {
  if (checker == nullptr || out_count == nullptr) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  if (checker->result == nullptr) return SDSPROFILE_ERROR_NO_RESULT;
  *out_count = checker->entries.size();
  return SDSPROFILE_OK;
}

sdsprofile_status sdsprofile_csv_diagnostic_get(const sdsprofile_csv_checker* checker, size_t index,
                                                sdsprofile_csv_diagnostic* out) {
  if (checker == nullptr || out == nullptr) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  if (checker->result == nullptr) return SDSPROFILE_ERROR_NO_RESULT;
  if (index >= checker->entries.size()) return SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE;
  const sdsprofile_csv_checker::entry& e = checker->entries[index];
  const auto data = [](std::string_view s) { return s.empty() ? "" : s.data(); };
  fill(*e.d, out->diagnostic);
  out->part = e.part;
  out->file = data(e.file);
  out->file_length = e.file.size();
  out->field = data(e.d->field);
  out->field_length = e.d->field.size();
  out->located = e.d->located ? 1 : 0;
  return SDSPROFILE_OK;
}

sdsprofile_status sdsprofile_csv_read_error_count(const sdsprofile_csv_checker* checker, size_t* out_count) {
  if (checker == nullptr || out_count == nullptr) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  if (checker->result == nullptr) return SDSPROFILE_ERROR_NO_RESULT;
  *out_count = checker->result->read_errors().size();
  return SDSPROFILE_OK;
}

sdsprofile_status sdsprofile_csv_read_error_get(const sdsprofile_csv_checker* checker, size_t index,
                                                const char** out_message, size_t* out_length) {
  if (checker == nullptr || out_message == nullptr || out_length == nullptr) return SDSPROFILE_ERROR_NULL_ARGUMENT;
  if (checker->result == nullptr) return SDSPROFILE_ERROR_NO_RESULT;
  const auto errors = checker->result->read_errors();
  if (index >= errors.size()) return SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE;
  *out_message = errors[index].c_str();
  *out_length = errors[index].size();
  return SDSPROFILE_OK;
}

}  // extern "C"
