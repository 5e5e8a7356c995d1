/* C through pkg-config: prints the last diagnostic of a known input. */
#include <sdsprofile/sdsprofile.h>

#include <stdio.h>
#include <string.h>

int main(void) {
  const char* body = "{\"displayName\": 5}";
  sdsprofile_checker* checker = NULL;
  size_t count = 0;
  int valid = 1;
  sdsprofile_diagnostic d;
  if (sdsprofile_checker_create(&checker) != SDSPROFILE_OK) return 1;
  if (sdsprofile_check(checker, body, strlen(body), NULL) != SDSPROFILE_OK) return 1;
  sdsprofile_diagnostic_count(checker, &count);
  sdsprofile_result_valid(checker, &valid);
  if (count == 0 || sdsprofile_diagnostic_get(checker, count - 1, &d) != SDSPROFILE_OK) return 1;
  printf("pkgconfig_c: %s %u %.*s %.*s %u:%u %s\n", sdsprofile_version(), (unsigned)count, (int)d.code_length, d.code,
         (int)d.path_length, d.path, (unsigned)d.line, (unsigned)d.column, valid ? "valid" : "invalid");
  sdsprofile_checker_destroy(checker);
  return 0;
}
