/* sdsprofile C API (C99, usable from C++): check and expand educationSynchronizationProfile
 * bodies through an opaque checker handle. docs/embedding.md has an example.
 *
 * Conventions of every function here:
 * - No exception and no abort crosses this API: failures are returned as sdsprofile_status.
 * - Strings going in are (pointer, length in bytes) and need not be NUL-terminated; a null
 *   pointer is accepted only with length 0.
 * - Strings coming out are (pointer, length in bytes), UTF-8 as far as the input was, NOT
 *   NUL-terminated unless stated, and owned by the library (never free them).
 * - Lines and columns are 1-based (columns count bytes); offsets are 0-based byte offsets into
 *   the input as given (a BOM included).
 * - A checker handle is not thread-safe: use one per thread. Distinct handles may be used from
 *   different threads at the same time (the model tables they read are immutable and shared).
 * - ABI: stable within a SOVERSION (libsdsprofile.so.0); structs never change size within it.
 * - Every function that returns an sdsprofile_status also says, in sdsprofile_last_error, what
 *   made it fail ("expand_id is not a GUID ..."), or "" when it succeeded. */
#ifndef SDSPROFILE_SDSPROFILE_H
#define SDSPROFILE_SDSPROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "sdsprofile/export.h"
#include "sdsprofile/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Result of every fallible call. 0 is success; the other values name the misuse. */
typedef enum sdsprofile_status {
  SDSPROFILE_OK = 0,
  /** A required pointer is null, or an input pointer is null with a nonzero length. */
  SDSPROFILE_ERROR_NULL_ARGUMENT = 1,
  /** An option is out of range (mode, strict, limits, now, id) or a policy entry is not valid;
   *  nothing was checked (sdsprofile_last_error names it). */
  SDSPROFILE_ERROR_INVALID_OPTION = 2,
  /** Memory ran out (the handle, if any, stays usable). */
  SDSPROFILE_ERROR_OUT_OF_MEMORY = 3,
  /** A diagnostic index >= sdsprofile_diagnostic_count(). */
  SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE = 4,
  /** The handle has no result: nothing checked yet, or the last check/expand call failed. */
  SDSPROFILE_ERROR_NO_RESULT = 5,
  /** An unexpected internal failure (a bug); the handle stays usable. */
  SDSPROFILE_ERROR_INTERNAL = 6
} sdsprofile_status;

/** Which rules apply (docs/cli.md, --mode). */
typedef enum sdsprofile_mode {
  SDSPROFILE_MODE_CREATE = 0,  /**< POST body: required properties enforced */
  SDSPROFILE_MODE_UPDATE = 1,  /**< PUT/PATCH body: nothing required */
  SDSPROFILE_MODE_RESOURCE = 2 /**< stored profile: id and state required, read-only allowed */
} sdsprofile_mode;

/** Severity of a diagnostic. */
typedef enum sdsprofile_severity {
  SDSPROFILE_SEVERITY_ERROR = 0,  /**< makes the input invalid */
  SDSPROFILE_SEVERITY_WARNING = 1 /**< makes it invalid only when strict */
} sdsprofile_severity;

/** Options of sdsprofile_check and sdsprofile_expand. Fill with sdsprofile_options_init, then
 *  change fields; the ranges are those of the CLI's options. */
typedef struct sdsprofile_options {
  int mode;                  /**< an sdsprofile_mode; expand treats update as create */
  int strict;                /**< 0 or 1: warnings also make the input invalid */
  int has_now;               /**< 0: the system clock at the call; 1: use now_unix_seconds */
  int64_t now_unix_seconds;  /**< clock for the date rules, seconds since 1970-01-01T00:00:00Z,
                                  within years 0001..9999 (-62135596800..253402300799) */
  uint64_t max_bytes;        /**< largest input in bytes, BOM included: 1..2^40 (default 4194304) */
  uint32_t max_depth;        /**< deepest nesting, root = 1: 1..1024 (default 64) */
  uint32_t max_diagnostics;  /**< diagnostics kept: 1..1000000 (default 1000) */
  const char* expand_id;     /**< expand only: the profile id (a GUID, 36 bytes 8-4-4-4-12);
                                  null with length 0: a new UUID v4, or the input's id in
                                  resource mode */
  size_t expand_id_length;   /**< bytes at expand_id */
  int expand_compact;        /**< expand only: 0: 4-space indentation; 1: no white space */
  uint64_t max_report_bytes; /**< bytes of text (paths, messages, hints) a result holds:
                                  1..2^40 (default 8388608); past it the later diagnostics are
                                  dropped and one too-many-diagnostics warning names the limit */
} sdsprofile_options;

/** One diagnostic, filled by sdsprofile_diagnostic_get. Every string is (pointer, length), not
 *  NUL-terminated, owned by the checker handle and valid until its next check, expand or
 *  destroy. Pointers are never null (an absent hint has length 0). */
typedef struct sdsprofile_diagnostic {
  int severity;     /**< an sdsprofile_severity */
  const char* code; /**< stable kebab-case code, e.g. "type-mismatch" (static storage) */
  size_t code_length;
  const char* path; /**< RFC 6901 JSON Pointer; length 0 = the whole document */
  size_t path_length;
  uint32_t line;       /**< 1-based line */
  uint32_t column;     /**< 1-based column, in bytes */
  uint64_t offset;     /**< 0-based byte offset into the input as given */
  const char* message; /**< one sentence */
  size_t message_length;
  const char* hint; /**< the fix or a did-you-mean; length 0 when there is none */
  size_t hint_length;
} sdsprofile_diagnostic;

/** The lists of a per-code policy (docs/cli.md "Policy"), for sdsprofile_set_policy. */
typedef enum sdsprofile_policy_list {
  SDSPROFILE_POLICY_SELECT = 0, /**< report only these codes (document-level codes always) */
  SDSPROFILE_POLICY_IGNORE = 1, /**< do not report these codes */
  SDSPROFILE_POLICY_WARN = 2,   /**< report these codes as warnings */
  SDSPROFILE_POLICY_ERROR = 3   /**< report these codes as errors */
} sdsprofile_policy_list;

/** One byte edit of a diagnostic's fix (docs/rules.md "Fixes"), filled by
 *  sdsprofile_diagnostic_fix_edit: replace `length` bytes at `offset` of the input as given (a
 *  BOM included) by the `replacement_length` bytes at `replacement` (JSON text, owned by the
 *  checker handle as the strings of sdsprofile_diagnostic; length 0 for a deletion, pointer never
 *  null). */
typedef struct sdsprofile_edit {
  uint64_t offset; /**< 0-based byte offset into the input as given */
  uint64_t length; /**< bytes replaced; 0: an insertion */
  const char* replacement;
  size_t replacement_length;
} sdsprofile_edit;

/** Opaque checker: owns the parser, buffers, its policy and the result of its last call. */
typedef struct sdsprofile_checker sdsprofile_checker;

/** The library's version, e.g. "0.1.0": NUL-terminated, static storage (never free it). Compare
 *  with SDSPROFILE_VERSION_STRING to detect a header/library mismatch. */
SDSPROFILE_EXPORT const char* sdsprofile_version(void);

/** A short English description of `status`, NUL-terminated, static storage; "unknown status"
 *  for a value outside the enum. */
SDSPROFILE_EXPORT const char* sdsprofile_status_message(sdsprofile_status status);

/** What made the last call on this thread that returns an sdsprofile_status fail, naming the
 *  argument or option and the accepted values (e.g. "max_depth is 0: it must be from 1 to
 *  1024"), or "" when that call succeeded. NUL-terminated, owned by the library, valid until the
 *  next such call on this thread. Each thread has its own. */
SDSPROFILE_EXPORT const char* sdsprofile_last_error(void);

/** Set `*options` to the defaults: create mode, not strict, the system clock, 4194304 bytes,
 *  depth 64, 1000 diagnostics, 8388608 bytes of report text, a new id, indented expansion. The caller owns `*options`.
 *  Errors: SDSPROFILE_ERROR_NULL_ARGUMENT when `options` is null. */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_options_init(sdsprofile_options* options);

/** Parse an RFC 3339 date-time with offset (`text`, `length` bytes, e.g.
 *  "2026-01-15T00:00:00Z") into seconds since the Unix epoch, stored in `*out_unix_seconds`
 *  (owned by the caller), clamped to the range `now_unix_seconds` accepts (years 0001..9999 in
 *  UTC). Errors: SDSPROFILE_ERROR_NULL_ARGUMENT (null `out_unix_seconds`, or
 *  null `text` with nonzero length), SDSPROFILE_ERROR_INVALID_OPTION (not such a date-time;
 *  `*out_unix_seconds` is left unchanged). */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_parse_rfc3339(const char* text, size_t length,
                                                             int64_t* out_unix_seconds);

/** Create a checker and store it in `*out_checker`. The caller owns it and must release it
 *  with sdsprofile_checker_destroy. Errors: SDSPROFILE_ERROR_NULL_ARGUMENT (null
 *  `out_checker`), SDSPROFILE_ERROR_OUT_OF_MEMORY (`*out_checker` is set to null). */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_checker_create(sdsprofile_checker** out_checker);

/** Release `checker` and everything it returned. Null is accepted and ignored. */
SDSPROFILE_EXPORT void sdsprofile_checker_destroy(sdsprofile_checker* checker);

/** Check `length` bytes at `input` (one JSON document, UTF-8, optionally with a BOM) with
 *  `options` (null: the defaults). The input is only read, and the caller keeps owning it; it
 *  need not outlive the call. The result (validity and diagnostics) is held by `checker` until
 *  its next check, expand or destroy. Problems of the input are diagnostics, not errors.
 *  Errors: SDSPROFILE_ERROR_NULL_ARGUMENT (null `checker`, or null `input` with nonzero
 *  `length`), SDSPROFILE_ERROR_INVALID_OPTION; after an error the checker holds no result. */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_check(sdsprofile_checker* checker, const char* input, size_t length,
                                                     const sdsprofile_options* options);

/** Check `input` as sdsprofile_check does (create mode, or resource mode when asked) and, when
 *  it is valid, build the profile the service would store (docs/expansion.md); get it with
 *  sdsprofile_expanded_json. Ownership and errors as for sdsprofile_check; in addition an
 *  `options->expand_id` that is not a GUID is SDSPROFILE_ERROR_INVALID_OPTION. An invalid input
 *  is not an error: the call succeeds, the result is invalid and the expansion is empty. */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_expand(sdsprofile_checker* checker, const char* input, size_t length,
                                                      const sdsprofile_options* options);

/** Set one list of `checker`'s per-code policy (docs/cli.md "Policy"), which every later
 *  sdsprofile_check and sdsprofile_expand applies to its result: `codes` (`length` bytes) is a
 *  comma-separated list of code names or whole-word prefixes ending in '-' ("odata-type-"),
 *  spaces around each ignored; it replaces that list, and length 0 empties it. With every list
 *  empty (the default) results are the catalogue's. Policy decides validity; sdsprofile_expand
 *  still expands only a body the catalogue finds valid, and gives no expansion when the policy
 *  finds it invalid. Errors: SDSPROFILE_ERROR_NULL_ARGUMENT (null `checker`, or null `codes`
 *  with nonzero `length`), SDSPROFILE_ERROR_INVALID_OPTION (`list` is not an
 *  sdsprofile_policy_list, or an entry names no code or a document-level code in the ignore or
 *  warn list: sdsprofile_last_error names it, with the nearest code; the policy is unchanged).
 *  The checker's result is kept. */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_set_policy(sdsprofile_checker* checker, int list, const char* codes,
                                                          size_t length);

/** Store in `*out_valid` 1 when the last checked input is valid (no error; when strict, no
 *  diagnostic at all, counting those cut by max_diagnostics), else 0. Errors:
 *  SDSPROFILE_ERROR_NULL_ARGUMENT (null `checker` or `out_valid`), SDSPROFILE_ERROR_NO_RESULT. */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_result_valid(const sdsprofile_checker* checker, int* out_valid);

/** Store in `*out_count` the number of diagnostics of the last result (at most
 *  max_diagnostics, plus one too-many-diagnostics warning). Errors as for
 *  sdsprofile_result_valid. */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_diagnostic_count(const sdsprofile_checker* checker, size_t* out_count);

/** Fill `*out` (owned by the caller) with diagnostic `index` (0-based, document order) of the
 *  last result; its strings belong to `checker` (see sdsprofile_diagnostic). Errors:
 *  SDSPROFILE_ERROR_NULL_ARGUMENT (null `checker` or `out`), SDSPROFILE_ERROR_NO_RESULT,
 *  SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE (`*out` is left unchanged). */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_diagnostic_get(const sdsprofile_checker* checker, size_t index,
                                                              sdsprofile_diagnostic* out);

/** Store in `*out_count` the number of edits of the fix of diagnostic `index` of the last result:
 *  0 when it has none (or it was held back: its hint then says why). Applying every edit of a
 *  fix, all at once, removes the finding without adding another. Errors:
 *  SDSPROFILE_ERROR_NULL_ARGUMENT (null `checker` or `out_count`), SDSPROFILE_ERROR_NO_RESULT,
 *  SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE (`index` >= sdsprofile_diagnostic_count()). */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_diagnostic_fix_count(const sdsprofile_checker* checker, size_t index,
                                                                    size_t* out_count);

/** Fill `*out` (owned by the caller) with edit `edit_index` (0-based, in offset order) of the fix
 *  of diagnostic `index` of the last result; its replacement belongs to `checker`. Errors:
 *  SDSPROFILE_ERROR_NULL_ARGUMENT (null `checker` or `out`), SDSPROFILE_ERROR_NO_RESULT,
 *  SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE (`index` or `edit_index` out of range; `*out` is left
 *  unchanged). */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_diagnostic_fix_edit(const sdsprofile_checker* checker, size_t index,
                                                                   size_t edit_index, sdsprofile_edit* out);

/** Store in `*out_json` and `*out_length` the expanded profile of the last sdsprofile_expand
 *  (UTF-8 JSON, not NUL-terminated; ends with '\n' unless compact), owned by `checker` and
 *  valid until its next check, expand or destroy. Length 0 (pointer non-null) when the input
 *  was invalid or the last call was sdsprofile_check. Errors: SDSPROFILE_ERROR_NULL_ARGUMENT
 *  (null `checker`, `out_json` or `out_length`), SDSPROFILE_ERROR_NO_RESULT. */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_expanded_json(const sdsprofile_checker* checker, const char** out_json,
                                                             size_t* out_length);

/* --- The CSV upload folder (docs/csv-rules.md) ------------------------------------------------ */

/** Opaque folder checker: owns its readers, ID sets and the result of its last check. */
typedef struct sdsprofile_csv_checker sdsprofile_csv_checker;

/** Which part of a folder check's result a diagnostic belongs to (the JSON Lines records). */
typedef enum sdsprofile_csv_part {
  SDSPROFILE_CSV_PART_PROFILE = 0, /**< the profile: its check, and the CSV rules about it */
  SDSPROFILE_CSV_PART_FOLDER = 1,  /**< the folder: a missing, misnamed or extra file */
  SDSPROFILE_CSV_PART_FILE = 2     /**< one of the six files (`file` names it) */
} sdsprofile_csv_part;

/** One diagnostic of a folder check, filled by sdsprofile_csv_diagnostic_get. Its positions are
 *  in its part's input (the profile, or the file); strings as in sdsprofile_diagnostic. */
typedef struct sdsprofile_csv_diagnostic {
  sdsprofile_diagnostic diagnostic; /**< severity, code, path, line, column, offset, message, hint */
  int part;                         /**< an sdsprofile_csv_part */
  const char* file;                 /**< PART_FILE: the file's name as found ("Student.csv",
                                         "student.csv"); length 0 otherwise */
  size_t file_length;
  const char* field; /**< the header the finding is about, or the missing column's name; length
                          0 when none */
  size_t field_length;
  int located; /**< 0: no place in its input (a missing file or column): line 1, column 1,
                    offset 0 */
} sdsprofile_csv_diagnostic;

/** Create a folder checker in `*out_checker` (owned by the caller: sdsprofile_csv_checker_destroy).
 *  Errors as for sdsprofile_checker_create. */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_csv_checker_create(sdsprofile_csv_checker** out_checker);

/** Release `checker` and everything it returned. Null is accepted and ignored. */
SDSPROFILE_EXPORT void sdsprofile_csv_checker_destroy(sdsprofile_csv_checker* checker);

/** Check the upload folder `directory` (`directory_length` bytes, a path) and, when `profile` is
 *  not null, the profile's `profile_length` bytes first and the folder against it. `options`
 *  (null: the defaults) give the profile's mode (update is taken as create), strict, the clock,
 *  and max_diagnostics and max_report_bytes, which apply to each part on its own; `jobs` (0 or 1:
 *  the calling thread only) threads check the files, the result the same for every value. The
 *  result stays in `checker` until its next check or destroy; files that cannot be read are
 *  sdsprofile_csv_read_error_get's. Errors: SDSPROFILE_ERROR_NULL_ARGUMENT (null `checker`, or a
 *  null `directory`), SDSPROFILE_ERROR_INVALID_OPTION, SDSPROFILE_ERROR_OUT_OF_MEMORY; after an
 *  error the checker holds no result. */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_check_csv_folder(sdsprofile_csv_checker* checker, const char* directory,
                                                                size_t directory_length, const char* profile,
                                                                size_t profile_length,
                                                                const sdsprofile_options* options, unsigned jobs);

/** Check a folder given as bytes: `files[i]` and `lengths[i]` for the six files in catalogue order
 *  (School, Section, Student, Teacher, StudentEnrollment, TeacherRoster); a null `files[i]` is an
 *  absent file (an empty one is a non-null pointer with length 0). The bytes are only read and
 *  need not outlive the call. Otherwise as sdsprofile_check_csv_folder; a null `files` or
 *  `lengths` is SDSPROFILE_ERROR_NULL_ARGUMENT. */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_check_csv_files(sdsprofile_csv_checker* checker,
                                                               const char* const* files, const size_t* lengths,
                                                               const char* profile, size_t profile_length,
                                                               const sdsprofile_options* options, unsigned jobs);

/** Store in `*out_valid` 1 when the last folder is valid (no error in any part, every file read;
 *  when strict, no diagnostic at all), else 0. Errors: SDSPROFILE_ERROR_NULL_ARGUMENT,
 *  SDSPROFILE_ERROR_NO_RESULT. */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_csv_result_valid(const sdsprofile_csv_checker* checker, int* out_valid);

/** Store in `*out_count` the number of diagnostics of the last result, over every part in order:
 *  the profile, the folder, then the six files. Errors as for sdsprofile_csv_result_valid. */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_csv_diagnostic_count(const sdsprofile_csv_checker* checker,
                                                                    size_t* out_count);

/** Fill `*out` with diagnostic `index` (in the order of sdsprofile_csv_diagnostic_count); its
 *  strings belong to `checker`. Errors: SDSPROFILE_ERROR_NULL_ARGUMENT, SDSPROFILE_ERROR_NO_RESULT,
 *  SDSPROFILE_ERROR_INDEX_OUT_OF_RANGE (`*out` is left unchanged). */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_csv_diagnostic_get(const sdsprofile_csv_checker* checker, size_t index,
                                                                  sdsprofile_csv_diagnostic* out);

/** Store in `*out_count` how many inputs of the last check could not be read (the folder, a file
 *  that is a directory or unreadable). Errors as for sdsprofile_csv_result_valid. */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_csv_read_error_count(const sdsprofile_csv_checker* checker,
                                                                    size_t* out_count);

/** Store in `*out_message` and `*out_length` read error `index`: "cannot read 'NAME': REASON",
 *  owned by `checker`. Errors as for sdsprofile_csv_diagnostic_get. */
SDSPROFILE_EXPORT sdsprofile_status sdsprofile_csv_read_error_get(const sdsprofile_csv_checker* checker, size_t index,
                                                                  const char** out_message, size_t* out_length);

#ifdef __cplusplus
}
#endif

#endif /* SDSPROFILE_SDSPROFILE_H */
