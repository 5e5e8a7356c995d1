// The ajv validator both scripts use: JSON Schema draft 2020-12, every error reported (allErrors),
// strict about the schema itself. "format" stays an annotation (as draft 2020-12 specifies by
// default): the dates are sdsprofile's invalid-date and invalid-datetime, not the schema's.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The committed schema, schemas/sdsprofile.schema.json (equal to `sdsprofile schema`). */
export const defaultSchemaPath = path.resolve(here, "../../../schemas/sdsprofile.schema.json");

/** ajv's compiled validator for the schema at `schemaPath`, or null when ajv is not installed. */
export async function compileSchema(schemaPath = defaultSchemaPath) {
  let Ajv2020;
  try {
    ({ default: Ajv2020 } = await import("ajv/dist/2020.js"));
  } catch {
    return null;
  }
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, validateFormats: false });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
  return { validate, errorsText: (errors) => ajv.errorsText(errors) };
}

/** The command-line options `--name value` as an object. */
export function parseOptions(argv, defaults) {
  const options = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, "");
    if (!(name in defaults) || i + 1 >= argv.length) throw new Error(`unknown or incomplete option ${argv[i]}`);
    options[name] = argv[i + 1];
  }
  return options;
}

/** `count` lines of the NDJSON buffer, evenly spaced, and the number of lines it holds. */
export function sampleLines(buffer, count) {
  const starts = [0];
  for (let at = buffer.indexOf(10); at >= 0 && at + 1 < buffer.length; at = buffer.indexOf(10, at + 1)) starts.push(at + 1);
  const step = Math.max(1, Math.floor(starts.length / count));
  const lines = [];
  for (let i = 0; i < starts.length && lines.length < count; i += step) {
    const end = buffer.indexOf(10, starts[i]);
    lines.push({ index: i, bytes: buffer.subarray(starts[i], end < 0 ? buffer.length : end) });
  }
  return { lines, total: starts.length };
}
