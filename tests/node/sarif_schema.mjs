// ctest sarif_schema: `sdsprofile check --format sarif` over every case (tests/cases/ and
// SDSPROFILE_EXTRA_CASES, in its mode, with its clock), and `check-csv --format sarif` over every
// CSV folder case (tests/csv-cases/, SDSPROFILE_EXTRA_CSV_CASES), must validate against the
// official SARIF 2.1.0 JSON schema
// (draft-04, checked with ajv-draft-04 and ajv-formats), have one result per expected diagnostic with the same
// ruleId, level and logical location, and name every rule it uses in tool.driver.rules. A batch of
// all cases in one invocation must validate too.
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
let failures = 0;
const fail = (what) => { failures++; console.log(`FAIL ${what}`); };

function check(name, log, expected) {
  if (!validate(log)) fail(`${name}: not valid SARIF 2.1.0: ${ajv.errorsText(validate.errors)}`);
  const run = log.runs[0];
  const rules = new Set(run.tool.driver.rules.map((r) => r.id));
  const got = run.results.map((r) => `${r.level} ${r.ruleId} ${r.locations[0].logicalLocations[0].fullyQualifiedName}`);
  for (const r of run.results) if (!rules.has(r.ruleId)) fail(`${name}: rule ${r.ruleId} is not in tool.driver.rules`);
  if (expected && JSON.stringify([...got].sort()) !== JSON.stringify([...expected].sort()))
    fail(`${name}: results ${JSON.stringify(got)} differ from the expected ${JSON.stringify(expected)}`);
}

try {
  for (const { name: file, case: c } of cases) {
    const input = path.join(dir, file);
    fs.writeFileSync(input, caseBytes(c));
    const cli = ["check", "--format", "sarif", "--mode", c.mode ?? "create", ...(c.now ? ["--now", c.now] : []), input];
    const out = spawnSync(args.cli, cli, { encoding: "utf8", maxBuffer: 1 << 28 });
    let log;
    try { log = JSON.parse(out.stdout); } catch (e) { fail(`${file}: output is not JSON: ${e.message}`); continue; }
    check(file, log, c.expect.diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`));
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
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`${cases.length} cases, one batch and ${csvCases.length} CSV folder cases: ${failures === 0 ? "valid SARIF 2.1.0" : `${failures} failures`}`);
process.exit(failures === 0 ? 0 : 1);
