// fuzz_csv_reader: the CSV reader (lib/src/csv_reader.hpp) on arbitrary bytes. Byte 0 selects the
// number of fields stored per record (bit 3 set: 1 + bits 0-2; else the default); the rest is the
// file. Oracles (fuzz/README.md): every field lies inside the input, where its offset says, and
// offsets strictly increase; every line and column agrees with its offset by the line-end rule of
// docs/rules.md "Vocabulary", computed here on its own; the scalar and SSE2 kernels give the same
// records, fields and failure; and a plain byte-by-byte reader written here from RFC 4180 and
// docs/csv-rules.md gives the same records, field values (doubled quotes undone), blank lines and
// failure, at the same offsets.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csv_reader.hpp"
#include "fuzz_support.hpp"

namespace {

using sdsprofile::detail::csv_failure;
using sdsprofile::detail::csv_field;
using sdsprofile::detail::csv_kernel;
using sdsprofile::detail::csv_position;
using sdsprofile::detail::csv_reader;
using sdsprofile::fuzz::fail;

/// A field as the reference reader sees it.
struct plain_field {
  std::size_t offset = 0;
  std::string value;
  bool quoted = false;
  bool operator==(const plain_field&) const = default;
};

/// A record as the reference reader sees it.
struct plain_record {
  std::size_t offset = 0;
  bool blank = false;
  std::vector<plain_field> fields;  // every field, stored or not
  bool operator==(const plain_record&) const = default;
};

/// What a whole file gives.
struct plain_result {
  std::vector<plain_record> records;
  csv_failure failure = csv_failure::none;
  std::size_t failure_field = 0, failure_at = 0;  // offsets
  bool operator==(const plain_result&) const = default;
};

/// Length of the UTF-8 sequence at text[i], or 0 when it is not well formed (RFC 3629 section 4:
/// no overlong forms, no surrogates, nothing above U+10FFFF), decoded rather than matched.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  std::uint32_t code_point = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code_point = code_point << 6 | (byte(i + k) & 0x3F);
  }
  static constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < smallest[length] || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF))
    return 0;
  return length;
}

/// The reference reader: one byte at a time, no index, no kernel.
plain_result read_plainly(std::string_view s) {
  plain_result out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t length = utf8_sequence(s, i);
    if (length == 0) return {{}, csv_failure::encoding, i, i};
    i += length;
  }
  const auto line_end_length = [&s](std::size_t at) {
    return s[at] == '\r' && at + 1 < s.size() && s[at + 1] == '\n' ? 2 : 1;
  };
  const auto stop = [&out](csv_failure f, std::size_t field, std::size_t at) {
    out.failure = f;
    out.failure_field = field;
    out.failure_at = at;
    return out;
  };
  std::size_t pos = s.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (pos < s.size()) {
    plain_record record{.offset = pos, .blank = false, .fields = {}};
    if (s[pos] == '\r' || s[pos] == '\n') {
      record.blank = true;
      pos += line_end_length(pos);
      out.records.push_back(record);
      continue;
    }
    for (;;) {
      plain_field field{.offset = pos, .value = {}, .quoted = pos < s.size() && s[pos] == '"'};
      std::size_t i = pos;
      if (field.quoted) {
        for (++i;; ++i) {
          if (i >= s.size()) return stop(csv_failure::unterminated_quote, pos, pos);
          if (s[i] != '"') {
            field.value += s[i];
          } else if (i + 1 < s.size() && s[i + 1] == '"') {
            field.value += '"';
            ++i;
          } else {
            ++i;
            break;
          }
        }
        if (i < s.size() && s[i] != ',' && s[i] != '\r' && s[i] != '\n')
          return stop(csv_failure::text_after_closing_quote, pos, i);
      } else {
        while (i < s.size() && s[i] != ',' && s[i] != '\r' && s[i] != '\n' && s[i] != '"') field.value += s[i++];
        if (i < s.size() && s[i] == '"') return stop(csv_failure::quote_in_unquoted_field, pos, i);
      }
      record.fields.push_back(field);
      pos = i;
      if (pos < s.size() && s[pos] == ',') {
        ++pos;
        continue;
      }
      if (pos < s.size()) pos += line_end_length(pos);
      break;
    }
    out.records.push_back(record);
  }
  return out;
}

/// The start of every line: after each LF, and after each CR that no LF follows.
std::vector<std::size_t> line_starts(std::string_view s) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) starts.push_back(i + 1);
  return starts;
}

void check_position(const std::vector<std::size_t>& starts, const csv_position& p, std::string_view what) {
  const auto after = std::upper_bound(starts.begin(), starts.end(), p.offset);
  const auto line = static_cast<std::size_t>(after - starts.begin());
  if (p.line != line || p.column != p.offset - *(after - 1) + 1)
    fail(what, "line or column disagrees with the offset: " + std::to_string(p.offset) + " at " +
                   std::to_string(p.line) + ":" + std::to_string(p.column) + ", expected line " + std::to_string(line));
}

/// The oracles on one field of the reader's output.
void check_field(std::string_view input, const csv_field& f, const csv_position& at, std::string_view value) {
  const char* const begin = input.data();
  const char* const end = begin + input.size();
  if (f.text.data() < begin || f.text.data() + f.text.size() > end || at.offset >= input.size() + 1)
    fail("field outside the input");
  const std::size_t text_offset = static_cast<std::size_t>(f.text.data() - begin);
  if (f.quoted) {
    if (text_offset != at.offset + 1 || input[at.offset] != '"' || text_offset + f.text.size() >= input.size() ||
        input[text_offset + f.text.size()] != '"')
      fail("a quoted field's text is not between its quotes");
  } else if (text_offset != at.offset) {
    fail("an unquoted field's text does not start at its offset");
  }
  if (f.line_break != (f.text.find_first_of("\r\n") != std::string_view::npos))
    fail("line_break disagrees with the text");
  if (f.doubled_quotes != (f.quoted && f.text.find('"') != std::string_view::npos))
    fail("doubled_quotes disagrees with the text");
  if (!f.doubled_quotes && value.data() != f.text.data()) fail("value() copied a field that needed no unescaping");
}

/// Reads `input` with `kernel`; checks the per-field oracles; returns what it read, as the
/// reference reader would say it (fields past max_fields come from the reference).
plain_result read_with(std::string_view input, csv_kernel kernel, std::size_t max_fields,
                       const std::vector<std::size_t>& starts, const plain_result& reference) {
  csv_reader reader(kernel, max_fields);
  reader.reset(input);
  plain_result out;
  std::optional<std::size_t> last_offset;
  while (reader.next()) {
    const auto& r = reader.record();
    check_position(starts, r.at, "record position");
    plain_record record{.offset = r.at.offset, .blank = r.blank, .fields = {}};
    if (r.fields.size() != std::min(r.field_count, max_fields)) fail("stored fields are not min(count, max_fields)");
    for (const csv_field& f : r.fields) {
      const std::string_view value = reader.value(f);
      const csv_position at = reader.position(f);
      check_field(input, f, at, value);
      check_position(starts, at, "field position");
      if (last_offset && at.offset <= *last_offset) fail("field offsets do not strictly increase");
      last_offset = at.offset;
      record.fields.push_back({at.offset, std::string(value), f.quoted});
    }
    // Fields past the cap are counted only: take them from the reference, if it has them.
    const std::size_t index = out.records.size();
    for (std::size_t k = r.fields.size(); k < r.field_count; ++k)
      if (index < reference.records.size() && k < reference.records[index].fields.size())
        record.fields.push_back(reference.records[index].fields[k]);
    out.records.push_back(std::move(record));
  }
  const auto& e = reader.error();
  out.failure = e.failure;
  out.failure_field = e.field.offset;
  out.failure_at = e.at.offset;
  if (e.failure != csv_failure::none) {
    check_position(starts, e.field, "failure field position");
    check_position(starts, e.at, "failure position");
    if (e.at.offset < e.field.offset) fail("the offending byte comes before its field");
  }
  if (reader.next()) fail("next() after the end gave a record");
  return out;
}

std::string describe(const plain_result& r) {
  std::string out = "records: " + std::to_string(r.records.size()) + ", failure " +
                    std::to_string(static_cast<int>(r.failure)) + " at " + std::to_string(r.failure_field) + "/" +
                    std::to_string(r.failure_at);
  for (const plain_record& record : r.records) {
    out += "\n  @" + std::to_string(record.offset) + (record.blank ? " blank" : "") + ":";
    for (const plain_field& f : record.fields)
      out += " [" + std::to_string(f.offset) + (f.quoted ? " q " : " ") + f.value + "]";
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = sdsprofile::fuzz::split_input(data, size);
  const std::size_t max_fields =
      (input.selector & 0x08U) != 0 ? 1 + (input.selector & 0x07U) : csv_reader::default_max_fields;
  const std::vector<std::size_t> starts = line_starts(input.document);
  const plain_result reference = read_plainly(input.document);
  const plain_result sse2 = read_with(input.document, csv_kernel::sse2, max_fields, starts, reference);
  const plain_result scalar = read_with(input.document, csv_kernel::scalar, max_fields, starts, reference);
  if (sse2 != scalar) fail("the scalar and SSE2 kernels disagree", describe(sse2) + "\nscalar " + describe(scalar));
  if (sse2 != reference)
    fail("the reader disagrees with the reference reader", describe(sse2) + "\nreference " + describe(reference));
  return 0;
}
