// The peer benchmark: ajv (draft 2020-12, allErrors) with schemas/sdsprofile.schema.json over the
// benchmark corpus, in two modes: "parse+validate" (JSON.parse of the text, then validate) and
// "validate" (documents parsed beforehand). Prints one JSON line per mode and shape:
//   {"engine":"ajv","mode":"parse+validate","shape":"typical-csv","ns_per_doc":...,"docs":...,"bytes_per_doc":...,"cpu_ns_per_doc":...}
// ns_per_doc is wall-clock time; cpu_ns_per_doc the process's CPU time (user + system, V8's helper
// threads included), which a busy machine disturbs less (bench/compare uses it by default).
// The work is fixed (so runs measure the same thing): for each file shape, about 50 MB of text
// after a fifth as much warm-up; for mixed.ndjson, every line once after a warm-up on 10,000 lines.
// Usage: node bench.mjs --corpus DIR [--schema FILE]
import fs from "node:fs";
import path from "node:path";
import { compileSchema, defaultSchemaPath, parseOptions } from "./validator.mjs";

const options = parseOptions(process.argv.slice(2), { corpus: "", schema: defaultSchemaPath });
const ajv = await compileSchema(options.schema);
if (ajv === null) {
  console.error("bench.mjs: ajv is not installed (run 'npm ci' in bench/peers/ajv, or ./setup)");
  process.exit(2);
}
const { validate } = ajv;

const parseAndValidate = (text) => {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  return validate(value);
};

// Wall-clock and CPU nanoseconds for `run(item)` over `items`, once over the warm-up items first.
function time(items, warmUp, run) {
  let sink = 0;
  for (const item of warmUp) sink += run(item) ? 1 : 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const item of items) sink += run(item) ? 1 : 0;
  const ns = Number(process.hrtime.bigint() - start);
  const cpu = process.cpuUsage(cpuStart);
  return { ns, cpuNs: (cpu.user + cpu.system) * 1000, valid: sink };
}

function report(mode, shape, timed, docs, bytes) {
  console.log(JSON.stringify({ engine: "ajv", mode, shape, ns_per_doc: Math.round(timed.ns / docs), docs, bytes_per_doc: Math.round(bytes / docs), cpu_ns_per_doc: Math.round(timed.cpuNs / docs) }));
}

const shapes = ["seed", "typical-csv", "typical-powerschool", "typical-oneroster", "large", "invalid-1", "invalid-10", "syntax-error"];
for (const shape of shapes) {
  const text = fs.readFileSync(path.join(options.corpus, `${shape}.json`), "utf8");
  const iterations = Math.max(200, Math.round(50e6 / Buffer.byteLength(text)));
  const texts = new Array(iterations).fill(text);
  const warmUp = texts.slice(0, Math.ceil(iterations / 5));
  const timed = time(texts, warmUp, parseAndValidate);
  report("parse+validate", shape, timed, iterations, Buffer.byteLength(text) * iterations);
  if (shape === "syntax-error") continue;  // nothing to validate without a parse
  // Distinct copies (1000, cycled), so that validation does not meet one cache-hot object.
  const copies = Array.from({ length: 1000 }, () => JSON.parse(text));
  const values = Array.from({ length: iterations }, (_, i) => copies[i % copies.length]);
  report("validate", shape, time(values, values.slice(0, warmUp.length), validate), iterations, Buffer.byteLength(text) * iterations);
}

// mixed.ndjson: the lines as strings (decoding is not timed, as for the files above), then in
// chunks so that the parsed documents of the validate mode never all sit in memory at once.
const lines = fs.readFileSync(path.join(options.corpus, "mixed.ndjson"), "utf8").split("\n");
if (lines.at(-1) === "") lines.pop();
const bytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
const chunk = 10000;
const parseTime = { ns: 0, cpuNs: 0 }, validateTime = { ns: 0, cpuNs: 0 };
let parsedDocs = 0, parsedBytes = 0;
const add = (total, timed) => { total.ns += timed.ns; total.cpuNs += timed.cpuNs; };
for (let at = 0; at < lines.length; at += chunk) {
  const texts = lines.slice(at, at + chunk);
  add(parseTime, time(texts, at === 0 ? texts : [], parseAndValidate));
  const values = [];
  for (const text of texts) {
    try {
      values.push(JSON.parse(text));
      parsedBytes += Buffer.byteLength(text) + 1;
    } catch {}  // a syntax-error line: nothing to validate
  }
  add(validateTime, time(values, at === 0 ? values : [], validate));
  parsedDocs += values.length;
}
report("parse+validate", "mixed", parseTime, lines.length, bytes);
report("validate", "mixed", validateTime, parsedDocs, parsedBytes);
