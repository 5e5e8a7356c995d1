// The globs of --include and --exclude (cli/glob.hpp), with exact results.
#include <gtest/gtest.h>

#include "glob.hpp"

namespace {

using sdsprofile::cli::entry_matches;
using sdsprofile::cli::glob_match;

TEST(Glob, StarsQuestionMarksAndSets) {
  EXPECT_TRUE(glob_match("*.json", "a.json"));
  EXPECT_FALSE(glob_match("*.json", "sub/a.json"));  // * stays in a component
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_FALSE(glob_match("a?c", "a/c"));
  EXPECT_TRUE(glob_match("[ab].json", "b.json"));
  EXPECT_FALSE(glob_match("[!ab].json", "b.json"));
  EXPECT_TRUE(glob_match("[^ab].json", "c.json"));
  EXPECT_TRUE(glob_match("[a-c]x", "bx"));
  EXPECT_FALSE(glob_match("[a-c]x", "dx"));
  EXPECT_TRUE(glob_match("[]]", "]"));
  EXPECT_TRUE(glob_match("[x", "[x"));  // an unclosed set is the character itself
  EXPECT_TRUE(glob_match("", ""));
  EXPECT_FALSE(glob_match("", "a"));
  EXPECT_TRUE(glob_match("a**b", "axyb"));
  EXPECT_FALSE(glob_match("a**b", "a/b"));  // "**" inside a component is "*"
}

TEST(Glob, DoubleStarComponents) {
  EXPECT_TRUE(glob_match("**/x.json", "x.json"));
  EXPECT_TRUE(glob_match("**/x.json", "a/b/x.json"));
  EXPECT_TRUE(glob_match("sub/**", "sub/a/b.json"));
  EXPECT_TRUE(glob_match("sub/**/*.json", "sub/b.json"));
  EXPECT_TRUE(glob_match("sub/**/*.json", "sub/deep/c.json"));
  EXPECT_FALSE(glob_match("sub/**/*.json", "other/c.json"));
}

TEST(Glob, EntriesMatchByNameOrByPath) {
  EXPECT_TRUE(entry_matches("build", "build"));
  EXPECT_TRUE(entry_matches("build", "a/b/build"));
  EXPECT_FALSE(entry_matches("a/build", "x/a/build"));  // with '/': the whole relative path
  EXPECT_TRUE(entry_matches("a/build", "a/build"));
  EXPECT_TRUE(entry_matches("*.json", "deep/down/x.json"));
}

}  // namespace
