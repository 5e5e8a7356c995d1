#include "config.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "render.hpp"
#include "suggest.hpp"

namespace sdsprofile::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 4> k_keys = {"select", "ignore", "warn", "error"};

std::string at(const std::string& file, const toml::source_region& where) {
  return fmt::format("{}:{}:{}", text_escaped(file), where.begin.line, where.begin.column);
}

// The layer of the project file `file`; false with `error` set when it cannot be read or holds
// anything but the four lists of known codes.
bool read_layer(const std::string& file, policy_layer& layer, std::string& error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = fmt::format("cannot open '{}': {}", text_escaped(file), std::strerror(errno));
    return false;
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    error = fmt::format("cannot read '{}': {}", text_escaped(file), std::strerror(errno));
    return false;
  }
  toml::table table;
  try {
    table = toml::parse(content.str(), file);
  } catch (const toml::parse_error& e) {
    error = fmt::format("{}: {}", at(file, e.source()), text_escaped(e.description()));
    return false;
  }
  for (auto&& [key, node] : table) {
    const std::string_view name = key.str();
    const auto known = std::find(k_keys.begin(), k_keys.end(), name);
    if (known == k_keys.end()) {
      const std::string_view suggestion = nearest(name, k_keys);
      error = fmt::format("{}: unknown key '{}'{} ({} takes select, ignore, warn and error)", at(file, key.source()),
                          text_escaped(name),
                          suggestion.empty() ? std::string() : fmt::format(", did you mean '{}'?", suggestion),
                          k_config_name);
      return false;
    }
    const auto list = static_cast<policy_list>(known - k_keys.begin());
    const toml::array* items = node.as_array();
    if (items == nullptr) {
      error = fmt::format("{}: {} must be an array of codes, e.g. {} = [\"date-in-past\"]", at(file, node.source()),
                          name, name);
      return false;
    }
    std::vector<std::string>& selectors = list == policy_list::select   ? layer.select
                                          : list == policy_list::ignore ? layer.ignore
                                          : list == policy_list::warn   ? layer.warn
                                                                        : layer.error;
    for (const toml::node& item : *items) {
      const std::optional<std::string> selector = item.value<std::string>();
      if (!selector || !item.is_string()) {
        error = fmt::format("{}: {}: a code must be a string", at(file, item.source()), name);
        return false;
      }
      if (std::string problem = selector_problem(list, *selector); !problem.empty()) {
        error = fmt::format("{}: {}: {}", at(file, item.source()), name, text_escaped(problem));
        return false;
      }
      selectors.push_back(*selector);
    }
  }
  return true;
}

}  // namespace

policy_resolver::policy_resolver(policy_layer command_line, std::optional<std::string> config_file, bool no_config)
    : command_line_(std::move(command_line)), config_file_(std::move(config_file)), no_config_(no_config) {}

std::string policy_resolver::command_line_problem() const {
  const std::pair<policy_list, const std::vector<std::string>*> lists[] = {{policy_list::select, &command_line_.select},
                                                                           {policy_list::ignore, &command_line_.ignore},
                                                                           {policy_list::warn, &command_line_.warn},
                                                                           {policy_list::error, &command_line_.error}};
  for (const auto& [list, selectors] : lists)
    for (const std::string& selector : *selectors)
      if (std::string problem = selector_problem(list, selector); !problem.empty())
        return fmt::format("--{}: {}", to_string(list), text_escaped(problem));
  return {};
}

const resolved_policy* policy_resolver::for_input(const std::string& input, std::string& error) {
  if (no_config_) return for_file("", error);
  if (config_file_) return for_file(*config_file_, error);
  std::error_code ec;
  const fs::path given = input == "-" ? fs::path(".") : fs::path(input);
  fs::path dir = fs::absolute(given, ec).lexically_normal();
  if (ec) return for_file("", error);
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  // Upwards to the root; every directory passed on the way gets the answer.
  std::vector<std::string> passed;
  std::string found;
  for (fs::path at = dir;; at = at.parent_path()) {
    std::string key = at.string();
    if (const auto known = file_of_directory_.find(key); known != file_of_directory_.end()) {
      found = known->second;
      break;
    }
    passed.push_back(key);
    const fs::path candidate = at / k_config_name;
    if (fs::is_regular_file(candidate, ec)) {
      found = candidate.string();
      break;
    }
    if (at == at.parent_path() || at.empty()) break;
  }
  for (std::string& key : passed) file_of_directory_.emplace(std::move(key), found);
  return for_file(found, error);
}

const resolved_policy* policy_resolver::for_file(const std::string& file, std::string& error) {
  if (const auto known = policy_of_file_.find(file); known != policy_of_file_.end()) return known->second.get();
  auto resolved = std::make_unique<resolved_policy>();
  resolved->file = file;
  if (!file.empty()) {
    policy_layer layer;
    if (!read_layer(file, layer, error)) return nullptr;
    resolved->rules.add(layer);  // checked selector by selector above
  }
  if (std::string problem = resolved->rules.add(command_line_); !problem.empty()) {
    error = "--" + problem;  // command_line_problem() names it first
    return nullptr;
  }
  return policy_of_file_.emplace(file, std::move(resolved)).first->second.get();
}

}  // namespace sdsprofile::cli
