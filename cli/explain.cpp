#include "explain.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "render.hpp"
#include "sdsprofile/codes.hpp"
#include "sdsprofile/policy.hpp"

namespace sdsprofile::cli {

extern const std::string_view k_codes_json;  // schemas/codes.json (generated codes_text.cpp)

namespace {

// One code's entry of schemas/codes.json. A profile code's example is a body (`example_body`); a
// CSV code's is a folder: its files, the profile given with --profile, and for bytes that are not
// UTF-8 or files too long to write out, `latin1` (each character written as one byte) and a line
// repeated at the end of one file.
struct explanation {
  std::string trigger, why, example_args, example_body, fix, source;
  bool folder = false;
  std::vector<std::pair<std::string, std::string>> files;  // name, text
  std::string profile;                                     // empty: none
  bool latin1 = false;
  std::string repeat_file, repeat_line;
  std::uint64_t repeat_times = 0;
  std::string example_json;  // the example as written in codes.json, minified
};

// A CSV code's example folder, from its entry's "example".
void read_folder_example(simdjson::dom::element example, explanation& x) {
  const auto text = [](simdjson::dom::element e, const char* key) {
    std::string_view v;
    return e[key].get_string().get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
  };
  x.folder = true;
  x.example_json = simdjson::minify(example);
  simdjson::dom::object files;
  if (example["files"].get_object().get(files) == simdjson::SUCCESS)
    for (const auto field : files) {
      std::string_view v;
      if (field.value.get_string().get(v) == simdjson::SUCCESS) x.files.emplace_back(field.key, v);
    }
  x.profile = text(example, "profile");
  bool latin1 = false;
  x.latin1 = example["latin1"].get_bool().get(latin1) == simdjson::SUCCESS && latin1;
  simdjson::dom::element repeat;
  if (example["repeat"].get(repeat) == simdjson::SUCCESS) {
    x.repeat_file = text(repeat, "file");
    x.repeat_line = text(repeat, "line");
    std::uint64_t times = 0;
    if (repeat["times"].get_uint64().get(times) == simdjson::SUCCESS) x.repeat_times = times;
  }
}

// The entries by code name, read once. The file is the build's own, checked by the tests, so a
// parse failure is a bug: it leaves the map empty and explain then says there is no entry.
const std::map<std::string, explanation, std::less<>>& explanations() {
  static const auto table = [] {
    std::map<std::string, explanation, std::less<>> by_name;
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.parse(k_codes_json.data(), k_codes_json.size()).get(doc) != simdjson::SUCCESS) return by_name;
    simdjson::dom::array codes;
    if (doc["codes"].get_array().get(codes) != simdjson::SUCCESS) return by_name;
    const auto text = [](simdjson::dom::element e, const char* key) {
      std::string_view v;
      return e[key].get_string().get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
    };
    for (simdjson::dom::element c : codes) {
      explanation x;
      x.trigger = text(c, "trigger");
      x.why = text(c, "why");
      x.fix = text(c, "fix");
      x.source = text(c, "source");
      simdjson::dom::element example;
      if (c["example"].get(example) == simdjson::SUCCESS) {
        x.example_args = text(example, "args");
        x.example_body = text(example, "body");
        if (example["files"].error() == simdjson::SUCCESS) read_folder_example(example, x);
      }
      by_name.emplace(text(c, "code"), std::move(x));
    }
    return by_name;
  }();
  return table;
}

std::string example_command(const explanation& x) {
  if (x.folder)
    return "sdsprofile check-csv " + (x.example_args.empty() ? std::string() : x.example_args + " ") + "DIR";
  return "sdsprofile check " + (x.example_args.empty() ? std::string() : x.example_args + " ") + "-";
}

// The example folder as text, each line after `indent`: every file of DIR with its lines, then the
// profile.
std::string folder_example_text(const explanation& x, std::string_view indent) {
  std::string out;
  if (x.files.empty()) out.append(indent).append("DIR: empty\n");
  for (const auto& [name, text] : x.files) {
    out.append(indent).append("DIR/").append(name).append(x.latin1 ? " (in Latin-1):" : ":");
    if (text.empty()) out.append(" empty");
    out += '\n';
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t end = text.find('\n', at);
      const std::string_view line = std::string_view(text).substr(at, end == std::string::npos ? end : end - at);
      out.append(indent).append("  ");
      append_text_escaped(line, out);
      out += '\n';
      at = end == std::string::npos ? text.size() : end + 1;
    }
    if (name == x.repeat_file && x.repeat_times != 0) {
      out.append(indent).append(fmt::format("  and then {} times: ", x.repeat_times));
      append_text_escaped(x.repeat_line.substr(0, x.repeat_line.find('\n')), out);
      out += '\n';
    }
  }
  if (!x.profile.empty()) {
    out.append(indent).append("profile.json:\n").append(indent).append("  ");
    append_text_escaped(x.profile, out);
    out += '\n';
  }
  return out;
}

void append_text(const code_info& info, std::string& out) {
  fmt::format_to(std::back_inserter(out), "{} ({}{})\n  {}\n", info.name, to_string(info.default_severity),
                 is_document_level(info.id) ? ", document-level" : "", info.summary);
  const auto& table = explanations();
  const auto found = table.find(info.name);
  if (found == table.end()) {
    out += "\nNo explanation is recorded for this code (schemas/codes.json).\n";
    return;
  }
  const explanation& x = found->second;
  out += "\nWhen: ";
  append_text_escaped(x.trigger, out);
  out += "\nWhy it matters: " + x.why + "\nExample, which `" + example_command(x) + "` reports:\n";
  if (x.folder) {
    out += folder_example_text(x, "    ");
  } else {
    out += "    ";
    append_text_escaped(x.example_body, out);
    out += '\n';
  }
  out += "Fix: " + x.fix + "\nSource: " + x.source + "\n";
}

}  // namespace

bool explain_code(std::string_view name, std::string& out, std::string& error) {
  const std::optional<code> c = code_from_string(name);
  if (!c) {
    const std::string problem = selector_problem(policy_list::select, name);
    error = problem.empty() ? fmt::format(
                                  "explain: '{}' is a prefix; explain takes one code ('sdsprofile codes' "
                                  "lists them)",
                                  text_escaped(name))
                            : "explain: " + text_escaped(problem);
    return false;
  }
  append_text(all_codes()[static_cast<std::size_t>(*c)], out);
  return true;
}

void list_codes(codes_format format, std::string& out) {
  const auto& table = explanations();
  if (format == codes_format::markdown) {
    out +=
        "# Every code explained\n\n"
        "<!-- Generated by `sdsprofile codes --format markdown` from schemas/codes.json and the library's code "
        "table; the test codes_doc_is_current keeps it equal. Do not edit: edit schemas/codes.json. -->\n\n"
        "What `sdsprofile explain CODE` prints, for every code in catalogue order: its default severity, what "
        "triggers it (its row of the [rule catalogue](rules.md#catalogue), or of the [CSV rule "
        "catalogue](csv-rules.md#catalogue) for a `csv-` code), why it matters, an example that "
        "triggers it (a body, or for a `csv-` code an upload folder DIR and its profile), its fix and its source. "
        "The table of codes is in [diagnostics.md](diagnostics.md#codes).\n";
  }
  for (const code_info& info : all_codes()) {
    const auto found = table.find(info.name);
    const explanation none{};
    const explanation& x = found == table.end() ? none : found->second;
    switch (format) {
      case codes_format::text:
        fmt::format_to(std::back_inserter(out), "{} {} {}\n", info.name, to_string(info.default_severity),
                       info.summary);
        break;
      case codes_format::json: {
        out += "{\"code\":";
        append_json_string(info.name, out);
        out += ",\"severity\":";
        append_json_string(to_string(info.default_severity), out);
        out += is_document_level(info.id) ? ",\"document_level\":true" : ",\"document_level\":false";
        const std::pair<const char*, std::string_view> fields[] = {
            {"summary", info.summary}, {"trigger", x.trigger}, {"why", x.why}, {"fix", x.fix}, {"source", x.source}};
        for (const auto& [key, value] : fields) {
          fmt::format_to(std::back_inserter(out), ",\"{}\":", key);
          append_json_string(value, out);
        }
        if (x.folder) {
          out += ",\"example\":" + x.example_json + "}\n";
          break;
        }
        out += ",\"example\":{\"args\":";
        append_json_string(x.example_args, out);
        out += ",\"body\":";
        append_json_string(x.example_body, out);
        out += "}}\n";
        break;
      }
      case codes_format::markdown: {
        const std::string example = x.folder ? folder_example_text(x, "") : x.example_body + "\n";
        fmt::format_to(
            std::back_inserter(out),
            "\n## `{}`\n\n**Severity:** {}{}. {}\n\n**When:** {}\n\n**Why it matters:** {}\n\n"
            "**Example**, which `{}` reports:\n\n```{}\n{}```\n\n**Fix:** {}\n\n**Source:** {}\n",
            info.name, to_string(info.default_severity),
            is_document_level(info.id) ? " (document-level: no policy can ignore it or make it a warning)" : "",
            info.summary, x.trigger, x.why, example_command(x), x.folder ? "text" : "json", example, x.fix, x.source);
        break;
      }
    }
  }
}

}  // namespace sdsprofile::cli
