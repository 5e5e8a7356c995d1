// Replay driver: the fuzz targets without libFuzzer, so that they build with any compiler and the
// corpus and fuzz/regressions/ replay as ctest tests. Usage: TARGET_replay FILE_OR_DIR...
// Every regular file is run once (files ending in ".reason" are the regressions' notes and are
// skipped); a target with a custom mutator also runs four mutants of each file, which keeps the
// mutator itself under test. Exit status 0, or the abort of the first violated oracle.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size,
                                                                     std::size_t max_size, unsigned int seed);

// libFuzzer's byte mutator, for custom mutators that fall back to it: flips one byte.
extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size) {
  if (size == 0 || max_size == 0) return 0;
  data[size / 2] ^= 0x20;
  return size;
}

namespace {

int replay(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", file.c_str());
    return 1;
  }
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
  if (LLVMFuzzerCustomMutator != nullptr) {
    for (unsigned seed = 1; seed <= 4; ++seed) {
      std::vector<std::uint8_t> mutant = bytes;
      mutant.resize(bytes.size() * 2 + 4096);
      mutant.resize(LLVMFuzzerCustomMutator(mutant.data(), bytes.size(), mutant.size(), seed));
      LLVMFuzzerTestOneInput(mutant.data(), mutant.size());
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg(argv[i]);
    if (std::filesystem::is_directory(arg)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(arg))
        if (entry.is_regular_file() && entry.path().extension() != ".reason" &&
            entry.path().filename().string().front() != '.')
          files.push_back(entry.path());
    } else {
      files.push_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  int failures = 0;
  for (const auto& file : files) failures += replay(file);
  std::printf("replayed %zu inputs\n", files.size());
  return failures == 0 ? 0 : 1;
}
