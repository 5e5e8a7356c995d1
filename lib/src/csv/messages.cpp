// The words of every CSV finding (csv/messages.hpp). One overload of `words` per finding kind,
// grouped as the catalogue groups the codes (docs/csv-rules.md "Catalogue").
#include "csv/messages.hpp"

#include <fmt/format.h>

#include <iterator>
#include <span>

#include "engine/messages.hpp"
#include "text_rules.hpp"

namespace sdsprofile::csv {
namespace {

// Pieces formatted straight into the output.
struct quoted_list {  // "a", "b" or "c"
  std::span<const std::string_view> items;
};
struct iso_date {  // YYYY-MM-DD
  detail::civil_date date;
};
struct code_point {  // U+0009
  std::uint32_t value;
};

}  // namespace
}  // namespace sdsprofile::csv

template <>
struct fmt::formatter<sdsprofile::csv::excerpt> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::csv::excerpt& e, format_context& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{}{}", e.text, e.cut ? "\u2026" : "");
  }
};

template <>
struct fmt::formatter<sdsprofile::csv::quoted_list> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::csv::quoted_list& l, format_context& ctx) const -> decltype(ctx.out()) {
    auto out = ctx.out();
    for (std::size_t i = 0; i < l.items.size(); ++i)
      out = fmt::format_to(out, "{}\"{}\"", i == 0 ? "" : (i + 1 == l.items.size() ? " or " : ", "), l.items[i]);
    return out;
  }
};

template <>
struct fmt::formatter<sdsprofile::csv::iso_date> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::csv::iso_date& d, format_context& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "{:04}-{:02}-{:02}", d.date.year, d.date.month, d.date.day);
  }
};

template <>
struct fmt::formatter<sdsprofile::csv::code_point> : fmt::formatter<std::string_view> {
  auto format(const sdsprofile::csv::code_point& c, format_context& ctx) const -> decltype(ctx.out()) {
    return fmt::format_to(ctx.out(), "U+{:04X}", c.value);
  }
};

namespace sdsprofile::csv {
namespace {

using detail::csv_failure;

// Formats into `out`, reusing its capacity.
template <typename... Args>
void put(std::string& out, fmt::format_string<Args...> format, Args&&... args) {
  out.clear();
  fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
}

// Everything a kind's words need, by reference.
struct out {
  const word_context& ctx;
  std::string& message;
  std::string& hint;
};

std::string_view file_name(const word_context& ctx, std::size_t file) { return ctx.tables.files[file].name; }

// The columns of `file` that `rule` marks, for a hint that lists them.
std::string columns_with(const file_def& file, std::uint32_t rule) {
  std::string list;
  for (const column_def& c : file.columns)
    if ((c.rules & rule) != 0) list += fmt::format("{}\"{}\"", list.empty() ? "" : ", ", c.name);
  return list;
}

// --- The folder -----------------------------------------------------------------------------------

void words(const finding::file_missing& f, out o) {
  put(o.message, "{} is missing; the upload folder needs all six files.", file_name(o.ctx, f.file));
  put(o.hint, "Add {}: its header row alone is enough when it has no data.", file_name(o.ctx, f.file));
}
void words(const finding::file_name_case& f, out o) {
  put(o.message, "\"{}\" is {} only ignoring case; file names are exact.", f.found, file_name(o.ctx, f.file));
  put(o.hint, "Rename it to \"{}\".", file_name(o.ctx, f.file));
}
void words(const finding::extra_file& f, out o) {
  if (f.directory)
    put(o.message, "The directory \"{}\" is no part of the upload folder, which holds the six files only.", f.name);
  else
    put(o.message, "\"{}\" is not one of the six files of the upload folder; it would be uploaded too.", f.name);
  put(o.hint, "Move it out of the folder.");
}

// --- File set and syntax ------------------------------------------------------------------------

void words(const finding::encoding&, out o) {
  put(o.message, "The file is not valid UTF-8 (this is its first invalid byte), so nothing else in it was checked.");
  put(o.hint, "Save it as UTF-8; was it saved as Windows-1252, Latin-1 or UTF-16?");
}
void words(const finding::bom&, out o) {
  put(o.message, "A UTF-8 byte order mark starts the file; it was skipped.");
  put(o.hint, "Save the file as UTF-8 without BOM.");
}
void words(const finding::syntax& f, out o) {
  switch (f.what) {
    case csv_failure::unterminated_quote:
      put(o.message, "This quoted field has no closing quote; the rest of the file was not checked.");
      put(o.hint, "Close the quote, and double every quote inside the field (\"\").");
      return;
    case csv_failure::quote_in_unquoted_field:
      put(o.message,
          "This field holds a quote (at line {}, column {}) but does not start with one; the rest of the file was "
          "not checked.",
          f.line, f.column);
      put(o.hint, "Enclose the field in quotes and double the quote inside it (\"\").");
      return;
    case csv_failure::text_after_closing_quote:
      put(o.message,
          "Text follows the closing quote of this field (at line {}, column {}); the rest of the file was not "
          "checked.",
          f.line, f.column);
      put(o.hint, "Double a quote meant inside the field (\"\"), or end the field at its closing quote.");
      return;
    case csv_failure::none:
    case csv_failure::encoding:
      break;
  }
  put(o.message, "This field is not RFC 4180 CSV; the rest of the file was not checked.");
}
void words(const finding::line_break_in_field& f, out o) {
  put(o.message, "This value of \"{}\" holds a line break.", f.column);
  put(o.hint, "Write the value on one line.");
}
void words(const finding::field_count& f, out o) {
  put(o.message, "This record has {} field{}, but the header has {}; its values were not checked.", f.fields,
      f.fields == 1 ? "" : "s", f.expected);
  put(o.hint, "Give every record one field per column, and quote values that hold a comma.");
}
void words(const finding::blank_line&, out o) {
  put(o.message, "An empty line.");
  put(o.hint, "Remove it.");
}
void words(const finding::too_many_rows& f, out o) {
  put(o.message,
      "The file has more than {} data rows, the most SDS reads from one file; this is the first row past "
      "the limit.",
      f.limit);
  put(o.hint, "Split the schools over more than one sync profile.");
}

// --- Headers ---------------------------------------------------------------------------------------

void words(const finding::header_missing& f, out o) {
  put(o.message, "{}",
      f.blank_lines ? "The file holds only empty lines: it has no header row."
                    : "The file is empty: it has no header row.");
  put(o.hint, "Write the header row (the column names), even when the file has no data.");
}
void words(const finding::required_column_missing& f, out o) {
  put(o.message, "{} has no \"{}\" column, which is required.", f.file->name, f.column);
  put(o.hint, "The required columns of {} are {}.", f.file->name, columns_with(*f.file, rules::required));
}
void words(const finding::duplicate_column& f, out o) {
  put(o.message, "\"{}\" names the column \"{}\" a second time (the first is at column {}).", f.header, f.column,
      f.first_column);
  put(o.hint, "Keep one \"{}\" column.", f.column);
}
void words(const finding::header_case& f, out o) {
  put(o.message, "\"{}\" is the column \"{}\" only after ignoring case and white space; headers are exact.", f.header,
      f.exact);
  put(o.hint, "Write \"{}\".", f.exact);
}
void words(const finding::unknown_column& f, out o) {
  put(o.message, "\"{}\" is not a column of {}; its values are not synced.", f.header, f.file->name);
  if (f.uk_format) {
    put(o.hint, "\"{}\" is a header of the UK format, which is not the SDS format that profiles sync.", f.header);
    return;
  }
  const std::string_view name = f.header.text;
  auto near = detail::nearest_name(name, f.file->columns, [](const column_def& c) { return c.name; });
  if (!near)  // a name that only ends like a real one ("Email" for "Secondary Email")
    for (const column_def& c : f.file->columns)
      if ((c.rules & rules::deprecated) == 0 && detail::folded_ends_with(c.name, name)) {
        near = c.name;
        break;
      }
  if (near) put(o.hint, "Did you mean \"{}\"?", *near);
}
void words(const finding::deprecated_column& f, out o) {
  put(o.message, "\"{}\" is a student column SDS stopped writing in December 2018: it is uploaded, never written.",
      f.column);
  put(o.hint, "Remove the column.");
}

// --- Values --------------------------------------------------------------------------------------

void words(const finding::required_value_missing& f, out o) {
  put(o.message, "\"{}\" is required, but this row {}.", f.column,
      f.white_space ? "holds only white space in it" : "leaves it empty");
  put(o.hint, "Give every row its \"{}\".", f.column);
}
void words(const finding::id_format& f, out o) {
  const bool control = f.character < 0x20 || (f.character >= 0x7F && f.character <= 0x9F);
  put(o.message, "\"{}\" in \"{}\" holds {} ({}); an ID may hold neither white space nor control characters.", f.value,
      f.column, control ? "a control character" : "white space", code_point{f.character});
  const std::string_view trimmed = detail::trim_white_space(f.value.text);
  if (!f.value.cut && !trimmed.empty() && trimmed.size() != f.value.text.size() &&
      id_format_problem(trimmed) == std::string_view::npos)
    put(o.hint, "Write \"{}\".", trimmed);
  else
    put(o.hint, "Remove the white space and control characters from the ID.");
}
void words(const finding::section_alias& f, out o) {
  switch (f.problem.problem) {
    case alias_problem::too_long:
      put(o.message,
          "The section's group would get the mail alias \"Section_{}\", which is too long: this SIS ID has {} bytes, "
          "at most {} fit.",
          f.value, f.bytes, o.ctx.tables.figures.section_alias_max_bytes);
      break;
    case alias_problem::non_ascii:
      put(o.message, "The section's group would get the mail alias \"Section_{}\", which may hold ASCII only.",
          f.value);
      break;
    case alias_problem::character:
    case alias_problem::none:
      put(o.message, "The section's group would get the mail alias \"Section_{}\", which may not hold '{}'.", f.value,
          f.problem.character);
      break;
  }
  put(o.hint, "Use section SIS IDs of ASCII letters, digits, '-', '_' and '.' only, at most {} bytes long.",
      o.ctx.tables.figures.section_alias_max_bytes);
}
void words(const finding::whitespace& f, out o) {
  put(o.message, "\"{}\" in \"{}\" starts or ends with white space.", f.value, f.column);
  if (!f.value.cut) put(o.hint, "Write \"{}\".", detail::trim_white_space(f.value.text));
}
void words(const finding::special_characters& f, out o) {
  if (f.replaced) {
    put(o.message, "\"{}\" in \"{}\" holds '{}', which SDS writes as '_' (handleSpecialCharacterConstraint).", f.value,
        f.column, f.character);
    put(o.hint, "Remove '{}' to keep the name as written.", f.character);
  } else {
    put(o.message, "\"{}\" in \"{}\" holds '{}', a character SDS does not accept in names.", f.value, f.column,
        f.character);
    put(o.hint, "Remove '{}', or set handleSpecialCharacterConstraint to true in the profile to have SDS write '_'.",
        f.character);
  }
}
void words(const finding::value_too_long& f, out o) {
  put(o.message, "This value of \"{}\" has {} characters; at most {} fit.", f.column, f.characters, f.limit);
  put(o.hint, "Shorten it to {} characters.", f.limit);
}
void words(const finding::duplicate_id& f, out o) {
  put(o.message, "The {} \"{}\" appears again in this file; SDS keeps one record per ID.", f.column, f.value);
  put(o.hint, "Give each record an ID of its own, or remove the repeated record.");
}
void words(const finding::duplicate_username& f, out o) {
  put(o.message, "The Username \"{}\" appears again in this file (ignoring case).", f.value);
  put(o.hint, "Give each user a username of their own.");
}
void words(const finding::invalid_date& f, out o) {
  put(o.message, "\"{}\" in \"{}\" is not a real date written YYYY-MM-DD, YYYYMMDD or M/D/YYYY.", f.value, f.column);
  if (f.suggestion) put(o.hint, "Write \"{}\".", iso_date{*f.suggestion});
}
void words(const finding::date_not_iso& f, out o) {
  put(o.message, "\"{}\" in \"{}\" is written M/D/YYYY; SDS recommends ISO 8601 (the first such date of the column).",
      f.value, f.column);
  put(o.hint, "Write \"{}\".", iso_date{f.date});
}
void words(const finding::date_format_mixed& f, out o) {
  put(o.message, "\"{}\" in \"{}\" is written {}, but the column's first date is written {}.", f.value, f.column,
      f.form, f.first_form);
  put(o.hint, "Write every date of the column one way, YYYY-MM-DD.");
}
void words(const finding::term_dates_reversed& f, out o) {
  put(o.message, "The Term EndDate \"{}\" is before the Term StartDate \"{}\".", f.end, f.start);
  put(o.hint, "Swap the two dates, or correct one of them.");
}
void words(const finding::email_syntax& f, out o) {
  put(o.message, "\"{}\" in \"{}\" is not an e-mail address (local@domain).", f.value, f.column);
  put(o.hint, "Write the whole address, such as \"name@contoso.edu\".");
}

// --- References between files -----------------------------------------------------------------------

void words(const finding::dangling_reference& f, out o) {
  put(o.message, "The {} \"{}\" is not in {}; SDS reports it as referenced data not found in source.", f.column,
      f.value, f.target->name);
  put(o.hint, "Add it to {}, or remove this row.", f.target->name);
}
void words(const finding::dangling_school& f, out o) {
  put(o.message, "The School SIS ID \"{}\" is not in School.csv.", f.value);
  put(o.hint, "Add the school to School.csv, or correct the ID.");
}

// --- The folder against the profile ---------------------------------------------------------------

void words(const finding::not_csv_provider& f, out o) {
  if (!f.has_provider)
    put(o.message, "The profile has no dataProvider, so the folder is not checked against it.");
  else if (f.type.text.empty())
    put(o.message, "The profile's dataProvider has no @odata.type, so the folder is not checked against it.");
  else
    put(o.message,
        "The profile's dataProvider is \"{}\", not an educationCsvDataProvider: the folder is not checked "
        "against it.",
        f.type);
  put(o.hint, "Give the CSV profile that syncs this folder, or check the folder without --profile.");
}
void words(const finding::enabled_column_missing& f, out o) {
  put(o.message, "The profile syncs \"{}\" of {} (optionalPropertiesToSync), but the file has no such column.",
      f.column, f.entity);
  put(o.hint, "Add the column, or remove \"{}\" from optionalPropertiesToSync.", f.column);
}
void words(const finding::enabled_column_empty& f, out o) {
  put(o.message, "The profile syncs \"{}\" of {} (optionalPropertiesToSync), but {} row{} leave{} it empty.", f.column,
      f.entity, f.rows, f.rows == 1 ? "" : "s", f.rows == 1 ? "s" : "");
  put(o.hint, "Fill in the column, or remove \"{}\" from optionalPropertiesToSync.", f.column);
}
void words(const finding::role_without_domain& f, out o) {
  put(o.message,
      "The file has {} rows, but the profile's userDomains has no \"{}\" entry, so SDS cannot create "
      "their accounts.",
      f.role, f.role);
  put(o.hint, "Add a userDomains entry with \"appliesTo\": \"{}\".", f.role);
}
void words(const finding::username_has_domain& f, out o) {
  if (f.domain.empty())
    put(o.message, "The Username \"{}\" holds '@'; SDS appends the domain itself.", f.value);
  else
    put(o.message, "The Username \"{}\" holds '@'; SDS appends \"@{}\" itself.", f.value, f.domain);
  const std::string_view text = f.value.text;
  put(o.hint, "Write the part before '@', \"{}\".", text.substr(0, text.find('@')));
}
void words(const finding::upn_invalid& f, out o) {
  const rule_figures& figures = o.ctx.tables.figures;
  switch (f.problem) {
    case upn_problem::character:
      put(o.message, "The Username \"{}\" holds '{}', which a user principal name may not hold.", f.value, f.character);
      put(o.hint, "Use letters, digits and ' . - _ ! # ^ ~ only.");
      return;
    case upn_problem::trailing_dot:
      put(o.message,
          "The Username \"{}\" ends with '.', which may not stand right before the '@' of a user "
          "principal name.",
          f.value);
      put(o.hint, "Remove the final '.'.");
      return;
    case upn_problem::too_long:
      put(o.message, "The Username \"{}\" has {} characters; a user principal name holds at most {} before '@'.",
          f.value, f.length, figures.max_username_characters);
      break;
    case upn_problem::upn_too_long:
      put(o.message, "The Username \"{}\" makes a user principal name of {} characters with \"@{}\"; at most {} fit.",
          f.value, f.length, f.domain, figures.max_upn_characters);
      break;
    case upn_problem::none:
      break;
  }
  put(o.hint, "Shorten the username.");
}
void words(const finding::password_policy& f, out o) {
  const rule_figures& figures = o.ctx.tables.figures;
  switch (f.problem.problem) {
    case password_problem::non_ascii:
      put(o.message, "This password holds characters outside ASCII, which the Entra ID password policy rejects.");
      break;
    case password_problem::too_short:
      put(o.message, "This password has {} characters; the Entra ID password policy requires at least {}.",
          f.problem.count, figures.password_min);
      break;
    case password_problem::too_long:
      put(o.message, "This password has {} characters; the Entra ID password policy allows at most {}.",
          f.problem.count, figures.password_max);
      break;
    case password_problem::classes:
    case password_problem::none:
      put(o.message,
          "This password uses {} of the four character classes (lower case, upper case, digits, symbols); the Entra "
          "ID password policy requires {}.",
          f.problem.count, figures.password_min_classes);
      break;
  }
  put(o.hint, "Choose a password of {} to {} ASCII characters from at least {} of the four classes.",
      figures.password_min, figures.password_max, figures.password_min_classes);
}
void words(const finding::matching_column_missing& f, out o) {
  put(o.message, "The profile matches {}s on \"{}\", but {} has no such column.", f.role, f.column, f.file->name);
  put(o.hint, "Add the \"{}\" column, or match on a column the file has.", f.column);
}
void words(const finding::matching_source_unsupported& f, out o) {
  put(o.message, "SDS matches {}s on {}, not on \"{}\".", f.role, quoted_list{f.supported}, f.source);
  put(o.hint, "Use one of {}.", quoted_list{f.supported});
}
void words(const finding::matching_value_missing& f, out o) {
  put(o.message, "\"{}\", the matching column, is empty in this row, so the user cannot be matched.", f.column);
  put(o.hint, "Give every user a value in \"{}\".", f.column);
}
void words(const finding::matching_value_format& f, out o) {
  switch (f.problem) {
    case finding::matching_problem::white_space:
      put(o.message, "\"{}\" in \"{}\" holds white space or a control character, so it cannot match exactly.", f.value,
          f.column);
      put(o.hint, "Remove the white space.");
      return;
    case finding::matching_problem::domain_twice:
      put(o.message, "\"{}\" in \"{}\" already holds '@', and the profile appends \"@{}\" to it.", f.value, f.column,
          f.target_domain);
      put(o.hint, "Write the part before '@', or remove targetDomain from the matching option.");
      return;
    case finding::matching_problem::no_domain:
      put(o.message, "\"{}\" in \"{}\" has no domain, but without targetDomain it is matched as it stands against {}.",
          f.value, f.column, f.target);
      put(o.hint, "Write the whole address, or set targetDomain in the matching option.");
      return;
    case finding::matching_problem::not_email:
      put(o.message, "\"{}\" in \"{}\" is not an e-mail address, which matching on Secondary Email needs.", f.value,
          f.column);
      put(o.hint, "Write the whole address, such as \"name@contoso.edu\".");
      return;
    case finding::matching_problem::email_with_domain:
      put(o.message,
          "Matching on \"{}\" takes the domain from the value, but the profile also sets targetDomain \"{}\".",
          f.column, f.target_domain);
      put(o.hint, "Remove targetDomain from the matching option.");
      return;
  }
}
void words(const finding::matching_duplicate_key& f, out o) {
  put(o.message,
      "Another row of this file gives the same matching key, \"{}\" (ignoring case): both would match one "
      "user.",
      f.key);
  put(o.hint, "Give each user a matching value of their own.");
}
void words(const finding::role_without_matching& f, out o) {
  put(o.message,
      "The file has {} rows, but the profile's matchingOptions has no \"{}\" entry, so SDS cannot match "
      "them.",
      f.role, f.role);
  put(o.hint, "Add a matchingOptions entry with \"appliesTo\": \"{}\".", f.role);
}
void words(const finding::too_many_diagnostics& f, out o) {
  engine::word_too_many_diagnostics(f.by_report_bytes, o.ctx.max_diagnostics, o.ctx.max_report_bytes, o.message,
                                    o.hint);
}

}  // namespace

void word(const payload& p, const word_context& ctx, std::string& message, std::string& hint) {
  message.clear();
  hint.clear();
  std::visit([&](const auto& f) { words(f, out{ctx, message, hint}); }, p);
}

}  // namespace sdsprofile::csv
