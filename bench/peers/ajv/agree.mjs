// ctest ajv_agreement: sdsprofile (create mode) and ajv with schemas/sdsprofile.schema.json must
// agree on every case (tests/cases/ and SDSPROFILE_EXTRA_CASES) and the benchmark corpus (its
// files and 1000 lines of mixed.ndjson). The peer's verdict is JSON.parse + validate, as a server would run it:
// - sdsprofile reports no error            => ajv must accept;
// - every error is of a kind a schema says => ajv must reject;
// - any other error (a date, a domain...)  => not compared, only counted.
// Usage: node agree.mjs --cli SDSPROFILE --corpus DIR [--schema FILE] [--sample N]
// Exit status: 0 agreement, 1 a disagreement, 77 ajv is not installed (run `npm ci` here).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { compileSchema, defaultSchemaPath, parseOptions, sampleLines } from "./validator.mjs";
import { caseBytes, readCases } from "../../../tests/node/cases.mjs";

// Codes of docs/rules.md that the schema expresses: types and nulls, required and unknown properties
// (names are case-sensitive), navigation properties, the @odata.type discriminators, enums, the
// GUID pattern, empty userDomains/matchingOptions, blank values; and json-syntax, which is
// JSON.parse's rejection.
const expressible = new Set([
  "json-syntax", "type-mismatch", "null-not-allowed", "missing-required", "unknown-property", "property-name-case",
  "navigation-property", "odata-type-missing", "unknown-odata-type", "abstract-type", "odata-type-not-derived",
  "invalid-enum", "invalid-guid", "empty-collection", "empty-value", "serialized-object-text",
]);
const defaultNow = "2026-01-15T00:00:00Z";

const options = parseOptions(process.argv.slice(2), { cli: "", corpus: "", schema: defaultSchemaPath, sample: "1000" });
const ajv = await compileSchema(options.schema);
if (ajv === null) {
  console.log("ajv_agreement skipped: ajv is not installed (run ./setup --dev, or 'npm ci' in bench/peers/ajv)");
  process.exit(77);
}

// Every input: a name, its bytes and the clock for sdsprofile's date rules.
const inputs = [];
const cases = readCases("ajv_agreement");
if (cases === null) process.exit(1);
for (const { name, case: c } of cases) inputs.push({ name: `case ${name}`, bytes: caseBytes(c), now: c.now ?? defaultNow });
for (const file of fs.readdirSync(options.corpus).filter((f) => f.endsWith(".json")).sort())
  inputs.push({ name: `corpus ${file}`, bytes: fs.readFileSync(path.join(options.corpus, file)), now: defaultNow });
const ndjson = sampleLines(fs.readFileSync(path.join(options.corpus, "mixed.ndjson")), Number(options.sample));
if (ndjson.total !== 100000) {
  console.log(`mixed.ndjson holds ${ndjson.total} lines, not 100000`);
  process.exit(1);
}
for (const line of ndjson.lines) inputs.push({ name: `corpus mixed.ndjson:${line.index + 1}`, bytes: line.bytes, now: defaultNow });

// sdsprofile's verdicts: one CLI run per clock over files in a temporary directory.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sdsprofile-ajv-"));
try {
  inputs.forEach((input, i) => {
    input.file = path.join(dir, `${i}.json`);
    fs.writeFileSync(input.file, input.bytes);
  });
  for (const now of new Set(inputs.map((input) => input.now))) {
    const group = inputs.filter((input) => input.now === now);
    const run = spawnSync(options.cli, ["check", "--mode", "create", "--format", "json", "--now", now, ...group.map((g) => g.file)],
                          { encoding: "utf8", maxBuffer: 1 << 28 });
    if (run.status !== 0 && run.status !== 1) throw new Error(`${options.cli} failed (${run.status}): ${run.stderr}`);
    const byFile = new Map(run.stdout.trim().split("\n").map((line) => JSON.parse(line)).map((r) => [r.file, r]));
    for (const input of group) {
      if (!byFile.has(input.file)) throw new Error(`no verdict from sdsprofile for ${input.name}`);
      input.errors = byFile.get(input.file).diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

// ajv's verdicts, after decoding as a server would (a BOM dropped, invalid UTF-8 replaced).
const decoder = new TextDecoder("utf-8");
function peerVerdict(bytes) {
  let value;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch (e) {
    return { accepted: false, why: `JSON.parse: ${e.message}` };
  }
  const accepted = ajv.validate(value);
  return { accepted, why: accepted ? "" : ajv.errorsText(ajv.validate.errors) };
}

const tally = { mustAccept: [0, 0], mustReject: [0, 0], beyond: 0, beyondRejected: 0 };
const disagreements = [];
for (const input of inputs) {
  const peer = peerVerdict(input.bytes);
  if (input.errors.length === 0 || input.errors.every((code) => expressible.has(code))) {
    const expected = input.errors.length === 0;  // accept
    const row = expected ? tally.mustAccept : tally.mustReject;
    if (peer.accepted === expected) {
      row[0] += 1;
    } else {
      row[1] += 1;
      disagreements.push(`${input.name}: sdsprofile errors [${input.errors.join(", ")}], ajv ${peer.accepted ? "accepts" : `rejects: ${peer.why}`}`);
    }
  } else {
    tally.beyond += 1;
    if (!peer.accepted) tally.beyondRejected += 1;
  }
}

console.log(`ajv agreement over ${inputs.length} inputs (${inputs.length - ndjson.lines.length} files, ${ndjson.lines.length} NDJSON lines):`);
console.log(`  no error, ajv must accept:                  ${tally.mustAccept[0]} agree, ${tally.mustAccept[1]} disagree`);
console.log(`  errors a schema expresses, ajv must reject: ${tally.mustReject[0]} agree, ${tally.mustReject[1]} disagree`);
console.log(`  errors beyond a schema (not compared):      ${tally.beyond} (ajv rejects ${tally.beyondRejected} of them)`);
for (const d of disagreements) console.log(`DISAGREE ${d}`);
process.exit(disagreements.length === 0 ? 0 : 1);
