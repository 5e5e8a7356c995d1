// sdsprofile_bench: the Google Benchmark suite (docs/performance.md). For every corpus shape it times the
// floor (simdjson parsing the same bytes, DOM and on-demand) and sdsprofile's check and expand,
// with counters for bytes/s, docs/s and heap allocations per document (global operator new is
// replaced below to count them). Usage:
//   sdsprofile_bench [--corpus=DIR] [Google Benchmark flags, e.g. --benchmark_filter=check/]
// DIR defaults to $SDSPROFILE_BENCH_CORPUS, else the build's bench/corpus (generated with the
// binary by sdsprofile_bench_corpus). bench/compare runs it next to the ajv peer.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <sdsprofile/sdsprofile.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// --- Counting allocator ---------------------------------------------------------------------
// Every form of global operator new lands in counted_allocate, so that "allocs/doc" sees the
// library, simdjson and the standard library alike. The deletes only need to match.

namespace {

/// Heap allocations made through global operator new since the program started.
std::atomic<std::uint64_t> allocation_count{0};

/// malloc (or aligned_alloc) that counts; nullptr when out of memory.
void* counted_allocate(std::size_t size, std::size_t alignment) noexcept {
  allocation_count.fetch_add(1, std::memory_order_relaxed);
  if (size == 0) size = 1;  // new must return a unique pointer even for 0 bytes
  if (alignment <= alignof(std::max_align_t)) return std::malloc(size);
  // aligned_alloc wants the size to be a multiple of the alignment.
  return std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
}

/// counted_allocate, throwing std::bad_alloc on failure as the throwing forms must.
void* counted_allocate_or_throw(std::size_t size, std::size_t alignment) {
  void* p = counted_allocate(size, alignment);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

}  // namespace

/// Global operator new in all its forms (plain, array, nothrow, aligned), each counted; the
/// deletes below free what they return.
void* operator new(std::size_t size) { return counted_allocate_or_throw(size, 0); }
void* operator new[](std::size_t size) { return counted_allocate_or_throw(size, 0); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_allocate(size, 0); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted_allocate(size, 0); }
void* operator new(std::size_t size, std::align_val_t al) {
  return counted_allocate_or_throw(size, static_cast<std::size_t>(al));
}
void* operator new[](std::size_t size, std::align_val_t al) {
  return counted_allocate_or_throw(size, static_cast<std::size_t>(al));
}
void* operator new(std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
  return counted_allocate(size, static_cast<std::size_t>(al));
}
void* operator new[](std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
  return counted_allocate(size, static_cast<std::size_t>(al));
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }

namespace {

// --- Corpus ---------------------------------------------------------------------------------

/// The shapes written by sdsprofile_bench_corpus, as <shape>.json.
constexpr std::array<std::string_view, 8> k_shapes = {
    "seed",  "typical-csv", "typical-powerschool", "typical-oneroster",
    "large", "invalid-1",   "invalid-10",          "syntax-error"};

/// The clock of every check, so that the date rules give the same verdicts on every run.
constexpr std::string_view k_fixed_now = "2026-01-01T00:00:00Z";

/// The id written by expand: fixed, so expansion does not draw a random UUID per document.
constexpr std::string_view k_fixed_id = "0b0f4e33-6d1c-4b0e-9a53-7f1e2d3c4b5a";

/// The whole file at `path`, or nullopt when it cannot be read.
std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The lines of NDJSON `text`, without their '\n'.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return lines;
}

/// Check options of every benchmark: create mode, default limits, the fixed clock.
sdsprofile::options fixed_check_options() {
  sdsprofile::options opts;
  opts.now = sdsprofile::parse_rfc3339(k_fixed_now);
  return opts;
}

/// Expand options of every benchmark: the fixed clock and id, pretty output (the default).
sdsprofile::expand_options fixed_expand_options() {
  sdsprofile::expand_options opts;
  opts.check = fixed_check_options();
  opts.id = std::string(k_fixed_id);
  return opts;
}

// --- Counters -------------------------------------------------------------------------------

/// Sets bytes/s, docs/s and allocs/doc once the timed loop of `state` has ended.
/// `allocations` were counted during the loop, over `docs_per_iteration` documents of
/// `bytes_per_iteration` bytes in each iteration.
void set_counters(benchmark::State& state, std::uint64_t allocations, std::int64_t docs_per_iteration,
                  std::int64_t bytes_per_iteration) {
  const auto iterations = static_cast<std::int64_t>(state.iterations());
  state.SetBytesProcessed(iterations * bytes_per_iteration);
  state.counters["docs/s"] =
      benchmark::Counter(static_cast<double>(iterations * docs_per_iteration), benchmark::Counter::kIsRate);
  state.counters["allocs/doc"] =
      benchmark::Counter(static_cast<double>(allocations) / static_cast<double>(iterations * docs_per_iteration));
}

/// Runs `work` once as warm-up (buffers grow, caches fill), then as the timed loop of `state`,
/// and sets the counters. `work` handles `docs` documents of `bytes` bytes in all.
template <class Work>
void run_counted(benchmark::State& state, std::int64_t docs, std::int64_t bytes, Work&& work) {
  work();
  const std::uint64_t before = allocation_count.load(std::memory_order_relaxed);
  for (auto _ : state) work();
  const std::uint64_t after = allocation_count.load(std::memory_order_relaxed);
  set_counters(state, after - before, docs, bytes);
}

// --- The on-demand walk ---------------------------------------------------------------------

/// Spells a macro's expansion as a string literal.
#define SDSPROFILE_BENCH_SPELL(macro) SDSPROFILE_BENCH_SPELL_EXPANDED(macro)
/// Helper of SDSPROFILE_BENCH_SPELL: its argument is expanded by now.
#define SDSPROFILE_BENCH_SPELL_EXPANDED(text) #text

/// The kernel this file's On-Demand code was compiled for (simdjson::builtin_implementation()
/// would name the shared library's, which was compiled for any x86-64).
constexpr const char* k_ondemand_kernel = SDSPROFILE_BENCH_SPELL(SIMDJSON_BUILTIN_IMPLEMENTATION);

/// Visits `value` and everything inside it, reading every key, string, number, bool and null
/// (on-demand parses only what is read). Adds the number of values visited to `visited`.
/// Returns simdjson's first error; the syntax-error shape stops there, as any parser would.
simdjson::error_code walk(simdjson::ondemand::value value, std::uint64_t& visited) {
  ++visited;
  simdjson::ondemand::json_type type;
  if (auto error = value.type().get(type)) return error;
  switch (type) {
    case simdjson::ondemand::json_type::object: {
      simdjson::ondemand::object object;
      if (auto error = value.get_object().get(object)) return error;
      for (auto field : object) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) return error;
        visited += key.size();
        simdjson::ondemand::value member;
        if (auto error = field.value().get(member)) return error;
        if (auto error = walk(member, visited)) return error;
      }
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::array: {
      simdjson::ondemand::array array;
      if (auto error = value.get_array().get(array)) return error;
      for (auto element : array) {
        simdjson::ondemand::value item;
        if (auto error = element.get(item)) return error;
        if (auto error = walk(item, visited)) return error;
      }
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::string: {
      std::string_view text;
      if (auto error = value.get_string().get(text)) return error;
      visited += text.size();
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::number: {
      simdjson::ondemand::number number;
      if (auto error = value.get_number().get(number)) return error;
      benchmark::DoNotOptimize(number);
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::boolean: {
      bool flag = false;
      if (auto error = value.get_bool().get(flag)) return error;
      visited += flag ? 1 : 0;
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::null: {
      bool is_null = false;
      if (auto error = value.is_null().get(is_null)) return error;
      visited += is_null ? 1 : 0;
      return simdjson::SUCCESS;
    }
  }
  return simdjson::INCORRECT_TYPE;
}

/// Walks the whole document in `json` (a root object or array, as every corpus shape has) with
/// `parser`.
simdjson::error_code walk_document(simdjson::ondemand::parser& parser, const simdjson::padded_string& json,
                                   std::uint64_t& visited) {
  simdjson::ondemand::document doc;
  if (auto error = parser.iterate(json).get(doc)) return error;
  simdjson::ondemand::value root;
  if (auto error = doc.get_value().get(root)) return error;
  return walk(root, visited);
}

// --- Benchmarks -----------------------------------------------------------------------------

/// simdjson DOM parse of bytes already padded (simdjson's best case): a reused parser, the
/// padded string prepared outside the loop.
void simdjson_dom_parse(benchmark::State& state, const std::string* text) {
  const simdjson::padded_string json(*text);
  simdjson::dom::parser parser;
  run_counted(state, 1, static_cast<std::int64_t>(text->size()), [&] {
    simdjson::dom::element root;
    benchmark::DoNotOptimize(parser.parse(json).get(root));
    benchmark::DoNotOptimize(root);
  });
}

/// simdjson DOM parse of unpadded bytes, as checker::check gets them: simdjson's own default
/// (realloc_if_needed) copies them into the parser's padded buffer first, as the checker does.
void simdjson_dom_parse_copy(benchmark::State& state, const std::string* text) {
  simdjson::dom::parser parser;
  run_counted(state, 1, static_cast<std::int64_t>(text->size()), [&] {
    simdjson::dom::element root;
    benchmark::DoNotOptimize(parser.parse(text->data(), text->size()).get(root));
    benchmark::DoNotOptimize(root);
  });
}

/// simdjson's stage 1 alone on bytes already padded: the structural indexes (with UTF-8
/// validation), no tape. The share of `dom` that a walk fused with its own stage 2 would still
/// pay (docs/performance.md, "Where the time goes"). It calls the parser's implementation, which
/// simdjson marks @private, as lib/src/engine/tape.hpp reads its results.
void simdjson_stage1(benchmark::State& state, const std::string* text) {
  const simdjson::padded_string json(*text);
  simdjson::dom::parser parser;
  if (parser.allocate(json.size()) != simdjson::SUCCESS) {
    state.SkipWithError("cannot allocate the parser");
    return;
  }
  run_counted(state, 1, static_cast<std::int64_t>(text->size()), [&] {
    benchmark::DoNotOptimize(parser.implementation->stage1(reinterpret_cast<const std::uint8_t*>(json.data()),
                                                           json.size(), simdjson::stage1_mode::regular));
  });
}

/// simdjson on-demand: iterate the padded bytes and read every value (walk()).
void simdjson_ondemand_walk(benchmark::State& state, const std::string* text) {
  const simdjson::padded_string json(*text);
  simdjson::ondemand::parser parser;
  run_counted(state, 1, static_cast<std::int64_t>(text->size()), [&] {
    std::uint64_t visited = 0;
    benchmark::DoNotOptimize(walk_document(parser, json, visited));
    benchmark::DoNotOptimize(visited);
  });
}

/// Reads every field of every diagnostic of `report`, as a caller that prints it would, and folds
/// them into one number. The timed loops of check and expand call it, so that the figures include
/// a report a caller can use (messages, paths, lines and columns), whatever the library leaves
/// for later.
std::size_t read_report(const sdsprofile::report& report) {
  std::size_t sum = report.valid() ? 1 : 0;
  for (const sdsprofile::diagnostic& d : report.diagnostics()) {
    sum += static_cast<std::size_t>(d.severity) + static_cast<std::size_t>(d.code) + d.path.size() + d.line + d.column +
           d.offset + d.message.size() + d.hint.size();
  }
  return sum;
}

/// checker::check of the bytes, one checker reused across iterations, the report read.
void check(benchmark::State& state, const std::string* text) {
  const sdsprofile::options opts = fixed_check_options();
  sdsprofile::checker checker;
  run_counted(state, 1, static_cast<std::int64_t>(text->size()),
              [&] { benchmark::DoNotOptimize(read_report(checker.check(*text, opts))); });
}

/// checker::expand of the bytes (valid shapes only), one checker reused across iterations, the
/// report read.
void expand(benchmark::State& state, const std::string* text) {
  const sdsprofile::expand_options opts = fixed_expand_options();
  sdsprofile::checker checker;
  run_counted(state, 1, static_cast<std::int64_t>(text->size()), [&] {
    const sdsprofile::expansion result = checker.expand(*text, opts);
    benchmark::DoNotOptimize(result.json.data());
    benchmark::DoNotOptimize(read_report(result.diagnostics));
  });
}

/// The NDJSON corpus: read the first time a benchmark needs it, so that runs filtered to other
/// shapes (bench/compare runs one shape at a time) do not read its 155 MB.
class ndjson_corpus {
 public:
  explicit ndjson_corpus(std::string path) : path_(std::move(path)) {}
  /// Reads the file once; false (and the benchmark skipped with an error) when it cannot be read.
  bool load(benchmark::State& state) {
    if (!loaded_) {
      std::optional<std::string> text = read_file(path_);
      if (!text) {
        state.SkipWithError(("cannot read " + path_).c_str());
        return false;
      }
      text_ = std::move(*text);
      lines_ = split_lines(text_);
      // Each line again, followed by simdjson's padding, for the padded DOM baseline.
      padded_.reserve(text_.size() + lines_.size() * simdjson::SIMDJSON_PADDING);
      for (std::string_view line : lines_) padded_.append(line).append(simdjson::SIMDJSON_PADDING, ' ');
      std::size_t at = 0;
      for (std::string_view line : lines_) {
        padded_lines_.emplace_back(padded_.data() + at, line.size());
        at += line.size() + simdjson::SIMDJSON_PADDING;
      }
      loaded_ = true;
    }
    return true;
  }
  [[nodiscard]] const std::string& text() const { return text_; }                      ///< mixed.ndjson as read
  [[nodiscard]] const std::vector<std::string_view>& lines() const { return lines_; }  ///< without their '\n'
  /// The lines in a copy where each is followed by at least SIMDJSON_PADDING bytes.
  [[nodiscard]] const std::vector<std::string_view>& padded_lines() const { return padded_lines_; }

 private:
  std::string path_;
  bool loaded_ = false;
  std::string text_;
  std::vector<std::string_view> lines_;
  std::string padded_;
  std::vector<std::string_view> padded_lines_;
};

/// checker::check of every line of the NDJSON corpus (its '\n' counted in bytes/s), each report
/// read.
void check_ndjson(benchmark::State& state, ndjson_corpus* corpus) {
  if (!corpus->load(state)) return;
  const sdsprofile::options opts = fixed_check_options();
  sdsprofile::checker checker;
  run_counted(state, static_cast<std::int64_t>(corpus->lines().size()),
              static_cast<std::int64_t>(corpus->text().size()), [&] {
                std::size_t read = 0;
                for (std::string_view line : corpus->lines()) read += read_report(checker.check(line, opts));
                benchmark::DoNotOptimize(read);
              });
}

/// simdjson DOM parse of every line of the NDJSON corpus, already padded (as simdjson_dom_parse).
void simdjson_dom_parse_padded_ndjson(benchmark::State& state, ndjson_corpus* corpus) {
  if (!corpus->load(state)) return;
  simdjson::dom::parser parser;
  run_counted(state, static_cast<std::int64_t>(corpus->lines().size()),
              static_cast<std::int64_t>(corpus->text().size()), [&] {
                std::size_t parsed = 0;
                for (std::string_view line : corpus->padded_lines()) {
                  simdjson::dom::element root;
                  parsed += parser.parse(line.data(), line.size(), false).get(root) == simdjson::SUCCESS ? 1 : 0;
                }
                benchmark::DoNotOptimize(parsed);
              });
}

/// simdjson DOM parse of every line of the NDJSON corpus, copied into the parser's padded buffer
/// as in simdjson_dom_parse_copy (the lines are not padded; neither are check_ndjson's).
void simdjson_dom_parse_ndjson(benchmark::State& state, ndjson_corpus* corpus) {
  if (!corpus->load(state)) return;
  simdjson::dom::parser parser;
  run_counted(state, static_cast<std::int64_t>(corpus->lines().size()),
              static_cast<std::int64_t>(corpus->text().size()), [&] {
                std::size_t parsed = 0;
                for (std::string_view line : corpus->lines()) {
                  simdjson::dom::element root;
                  parsed += parser.parse(line.data(), line.size()).get(root) == simdjson::SUCCESS ? 1 : 0;
                }
                benchmark::DoNotOptimize(parsed);
              });
}

/// The corpus directory: --corpus=DIR (removed from argv), else $SDSPROFILE_BENCH_CORPUS, else
/// the build's default.
std::string take_corpus_dir(int& argc, char** argv) {
  constexpr std::string_view flag = "--corpus=";
  std::string dir;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with(flag)) {
      dir = arg.substr(flag.size());
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  if (!dir.empty()) return dir;
  if (const char* env = std::getenv("SDSPROFILE_BENCH_CORPUS"); env != nullptr && *env != '\0') return env;
  return SDSPROFILE_BENCH_DEFAULT_CORPUS;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = take_corpus_dir(argc, argv);
  // Static storage: the benchmarks keep pointers to the texts until main returns.
  static std::vector<std::string> texts;
  texts.reserve(k_shapes.size());
  for (std::string_view shape : k_shapes) {
    const std::string path = dir + "/" + std::string(shape) + ".json";
    std::optional<std::string> text = read_file(path);
    if (!text) {
      std::fprintf(stderr, "sdsprofile_bench: cannot read %s (generate it: sdsprofile_bench_corpus DIR)\n",
                   path.c_str());
      return 2;
    }
    texts.push_back(std::move(*text));
  }
  static ndjson_corpus ndjson(dir + "/mixed.ndjson");

  sdsprofile::checker probe;  // decides which shapes are valid, hence expanded
  for (std::size_t i = 0; i < k_shapes.size(); ++i) {
    const std::string shape(k_shapes[i]);
    const std::string* text = &texts[i];
    benchmark::RegisterBenchmark(("simdjson_dom_parse/" + shape).c_str(), simdjson_dom_parse, text);
    benchmark::RegisterBenchmark(("simdjson_dom_parse_copy/" + shape).c_str(), simdjson_dom_parse_copy, text);
    benchmark::RegisterBenchmark(("simdjson_stage1/" + shape).c_str(), simdjson_stage1, text);
    benchmark::RegisterBenchmark(("simdjson_ondemand_walk/" + shape).c_str(), simdjson_ondemand_walk, text);
    benchmark::RegisterBenchmark(("check/" + shape).c_str(), check, text);
    if (probe.check(*text, fixed_check_options()).valid()) {
      benchmark::RegisterBenchmark(("expand/" + shape).c_str(), expand, text);
    }
  }
  benchmark::RegisterBenchmark("simdjson_dom_parse/mixed-ndjson", simdjson_dom_parse_padded_ndjson, &ndjson)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("simdjson_dom_parse_copy/mixed-ndjson", simdjson_dom_parse_ndjson, &ndjson)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("check/mixed-ndjson", check_ndjson, &ndjson)->Unit(benchmark::kMillisecond);

  // Which simdjson kernels ran: DOM dispatches at run time, On-Demand was fixed at compile time.
  benchmark::AddCustomContext("simdjson_dom_kernel", std::string(simdjson::get_active_implementation()->name()));
  benchmark::AddCustomContext("simdjson_ondemand_kernel", k_ondemand_kernel);
  benchmark::AddCustomContext("corpus", dir);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
