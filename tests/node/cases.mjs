// The test data the node tests read, found as the C++ tests find it (tests/case_file.hpp): the
// cases in tests/cases/ plus the directories of SDSPROFILE_EXTRA_CASES (colon-separated), and the
// optional third-party corpora under $SDSPROFILE_CORPORA_DIR or ../shared/corpora.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root directory. */
export const sourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** tests/cases, then each directory of SDSPROFILE_EXTRA_CASES, as {dir, prefix}. */
export function caseSources() {
  const extra = (process.env.SDSPROFILE_EXTRA_CASES ?? "").split(":").filter((d) => d !== "");
  return [{ dir: path.join(sourceDir, "tests", "cases"), prefix: "" },
    ...extra.map((dir, i) => ({ dir: path.resolve(dir), prefix: `x${i + 1}_` }))];
}

/** The input bytes of a parsed case file (tests/cases/README.md: input, input_text, input_base64). */
export function caseBytes(c) {
  if (c.input_text !== undefined) return Buffer.from(c.input_text, "utf8");
  if (c.input_base64 !== undefined) return Buffer.from(c.input_base64, "base64");
  return Buffer.from(JSON.stringify(c.input));  // serialised compactly
}

/**
 * Every case of every source as {name, file, case}; prints "cases: WHO: N from DIR" per source.
 * Returns null (after printing why) when a source is missing or empty.
 */
export function readCases(who) {
  const all = [];
  let ok = true;
  for (const { dir, prefix } of caseSources()) {
    let files = [];
    try {
      files = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
    } catch (e) {
      console.log(`cases: ${who}: cannot read ${dir}: ${e.message}`);
      ok = false;
      continue;
    }
    console.log(`cases: ${who}: ${files.length} from ${dir}`);
    if (files.length === 0) ok = false;
    for (const f of files)
      all.push({ name: `${prefix}${f}`, file: path.join(dir, f), case: JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) });
  }
  return ok ? all : null;
}

/** tests/csv-cases, then each directory of SDSPROFILE_EXTRA_CSV_CASES, as {dir, prefix}. */
export function csvCaseSources() {
  const extra = (process.env.SDSPROFILE_EXTRA_CSV_CASES ?? "").split(":").filter((d) => d !== "");
  return [{ dir: path.join(sourceDir, "tests", "csv-cases"), prefix: "" },
    ...extra.map((dir, i) => ({ dir: path.resolve(dir), prefix: `x${i + 1}_` }))];
}

/**
 * Every CSV folder case (tests/csv-cases/README.md) as {name, dir, profile (a path or null), expect};
 * prints "cases: WHO: N from DIR" per source. Returns null when a source is missing or empty.
 */
export function readCsvCases(who) {
  const all = [];
  let ok = true;
  for (const { dir, prefix } of csvCaseSources()) {
    let names = [];
    try {
      names = fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, "expect.json"))).sort();
    } catch (e) {
      console.log(`cases: ${who}: cannot read ${dir}: ${e.message}`);
      ok = false;
      continue;
    }
    console.log(`cases: ${who}: ${names.length} from ${dir}`);
    if (names.length === 0) ok = false;
    for (const n of names) {
      const profile = path.join(dir, n, "profile.json");
      all.push({ name: `${prefix}${n}`, dir: path.join(dir, n), profile: fs.existsSync(profile) ? profile : null,
        expect: JSON.parse(fs.readFileSync(path.join(dir, n, "expect.json"), "utf8")) });
    }
  }
  return ok ? all : null;
}

/** A third-party corpus file or directory, or null when it is not there. */
export function corpusPath(relative) {
  const root = process.env.SDSPROFILE_CORPORA_DIR || path.join(sourceDir, "..", "shared", "corpora");
  const p = path.join(root, relative);
  return fs.existsSync(p) ? p : null;
}

/** Why a corpus test is skipped, naming what to provide. */
export function missingCorpus(relative, origin) {
  return `${relative} not found: set SDSPROFILE_CORPORA_DIR to a directory holding ${relative} (${origin}), ` +
    "or put it under ../shared/corpora beside the repository";
}
