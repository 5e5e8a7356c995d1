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

#include <fmt/format.h>

#include "sdsprofile/checker.hpp"
#include "sdsprofile/codes.hpp"
#include "sdsprofile/csv_checker.hpp"
#include "sdsprofile/policy.hpp"
#include "sdsprofile/version.hpp"

#include "option_bounds.hpp"
#include "text_rules.hpp"

struct sdsprofile_checker {
  sdsprofile::checker checker;
  const sdsprofile::report* result = nullptr;  // null: no result (none yet, or the last call failed)
  std::string_view expanded;                   // the last expansion; empty after check
  sdsprofile::policy_layer layer;              // sdsprofile_set_policy's lists
  sdsprofile::policy rules;                    // made of `layer`
  sdsprofile::report policed;                  // the last result under `rules`, when they change it
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

// sdsprofile_last_error's text: what made the last call on this thread fail.
thread_local std::string last_error;

constexpr std::string_view k_no_result =
    "the checker holds no result: nothing was checked yet, or the last check or expand failed";

// Records that the call succeeded and returns SDSPROFILE_OK.
sdsprofile_status succeed() noexcept {
  last_error.clear();  // keeps its capacity: cannot throw
  return SDSPROFILE_OK;
}

// Records why the call failed and returns `status`. Without memory for the text, the status's
// own description stays (static storage, returned by sdsprofile_last_error).
sdsprofile_status fail(sdsprofile_status status, std::string_view why) noexcept {
  try {
    last_error.assign(why);
  } catch (...) {
    last_error.clear();
  }
  return status;
}

// The CLI's ranges (docs/cli.md), so the C API accepts what the tool accepts (max_bytes and
// max_report_bytes alike).
constexpr std::uint64_t k_max_bytes_limit = std::uint64_t{1} << 40;
constexpr std::uint32_t k_max_diagnostics_limit = 1000000;

// Why an option is out of range, naming it and what it accepts; empty when every option is
// accepted.
std::string option_problem(const sdsprofile_options& in) {
  const auto flag = [](const char* name, int value) {
    return value == 0 || value == 1 ? std::string() : fmt::format("{} is {}: it must be 0 or 1", name, value);
  };
  const auto range = [](const char* name, auto value, auto low, auto high) {
    return value >= low && value <= high ? std::string()
                                         : fmt::format("{} is {}: it must be from {} to {}", name, value, low, high);
  };
  if (in.mode < SDSPROFILE_MODE_CREATE || in.mode > SDSPROFILE_MODE_RESOURCE)
    return fmt::format("mode is {}: it must be 0 (create), 1 (update) or 2 (resource)", in.mode);
  std::string problem = flag("strict", in.strict);
  if (problem.empty()) problem = flag("has_now", in.has_now);
  if (problem.empty() && in.has_now == 1) {
    problem = range("now_unix_seconds", in.now_unix_seconds, sdsprofile::detail::earliest_clock,
                    sdsprofile::detail::latest_clock);
    if (!problem.empty()) problem += " (years 0001 to 9999)";
  }
  if (problem.empty()) problem = range("max_bytes", in.max_bytes, std::uint64_t{1}, k_max_bytes_limit);
  if (problem.empty()) problem = range("max_depth", in.max_depth, std::uint32_t{1}, sdsprofile::detail::max_depth_cap);
  if (problem.empty())
    problem = range("max_diagnostics", in.max_diagnostics, std::uint32_t{1}, k_max_diagnostics_limit);
  if (problem.empty()) problem = range("max_report_bytes", in.max_report_bytes, std::uint64_t{1}, k_max_bytes_limit);
  if (problem.empty() && in.expand_id_length != 0 &&
      !sdsprofile::detail::is_guid(std::string_view{in.expand_id, in.expand_id_length}))
    problem = fmt::format("expand_id is not a GUID ({} bytes; it must be 36: 8-4-4-4-12 hexadecimal digits)",
                          in.expand_id_length);
  if (problem.empty()) problem = flag("expand_compact", in.expand_compact);
  return problem;
}

// Converts options that option_problem accepts.
void convert_options(const sdsprofile_options& in, sdsprofile::expand_options& out) {
  out.check.check_mode = static_cast<sdsprofile::mode>(in.mode);
  out.check.strict = in.strict == 1;
  if (in.has_now == 1) out.check.now = sdsprofile::timestamp{std::chrono::seconds{in.now_unix_seconds}};
  out.check.limits.max_bytes = static_cast<std::size_t>(in.max_bytes);
  out.check.limits.max_depth = in.max_depth;
  out.check.limits.max_diagnostics = in.max_diagnostics;
  out.check.limits.max_report_bytes = static_cast<std::size_t>(in.max_report_bytes);
  out.pretty = in.expand_compact == 0;
  if (in.expand_id_length != 0) out.id.assign(in.expand_id, in.expand_id_length);
}

// The handle's result under its policy: `r` itself when the policy is the default.
const sdsprofile::report* policed(sdsprofile_checker& h, const sdsprofile::report& r) {
  if (h.rules.is_default()) return &r;
  h.rules.apply(r, h.policed);
  return &h.policed;
}

// Shared by check and expand: argument checks, then `run` (which may allocate, e.g. the id).
template <class Run>
sdsprofile_status run_call(sdsprofile_checker* handle, const char* input, std::size_t length,
                           const sdsprofile_options* options, Run run) noexcept {
  if (handle == nullptr) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "checker is null");
  handle->result = nullptr;
  handle->expanded = {};
  if (input == nullptr && length != 0) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "input is null, with a length");
  if (options != nullptr && options->expand_id == nullptr && options->expand_id_length != 0)
    return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "expand_id is null, with a length");
  try {
    sdsprofile::expand_options converted;
    if (options != nullptr) {
      if (const std::string problem = option_problem(*options); !problem.empty())
        return fail(SDSPROFILE_ERROR_INVALID_OPTION, problem);
      convert_options(*options, converted);
    }
    run(*handle, std::string_view{input == nullptr ? "" : input, length}, converted);
    return succeed();
  } catch (const std::bad_alloc&) {
    handle->result = nullptr;
    handle->expanded = {};
    return fail(SDSPROFILE_ERROR_OUT_OF_MEMORY, "out of memory");
  } catch (...) {
    handle->result = nullptr;
    handle->expanded = {};
    return fail(SDSPROFILE_ERROR_INTERNAL, "internal error");
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
  if (handle == nullptr) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "a required argument is null");
  handle->result = nullptr;
  handle->entries.clear();
  if (options != nullptr && options->expand_id == nullptr && options->expand_id_length != 0)
    return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "a required argument is null");
  try {
    sdsprofile::expand_options converted;
    if (options != nullptr) {
      if (const std::string problem = option_problem(*options); !problem.empty())
        return fail(SDSPROFILE_ERROR_INVALID_OPTION, problem);
      convert_options(*options, converted);
    }
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
    return succeed();
  } catch (const std::bad_alloc&) {
    handle->entries.clear();
    return fail(SDSPROFILE_ERROR_OUT_OF_MEMORY, "out of memory");
  } catch (...) {
    handle->entries.clear();
    return fail(SDSPROFILE_ERROR_INTERNAL, "internal error");
  }
}

// The selectors of a comma-separated list, spaces around each removed, empty ones skipped.
std::vector<std::string> selectors_of(std::string_view codes) {
  std::vector<std::string> out;
  while (!codes.empty()) {
    const std::size_t comma = std::min(codes.find(','), codes.size());
    std::string_view item = codes.substr(0, comma);
    codes.remove_prefix(std::min(comma + 1, codes.size()));
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
  }
  return out;
}

// A new handle of type Handle into *out_checker (null first, and on failure).
template <typename Handle>
sdsprofile_status create_handle(Handle** out_checker) {
  if (out_checker == nullptr) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "out_checker is null");
  *out_checker = nullptr;
  try {
    *out_checker = new Handle{};
    return succeed();
  } catch (const std::bad_alloc&) {
    return fail(SDSPROFILE_ERROR_OUT_OF_MEMORY, "out of memory");
  } catch (...) {
    return fail(SDSPROFILE_ERROR_INTERNAL, "internal error");
  }
}

}  // namespace

extern "C" {

const char* sdsprofile_version(void) { return sdsprofile::version_string; }

const char* sdsprofile_last_error(void) { return last_error.c_str(); }

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
  if (options == nullptr) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "options is null");
  const sdsprofile::limits defaults;
  *options = sdsprofile_options{};
  options->mode = SDSPROFILE_MODE_CREATE;
  options->max_bytes = defaults.max_bytes;
  options->max_depth = defaults.max_depth;
  options->max_diagnostics = defaults.max_diagnostics;
  options->max_report_bytes = defaults.max_report_bytes;
  return succeed();
}

sdsprofile_status sdsprofile_parse_rfc3339(const char* text, size_t length, int64_t* out_unix_seconds) {
  if (out_unix_seconds == nullptr) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "out_unix_seconds is null");
  if (text == nullptr && length != 0) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "text is null, with a length");
  const auto parsed = sdsprofile::parse_rfc3339(std::string_view{text == nullptr ? "" : text, length});
  if (!parsed)
    return fail(SDSPROFILE_ERROR_INVALID_OPTION,
                "text is not an RFC 3339 date-time with an offset (e.g. 2026-01-15T00:00:00Z)");
  // Clamped to the clock range sdsprofile_check accepts, as the C++ API clamps its clock: a
  // date-time of year 9999 with a negative offset is past 9999-12-31T23:59:59Z in UTC.
  *out_unix_seconds = std::clamp<std::int64_t>(parsed->time_since_epoch().count(), sdsprofile::detail::earliest_clock,
                                               sdsprofile::detail::latest_clock);
  return succeed();
}

sdsprofile_status sdsprofile_checker_create(sdsprofile_checker** out_checker) { return create_handle(out_checker); }

void sdsprofile_checker_destroy(sdsprofile_checker* checker) { delete checker; }

sdsprofile_status sdsprofile_check(sdsprofile_checker* checker, const char* input, size_t length,
                                   const sdsprofile_options* options) {
  return run_call(checker, input, length, options,
                  [](sdsprofile_checker& h, std::string_view text, const sdsprofile::expand_options& o) {
                    h.result = policed(h, h.checker.check(text, o.check));
                  });
}

sdsprofile_status sdsprofile_expand(sdsprofile_checker* checker, const char* input, size_t length,
                                    const sdsprofile_options* options) {
  return run_call(checker, input, length, options,
                  [](sdsprofile_checker& h, std::string_view text, const sdsprofile::expand_options& o) {
                    const sdsprofile::expansion e = h.checker.expand(text, o);
                    h.result = policed(h, e.diagnostics);
                    // The catalogue's validity made the expansion; the policy's may withhold it.
                    h.expanded = h.result->valid() ? e.json : std::string_view{};
                  });
}

sdsprofile_status sdsprofile_set_policy(sdsprofile_checker* checker, int list, const char* codes, size_t length) {
  if (checker == nullptr) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "checker is null");
  if (codes == nullptr && length != 0) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "codes is null, with a length");
  if (list < SDSPROFILE_POLICY_SELECT || list > SDSPROFILE_POLICY_ERROR)
    return fail(SDSPROFILE_ERROR_INVALID_OPTION,
                fmt::format("list is {}: it must be 0 (select), 1 (ignore), 2 (warn) or 3 (error)", list));
  try {
    sdsprofile::policy_layer layer = checker->layer;
    std::vector<std::string>* lists[] = {&layer.select, &layer.ignore, &layer.warn, &layer.error};
    *lists[list] = selectors_of(std::string_view{codes == nullptr ? "" : codes, length});
    sdsprofile::policy rules;
    if (const std::string problem = rules.add(layer); !problem.empty())
      return fail(SDSPROFILE_ERROR_INVALID_OPTION, problem);
    checker->layer = std::move(layer);
    checker->rules = rules;
    return succeed();
  } catch (const std::bad_alloc&) {
    return fail(SDSPROFILE_ERROR_OUT_OF_MEMORY, "out of memory");
  } catch (...) {
    return fail(SDSPROFILE_ERROR_INTERNAL, "internal error");
  }
}

sdsprofile_status sdsprofile_result_valid(const sdsprofile_checker* checker, int* out_valid) {
  if (checker == nullptr) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "checker is null");
  if (out_valid == nullptr) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "out_valid is null");
  if (checker->result == nullptr) return fail(SDSPROFILE_ERROR_NO_RESULT, k_no_result);
  *out_valid = checker->result->valid() ? 1 : 0;
  return succeed();
}

sdsprofile_status sdsprofile_diagnostic_count(const sdsprofile_checker* checker, size_t* out_count) {
  if (checker == nullptr) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "checker is null");
  if (out_count == nullptr) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "out_count is null");
  if (checker->result == nullptr) return fail(SDSPROFILE_ERROR_NO_RESULT, k_no_result);
  *out_count = checker->result->diagnostics().size();
  return succeed();
}

sdsprofile_status sdsprofile_diagnostic_get(const sdsprofile_checker* checker, size_t index,
                                            sdsprofile_diagnostic* out) {
  if (checker == nullptr) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "checker is null");
  if (out == nullptr) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "out is null");
  if (checker->result == nullptr) return fail(SDSPROFILE_ERROR_NO_RESULT, k_no_result);
  const auto diagnostics = checker->result->diagnostics();
  if (index >= diagnostics.size()) {
    // The count is small: formatting it cannot fail but for memory, which fail() survives.
    try {
      return fail(SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE,
                  fmt::format("index is {}: the result has {} diagnostics", index, diagnostics.size()));
    } catch (...) {
      return fail(SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE, "index is out of range");
    }
  }
  fill(diagnostics[index], *out);
  return succeed();
}

sdsprofile_status sdsprofile_diagnostic_fix_count(const sdsprofile_checker* checker, size_t index, size_t* out_count) {
  if (checker == nullptr || out_count == nullptr)
    return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "a required argument is null");
  if (checker->result == nullptr) return fail(SDSPROFILE_ERROR_NO_RESULT, k_no_result);
  const auto diagnostics = checker->result->diagnostics();
  if (index >= diagnostics.size()) return fail(SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE, "index is out of range");
  *out_count = diagnostics[index].fix.size();
  return succeed();
}

sdsprofile_status sdsprofile_diagnostic_fix_edit(const sdsprofile_checker* checker, size_t index, size_t edit_index,
                                                 sdsprofile_edit* out) {
  if (checker == nullptr || out == nullptr) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "a required argument is null");
  if (checker->result == nullptr) return fail(SDSPROFILE_ERROR_NO_RESULT, k_no_result);
  const auto diagnostics = checker->result->diagnostics();
  if (index >= diagnostics.size() || edit_index >= diagnostics[index].fix.size())
    return fail(SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE, "index is out of range");
  const sdsprofile::edit& e = diagnostics[index].fix[edit_index];
  out->offset = e.offset;
  out->length = e.length;
  out->replacement = e.replacement.empty() ? "" : e.replacement.data();
  out->replacement_length = e.replacement.size();
  return succeed();
}

sdsprofile_status sdsprofile_expanded_json(const sdsprofile_checker* checker, const char** out_json,
                                           size_t* out_length) {
  if (checker == nullptr) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "checker is null");
  if (out_json == nullptr || out_length == nullptr)
    return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, out_json == nullptr ? "out_json is null" : "out_length is null");
  if (checker->result == nullptr) return fail(SDSPROFILE_ERROR_NO_RESULT, k_no_result);
  *out_json = checker->expanded.empty() ? "" : checker->expanded.data();
  *out_length = checker->expanded.size();
  return succeed();
}

sdsprofile_status sdsprofile_csv_checker_create(sdsprofile_csv_checker** out_checker) {
  return create_handle(out_checker);
}

void sdsprofile_csv_checker_destroy(sdsprofile_csv_checker* checker) { delete checker; }

sdsprofile_status sdsprofile_check_csv_folder(sdsprofile_csv_checker* checker, const char* directory,
                                              size_t directory_length, const char* profile, size_t profile_length,
                                              const sdsprofile_options* options, unsigned jobs) {
  if (checker != nullptr && directory == nullptr) {
    checker->result = nullptr;
    checker->entries.clear();
    return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "a required argument is null");
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
    return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "a required argument is null");
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
  if (checker == nullptr || out_valid == nullptr)
    return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "a required argument is null");
  if (checker->result == nullptr) return fail(SDSPROFILE_ERROR_NO_RESULT, k_no_result);
  *out_valid = checker->result->valid() ? 1 : 0;
  return succeed();
}

sdsprofile_status sdsprofile_csv_diagnostic_count(const sdsprofile_csv_checker* checker, size_t* out_count) {
  if (checker == nullptr || out_count == nullptr)
    return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "a required argument is null");
  if (checker->result == nullptr) return fail(SDSPROFILE_ERROR_NO_RESULT, k_no_result);
  *out_count = checker->entries.size();
  return succeed();
}

sdsprofile_status sdsprofile_csv_diagnostic_get(const sdsprofile_csv_checker* checker, size_t index,
                                                sdsprofile_csv_diagnostic* out) {
  if (checker == nullptr || out == nullptr) return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "a required argument is null");
  if (checker->result == nullptr) return fail(SDSPROFILE_ERROR_NO_RESULT, k_no_result);
  if (index >= checker->entries.size()) return fail(SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE, "index is out of range");
  const sdsprofile_csv_checker::entry& e = checker->entries[index];
  const auto data = [](std::string_view s) { return s.empty() ? "" : s.data(); };
  fill(*e.d, out->diagnostic);
  out->part = e.part;
  out->file = data(e.file);
  out->file_length = e.file.size();
  out->field = data(e.d->field);
  out->field_length = e.d->field.size();
  out->located = e.d->located ? 1 : 0;
  return succeed();
}

sdsprofile_status sdsprofile_csv_read_error_count(const sdsprofile_csv_checker* checker, size_t* out_count) {
  if (checker == nullptr || out_count == nullptr)
    return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "a required argument is null");
  if (checker->result == nullptr) return fail(SDSPROFILE_ERROR_NO_RESULT, k_no_result);
  *out_count = checker->result->read_errors().size();
  return succeed();
}

sdsprofile_status sdsprofile_csv_read_error_get(const sdsprofile_csv_checker* checker, size_t index,
                                                const char** out_message, size_t* out_length) {
  if (checker == nullptr || out_message == nullptr || out_length == nullptr)
    return fail(SDSPROFILE_ERROR_NULL_ARGUMENT, "a required argument is null");
  if (checker->result == nullptr) return fail(SDSPROFILE_ERROR_NO_RESULT, k_no_result);
  const auto errors = checker->result->read_errors();
  if (index >= errors.size()) return fail(SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE, "index is out of range");
  *out_message = errors[index].c_str();
  *out_length = errors[index].size();
  return succeed();
}

}  // extern "C"
