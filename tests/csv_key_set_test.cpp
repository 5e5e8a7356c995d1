// Tests for the ID sets of the CSV folder check (lib/src/csv/key_set.hpp): keys held whole in a
// slot (8 bytes or fewer) and keys stored in blocks, keys that differ only past their first 8
// bytes or in a trailing zero byte, lengths past the slot's length code, growth, and reserve.
#include "csv/key_set.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace {

using sdsprofile::csv::key_set;

TEST(CsvKeySet, InsertsEachKeyOnceAndFindsIt) {
  key_set set;
  using namespace std::string_literals;
  const std::vector<std::string> keys = {""s,
                                         "a"s,
                                         "a\0"s,
                                         "ab"s,
                                         "abc"s,
                                         "abcd"s,
                                         "abcde"s,
                                         "30000001"s,
                                         "30000001\0"s,
                                         "nlopez30000001"s,
                                         "nlopez30000002"s,
                                         "nlopez3000000"s,
                                         std::string(253, 'x'),
                                         std::string(254, 'x'),
                                         std::string(255, 'x'),
                                         std::string(300, 'x')};
  for (const std::string& k : keys) EXPECT_TRUE(set.insert(k)) << k.size();
  EXPECT_EQ(set.size(), keys.size());
  for (const std::string& k : keys) {
    EXPECT_FALSE(set.insert(k)) << k.size();
    EXPECT_TRUE(set.contains(k)) << k.size();
  }
  EXPECT_EQ(set.size(), keys.size());
  using namespace std::string_view_literals;
  for (const std::string_view absent :
       {"b"sv, "a\0\0"sv, "abcdef"sv, "30000002"sv, "nlopez30000003"sv, "nlopez300000011"sv})
    EXPECT_FALSE(set.contains(absent)) << absent;
  EXPECT_FALSE(set.contains(std::string(256, 'x')));
  EXPECT_FALSE(set.contains(std::string(301, 'x')));
}

TEST(CsvKeySet, KeepsItsKeysThroughGrowth) {
  key_set set;
  std::vector<std::string> keys;
  for (int i = 0; i < 20000; ++i) keys.push_back(i % 2 == 0 ? std::to_string(i) : "username" + std::to_string(i));
  for (const std::string& k : keys) ASSERT_TRUE(set.insert(k)) << k;
  for (const std::string& k : keys) {
    ASSERT_TRUE(set.contains(k)) << k;
    ASSERT_FALSE(set.insert(k)) << k;
  }
  EXPECT_FALSE(set.contains("20000"));
  EXPECT_FALSE(set.contains("username20001"));
  EXPECT_EQ(set.size(), keys.size());
  EXPECT_GE(set.memory_bytes(), keys.size() * 16);
}

TEST(CsvKeySet, ReserveAndClear) {
  key_set set;
  set.reserve(100000);
  const std::size_t reserved = set.memory_bytes();
  for (int i = 0; i < 100000; ++i) ASSERT_TRUE(set.insert(std::to_string(i)));
  EXPECT_EQ(set.memory_bytes(), reserved);  // short keys: no growth, no blocks
  set.clear();
  EXPECT_EQ(set.size(), 0U);
  EXPECT_EQ(set.memory_bytes(), 0U);
  EXPECT_FALSE(set.contains("1"));
  EXPECT_TRUE(set.insert("1"));
  EXPECT_TRUE(set.contains("1"));
}

}  // namespace
