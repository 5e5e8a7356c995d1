// ctest sarif_schema: `sdsprofile check --format sarif` over every case (tests/cases/ and
// SDSPROFILE_EXTRA_CASES, in its mode, with its clock), and `check-csv --format sarif` over every
// CSV folder case (tests/csv-cases/, SDSPROFILE_EXTRA_CSV_CASES), must validate against the
// official SARIF 2.1.0 JSON schema
// (draft-04, checked with ajv-draft-04 and ajv-formats), have one result per expected diagnostic with the same
// ruleId, level and logical location, and name every rule it uses in tool.driver.rules. A batch of
// all cases in one invocation must validate too, and so must logs written with --write-baseline and
// read with --baseline (baselineState, suppressions).
// The schema is the third-party corpus file sarif/sarif-schema-2.1.0.json (tests/node/cases.mjs
// finds it), or --schema FILE.
// Usage: node sarif_schema.mjs --cli SDSPROFILE --modules DIR [--schema SARIF_SCHEMA]
// (DIR: the node_modules owner, bench/peers/ajv). Exit status: 0 pass, 1 fail, 77 skipped (ajv or
// the schema missing).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { caseBytes, corpusPath, missingCorpus, readCases, readCsvCases } from "./cases.mjs";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
let Ajv, addFormats;
try {
  const require = createRequire(path.join(path.resolve(args.modules), "package.json"));
  Ajv = require("ajv-draft-04");
  addFormats = require("ajv-formats");
} catch {
  console.log("sarif_schema skipped: ajv-draft-04 or ajv-formats is not installed (run ./setup --dev)");
  process.exit(77);
}
const schemaFile = args.schema ?? corpusPath("sarif/sarif-schema-2.1.0.json");
if (!schemaFile) {
  console.log(`sarif_schema skipped: ${missingCorpus("sarif/sarif-schema-2.1.0.json", "the OASIS SARIF 2.1.0 JSON schema, https://github.com/oasis-tcs/sarif-spec")}`);
  process.exit(77);
}
const cases = readCases("sarif_schema");
const csvCases = readCsvCases("sarif_schema");
if (cases === null || csvCases === null) process.exit(1);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);  // uri and uri-reference are checked too (artifactLocation.uri, helpUri)
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sdsprofile-sarif-"));
let failures = 0, fixes = 0;
const fail = (what) => { failures++; console.log(`FAIL ${what}`); };

// Every fix of a result: one artifact change on the result's own artifact, replacements in order
// whose deleted regions lie within the input's `size` bytes.
function checkFixes(name, result, size) {
  for (const fix of result.fixes ?? []) {
    fixes++;
    const [change] = fix.artifactChanges;
    if (fix.artifactChanges.length !== 1 || change.artifactLocation.uri !== result.locations[0].physicalLocation.artifactLocation.uri)
      fail(`${name}: a fix changes another artifact`);
    let end = 0;
    for (const { deletedRegion: r } of change.replacements) {
      if (r.byteOffset < end || r.byteOffset + r.byteLength > size) fail(`${name}: replacement ${JSON.stringify(r)} out of order or past the input`);
      end = r.byteOffset + r.byteLength;
    }
  }
}

function check(name, log, expected, size) {
  if (!validate(log)) fail(`${name}: not valid SARIF 2.1.0: ${ajv.errorsText(validate.errors)}`);
  const run = log.runs[0];
  const rules = new Set(run.tool.driver.rules.map((r) => r.id));
  const got = run.results.map((r) => `${r.level} ${r.ruleId} ${r.locations[0].logicalLocations[0].fullyQualifiedName}`);
  for (const r of run.results) if (!rules.has(r.ruleId)) fail(`${name}: rule ${r.ruleId} is not in tool.driver.rules`);
  if (size !== undefined) for (const r of run.results) checkFixes(name, r, size);
  if (expected && JSON.stringify([...got].sort()) !== JSON.stringify([...expected].sort()))
    fail(`${name}: results ${JSON.stringify(got)} differ from the expected ${JSON.stringify(expected)}`);
}

// A log with a baseline: one written from the first half of the cases, then the batch of every
// case compared with it. Every result has a baselineState: "unchanged" with one external
// suppression for the cases the baseline holds, "new" without suppressions for the others.
function checkBaseline(dir, files) {
  const baseline = path.join(dir, "baseline.sdsprofile");
  const held = files.slice(0, Math.floor(files.length / 2));
  const common = ["check", "--format", "sarif", "--no-config", "--now", "2026-01-15T00:00:00Z"];
  const write = spawnSync(args.cli, [...common, "--write-baseline", baseline, ...held.map((f) => path.join(dir, f))],
    { encoding: "utf8", maxBuffer: 1 << 28 });
  const written = JSON.parse(write.stdout);
  check("batch that writes a baseline", written, null);
  if (written.runs[0].results.some((r) => r.baselineState !== "unchanged"))
    fail("batch that writes a baseline: a result is not \"unchanged\"");
  const out = spawnSync(args.cli, [...common, "--baseline", baseline, dir], { encoding: "utf8", maxBuffer: 1 << 28 });
  const log = JSON.parse(out.stdout);
  check("batch with a baseline", log, null);
  const heldUris = new Set(held.map((f) => path.basename(f)));
  const states = { unchanged: 0, new: 0 };
  for (const r of log.runs[0].results) {
    const file = path.basename(r.locations[0].physicalLocation.artifactLocation.uri);
    const want = heldUris.has(file) ? "unchanged" : "new";
    const suppressions = JSON.stringify(r.suppressions ?? null);
    const wantSuppressions = want === "unchanged" ? JSON.stringify([{ kind: "external" }]) : "null";
    if (r.baselineState !== want || suppressions !== wantSuppressions)
      fail(`batch with a baseline: ${file} ${r.ruleId}: ${r.baselineState} ${suppressions}, expected ${want} ${wantSuppressions}`);
    states[r.baselineState] = (states[r.baselineState] ?? 0) + 1;
  }
  if (states.unchanged === 0 || states.new === 0)
    fail(`batch with a baseline: ${states.unchanged} unchanged and ${states.new} new results, expected some of each`);
  fs.rmSync(baseline);
  console.log(`with a baseline: ${states.unchanged} results unchanged, ${states.new} new`);
}

try {
  for (const { name: file, case: c } of cases) {
    const input = path.join(dir, file);
    fs.writeFileSync(input, caseBytes(c));
    const cli = ["check", "--format", "sarif", "--mode", c.mode ?? "create", ...(c.now ? ["--now", c.now] : []), input];
    const out = spawnSync(args.cli, cli, { encoding: "utf8", maxBuffer: 1 << 28 });
    let log;
    try { log = JSON.parse(out.stdout); } catch (e) { fail(`${file}: output is not JSON: ${e.message}`); continue; }
    check(file, log, c.expect.diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`), caseBytes(c).length);
  }
  const batch = spawnSync(args.cli, ["check", "--format", "sarif", "--now", "2026-01-15T00:00:00Z", dir], { encoding: "utf8", maxBuffer: 1 << 28 });
  check("batch of every case", JSON.parse(batch.stdout), null);
  // Every CSV folder case through check-csv (results with no place name their artifact alone).
  for (const c of csvCases) {
    const cli = ["check-csv", "--format", "sarif", ...c.expect.args];
    if (!c.expect.args.includes("--now")) cli.push("--now", "2026-01-15T00:00:00Z");
    if (c.profile) cli.push("--profile", c.profile);
    cli.push(path.join(c.dir, "upload"));
    const out = spawnSync(args.cli, cli, { encoding: "utf8", maxBuffer: 1 << 28 });
    let log;
    try { log = JSON.parse(out.stdout); } catch (e) { fail(`${c.name}: output is not JSON: ${e.message}`); continue; }
    check(`csv-cases/${c.name}`, log, c.expect.diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`));
  }
  checkBaseline(dir, cases.map((c) => c.name).sort());
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
if (fixes === 0) fail("no case gave a result with fixes: the logs with fixes are not covered");
console.log(`${cases.length} cases, one batch and ${csvCases.length} CSV folder cases, ${fixes} fixes: ${failures === 0 ? "valid SARIF 2.1.0" : `${failures} failures`}`);
process.exit(failures === 0 ? 0 : 1);
