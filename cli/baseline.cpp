#include "baseline.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <charconv>
#include <filesystem>
#include <memory>
#include <set>

#include "batch.hpp"
#include "render.hpp"

namespace sdsprofile::cli {
namespace {

namespace fs = std::filesystem;

// `value` percent-encoded for a key segment: '%', '/', '[', ']', '=', controls and bytes past
// ASCII as %XX, so that the segment is ASCII and cannot be read as another one.
void append_key(std::string_view value, std::string& out) {
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7f || c == '%' || c == '/' || c == '[' || c == ']' || c == '=')
      out += fmt::format("%{:02X}", c);
    else
      out += ch;
  }
}

// The RFC 6901 reference token `token` unescaped (~1 is '/', ~0 is '~').
std::string unescape_token(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

// The key segment of an array item, or empty when it keeps its index (json_fingerprints).
std::string item_key(simdjson::dom::element item) {
  std::string_view value;
  std::string key;
  if (item.is_object()) {
    if (item["appliesTo"].get_string().get(value) != simdjson::SUCCESS) return {};
    key = "[appliesTo=";
  } else if (item.get_string().get(value) == simdjson::SUCCESS) {
    key = "[";
  } else {
    return {};
  }
  if (value.size() > json_fingerprints::k_longest_key) return {};
  append_key(value, key);
  key += ']';
  return key;
}

}  // namespace

struct json_fingerprints::parsed {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  bool ok = false;
};

json_fingerprints::json_fingerprints(std::string_view document) : document_(document) {}

json_fingerprints::~json_fingerprints() = default;

std::string json_fingerprints::of(std::string_view pointer) {
  if (pointer.empty()) return {};
  if (parsed_ == nullptr) {
    parsed_ = std::make_unique<parsed>();
    // A BOM is no part of the JSON text (json-bom is reported at the start anyway).
    std::string_view text = document_;
    if (text.starts_with("\xef\xbb\xbf")) text.remove_prefix(3);
    parsed_->ok = parsed_->parser.parse(text.data(), text.size(), true).get(parsed_->root) == simdjson::SUCCESS;
  }
  if (!parsed_->ok || pointer.front() != '/') return std::string(pointer);
  std::string out;
  simdjson::dom::element at = parsed_->root;
  bool resolved = true;
  for (std::size_t begin = 1; begin <= pointer.size();) {
    std::size_t end = pointer.find('/', begin);
    if (end == std::string_view::npos) end = pointer.size();
    const std::string_view token = pointer.substr(begin, end - begin);
    begin = end + 1;
    out += '/';
    simdjson::dom::array array;
    std::size_t index = 0;
    const auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
    if (resolved && at.get_array().get(array) == simdjson::SUCCESS && ec == std::errc() &&
        ptr == token.data() + token.size() && array.at(index).get(at) == simdjson::SUCCESS) {
      const std::string key = item_key(at);
      out += key.empty() ? std::string(token) : key;
      continue;
    }
    out += token;
    simdjson::dom::object object;
    resolved = resolved && at.get_object().get(object) == simdjson::SUCCESS &&
               object.at_key(unescape_token(token)).get(at) == simdjson::SUCCESS;
  }
  return out;
}

document_findings findings_of(std::string file, std::uint64_t line, std::string_view document, const report& r) {
  document_findings doc;
  doc.file = std::move(file);
  doc.line = line;
  json_fingerprints fingerprints(document);
  doc.findings.reserve(r.diagnostics().size());
  for (const diagnostic& d : r.diagnostics()) doc.findings.emplace_back(to_string(d.code), fingerprints.of(d.path));
  return doc;
}

std::string baseline_directory(const std::string& name) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(fs::path(name), ec);
  return (ec ? fs::path(name) : absolute).lexically_normal().parent_path().string();
}

std::string baseline_file_name(std::string_view input, const std::string& base) {
  if (input == "-" || input == "<stdin>") return "<stdin>";
  std::error_code ec;
  const fs::path absolute = fs::absolute(fs::path(std::string(input)), ec).lexically_normal();
  if (ec) return fs::path(std::string(input)).lexically_normal().generic_string();
  const fs::path relative = absolute.lexically_relative(fs::path(base));
  return relative.empty() ? absolute.generic_string() : relative.generic_string();
}

namespace {

// Reads one entry of a baseline's "findings"; false with `error` set when it is not one.
bool read_entry(simdjson::dom::element item, baseline_entry& e, std::string& error) {
  simdjson::dom::object object;
  if (item.get_object().get(object) != simdjson::SUCCESS) {
    error = "an entry of \"findings\" is not an object";
    return false;
  }
  bool has_file = false, has_code = false, has_fingerprint = false;
  for (const auto field : object) {
    const std::string_view key = field.key;
    std::string_view text;
    std::uint64_t number = 0;
    if (key == "file" || key == "code" || key == "fingerprint") {
      if (field.value.get_string().get(text) != simdjson::SUCCESS) {
        error = fmt::format("\"{}\" of an entry is not a string", key);
        return false;
      }
      (key == "file" ? e.file : key == "code" ? e.code : e.fingerprint) = std::string(text);
      (key == "file" ? has_file : key == "code" ? has_code : has_fingerprint) = true;
    } else if (key == "line" || key == "count") {
      if (field.value.get_uint64().get(number) != simdjson::SUCCESS || number == 0) {
        error = fmt::format("\"{}\" of an entry is not a positive integer", key);
        return false;
      }
      (key == "line" ? e.line : e.count) = number;
    } else {
      error = fmt::format("an entry has the unknown member \"{}\"", text_escaped(key));
      return false;
    }
  }
  if (!has_file || !has_code || !has_fingerprint) {
    error = "an entry lacks \"file\", \"code\" or \"fingerprint\"";
    return false;
  }
  return true;
}

}  // namespace

std::optional<baseline> baseline::read(const std::string& name, std::string& error) {
  // A baseline is a file of the repository: 256 MiB is far more than any holds.
  constexpr std::size_t k_largest = std::size_t{256} << 20;
  const std::optional<std::string> text = read_input(name, error, k_largest + 1);
  if (!text) return std::nullopt;
  const std::string shown = text_escaped(name);
  if (text->size() > k_largest) {
    error = fmt::format("baseline '{}' is larger than 256 MiB", shown);
    return std::nullopt;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (const auto failure = parser.parse(*text).get(root); failure != simdjson::SUCCESS) {
    error = fmt::format("baseline '{}' is not JSON: {}", shown, simdjson::error_message(failure));
    return std::nullopt;
  }
  std::string_view format;
  std::uint64_t version = 0;
  simdjson::dom::array findings;
  if (root["format"].get_string().get(format) != simdjson::SUCCESS || format != "sdsprofile-baseline") {
    error = fmt::format("'{}' is not a baseline: it has no \"format\": \"sdsprofile-baseline\"", shown);
    return std::nullopt;
  }
  if (root["version"].get_uint64().get(version) != simdjson::SUCCESS || version != k_baseline_version) {
    error = fmt::format("baseline '{}': this sdsprofile reads version {} only", shown, k_baseline_version);
    return std::nullopt;
  }
  if (root["findings"].get_array().get(findings) != simdjson::SUCCESS) {
    error = fmt::format("baseline '{}': \"findings\" is not an array", shown);
    return std::nullopt;
  }
  baseline b;
  b.base_ = baseline_directory(name);
  std::size_t index = 0;
  for (const simdjson::dom::element item : findings) {
    baseline_entry e;
    std::string problem;
    if (!read_entry(item, e, problem)) {
      error = fmt::format("baseline '{}': findings[{}]: {}", shown, index, problem);
      return std::nullopt;
    }
    b.entries_[{e.file, e.line}][{e.code, e.fingerprint}] += e.count;
    ++index;
  }
  return b;
}

baseline baseline::everything() {
  baseline b;
  b.everything_ = true;
  return b;
}

std::uint64_t baseline::match(const document_findings& doc, std::vector<std::uint8_t>& suppressed) const {
  suppressed.assign(doc.findings.size(), everything_ ? 1 : 0);
  if (everything_) return 0;
  const auto found = entries_.find(document_key{baseline_file_name(doc.file, base_), doc.line});
  if (found == entries_.end()) return 0;
  std::map<finding_key, std::uint64_t> left = found->second;
  for (std::size_t i = 0; i < doc.findings.size(); ++i) {
    const auto& [code, fingerprint] = doc.findings[i];
    const auto entry = left.find(finding_key{std::string(code), fingerprint});
    if (entry == left.end() || entry->second == 0) continue;
    --entry->second;
    suppressed[i] = 1;
  }
  std::uint64_t unmatched = 0;
  for (const auto& [key, count] : left) unmatched += count;
  return unmatched;
}

void baseline_recorder::add(const document_findings& doc) {
  const std::string file = baseline_file_name(doc.file, base_);
  for (const auto& [code, fingerprint] : doc.findings) {
    ++counts_[{file, doc.line, std::string(code), fingerprint}];
    ++findings_;
  }
}

std::size_t baseline_recorder::file_count() const {
  std::set<std::string_view> files;
  for (const auto& [key, count] : counts_) files.insert(std::get<0>(key));
  return files.size();
}

std::string baseline_recorder::text() const {
  std::string out = fmt::format("{{\n  \"format\": \"sdsprofile-baseline\",\n  \"version\": {},\n  \"findings\": [",
                                k_baseline_version);
  bool first = true;
  for (const auto& [key, count] : counts_) {
    const auto& [file, line, code, fingerprint] = key;
    out += first ? "\n    {\"file\": " : ",\n    {\"file\": ";
    first = false;
    append_json_string(file, out);
    if (line != 0) out += fmt::format(", \"line\": {}", line);
    out += ", \"code\": ";
    append_json_string(code, out);
    out += ", \"fingerprint\": ";
    append_json_string(fingerprint, out);
    out += fmt::format(", \"count\": {}}}", count);
  }
  out += first ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

}  // namespace sdsprofile::cli
