/* Check one body through the C API and print its diagnostics (docs/embedding.md).
 * Built as C99 and run by ctest (tests/CMakeLists.txt), so it always compiles against the API. */
#include <sdsprofile/sdsprofile.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: c_example FILE\n");
    return 2;
  }
  FILE* file = fopen(argv[1], "rb");
  if (file == NULL) return 2;
  static char body[1 << 20]; /* this example reads at most 1 MiB */
  const size_t length = fread(body, 1, sizeof body, file);
  fclose(file);

  sdsprofile_checker* checker = NULL; /* one per thread; reuse it for many documents */
  if (sdsprofile_checker_create(&checker) != SDSPROFILE_OK) return 2;
  sdsprofile_options options;
  sdsprofile_options_init(&options); /* create mode, 4 MiB, depth 64, 1000 diagnostics */
  options.has_now = 1;
  sdsprofile_parse_rfc3339("2026-01-15T00:00:00Z", 20, &options.now_unix_seconds);

  const sdsprofile_status status = sdsprofile_check(checker, body, length, &options);
  if (status != SDSPROFILE_OK) {
    fprintf(stderr, "sdsprofile_check: %s (%s)\n", sdsprofile_status_message(status), sdsprofile_last_error());
    sdsprofile_checker_destroy(checker);
    return 2;
  }
  size_t count = 0;
  sdsprofile_diagnostic_count(checker, &count);
  for (size_t i = 0; i < count; ++i) {
    sdsprofile_diagnostic d;
    sdsprofile_diagnostic_get(checker, i, &d); /* strings: (pointer, length), owned by the checker */
    printf("%u:%u %s %.*s at \"%.*s\": %.*s\n", (unsigned)d.line, (unsigned)d.column,
           d.severity == SDSPROFILE_SEVERITY_ERROR ? "error" : "warning", (int)d.code_length, d.code,
           (int)d.path_length, d.path, (int)d.message_length, d.message);
  }
  int valid = 0;
  sdsprofile_result_valid(checker, &valid);
  printf("%s\n", valid ? "valid" : "invalid");
  sdsprofile_checker_destroy(checker);
  return valid ? 0 : 1;
}
