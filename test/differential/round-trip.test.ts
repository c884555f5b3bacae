/**
 * Round trips: CSV (`toCSV` → `readCSV({ text })`), JSON (records and ndjson: `toJSONString` →
 * `readJSON({ text })`) and Arrow IPC (`toIPC` → `readIPCSync`, file and stream) give back equal
 * dtypes and values — with the schema given, and (CSV, JSON) with inferred dtypes where the text
 * determines them. DuckDB's read_csv / read_json of colframe's output read the same values.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { nullable, readCSV, readIPCSync, readJSON, type AnyDType, type DataFrame } from '../../src/index.js';
import { frameArb, samples } from '../support/arbitraries.js';
import { Duck, ident, sqlString, sqlType } from '../support/duckdb.js';
import { errorShape } from '../support/evaluate.js';
import { frameCode, frameOf, isFloat, isInt, isText, readFrame, specRows, type FrameSpec } from '../support/frame-specs.js';
import { Findings, repro, shrinkRows, showError } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';
import { sameValue, showRow, type Norm } from '../support/values.js';

const FILE = 'test/differential/round-trip.test.ts';
let duck: Duck;
let dir: string;
beforeAll(async () => {
  duck = await Duck.open();
  dir = mkdtempSync(join(tmpdir(), 'colframe-diff-'));
});
afterAll(() => {
  duck.close();
  rmSync(dir, { recursive: true, force: true });
});

type Verdict = { ok: true } | { ok: false; signature: string; title: string; got: string; want: string };

/** How a dtype is allowed to come back (exact, or an inferred one). */
type DtypeRule = (original: AnyDType, got: AnyDType, values: readonly Norm[]) => boolean;

const exactDtype: DtypeRule = (a, b) => String(a) === String(b);

/** Exact but for the int64 read mode (how JavaScript reads the values, which Arrow IPC does not record). */
const exactStoredDtype: DtypeRule = (a, b) => String(a).replace('<bigint>', '') === String(b).replace('<bigint>', '');

/** What text inference must give back for a column (nullability and int64 read mode aside). */
const inferredDtype: DtypeRule = (a, b, values) => {
  const nonNull = values.filter((v) => v !== null);
  if (nonNull.length === 0) return true;
  const k = a.kind;
  if (k === 'bool' || k === 'date' || k === 'float64') return b.kind === k;
  if (isInt(k)) {
    const fits32 = nonNull.every((v) => (v as bigint) >= -(2n ** 31n) && (v as bigint) < 2n ** 31n);
    return b.kind === (fits32 ? 'int32' : 'int64');
  }
  if (isText(k)) return isText(b.kind);
  if (k === 'timestamp') return b.kind === 'timestamp' && (b.timezone === 'UTC' || b.timezone === null);
  return false;
};

/** Spec values as a format gives them back: JSON writes NaN and ±Infinity as null. */
function expected(spec: FrameSpec, json: boolean): Norm[][] {
  return specRows(spec).map((row) => row.map((v) => (json && typeof v === 'number' && !Number.isFinite(v) ? null : v)));
}

function compare(spec: FrameSpec, got: DataFrame, want: Norm[][], rule: DtypeRule, label: string): Verdict {
  const f = readFrame(got);
  const names = spec.columns.map((c) => c.name);
  if (f.names.join() !== names.join()) return { ok: false, signature: `${label}: columns`, title: `columns [${f.names.join(', ')}]`, got: f.names.join(', '), want: names.join(', ') };
  for (const [j, c] of spec.columns.entries()) {
    if (!rule(c.dtype, f.dtypes[j]!, want.map((r) => r[j]!))) {
      return { ok: false, signature: `${label}: ${c.dtype.kind} comes back as ${f.dtypes[j]!.kind}`, title: `column "${c.name}" ${String(c.dtype)} comes back as ${String(f.dtypes[j])}`, got: String(f.dtypes[j]), want: String(c.dtype) };
    }
  }
  const text = (rows: readonly (readonly Norm[])[]) => rows.map(showRow).join('\n') || '(no rows)';
  if (f.rows.length !== want.length) return { ok: false, signature: `${label}: row count`, title: `${f.rows.length} rows, wrote ${want.length}`, got: text(f.rows), want: text(want) };
  for (const [i, row] of f.rows.entries()) {
    for (const [j, v] of row.entries()) {
      if (!sameValue(v, want[i]![j]!)) {
        return { ok: false, signature: `${label}: values of ${spec.columns[j]!.dtype.kind}`, title: `row ${i}, column "${f.names[j]}": ${showRow([v])}, wrote ${showRow([want[i]![j]!])}`, got: text(f.rows), want: text(want) };
      }
    }
  }
  return { ok: true };
}

async function record(findings: Findings, k: number, spec: FrameSpec, code: string, judge: (s: FrameSpec) => Promise<Verdict>): Promise<void> {
  const v = await judge(spec);
  if (v.ok) return;
  let small = spec;
  let shown = v;
  if (findings.isNew(v.signature)) {
    small = await shrinkRows(spec, async (s) => {
      const again = await judge(s);
      if (again.ok || again.signature !== v.signature) return false;
      shown = again;
      return true;
    });
  }
  findings.add(k, v.signature, { title: shown.title, detail: repro({ frame: frameCode(small), call: code, got: shown.got, want: shown.want, wantLabel: 'expected:' }) });
}

async function guarded(label: string, f: () => Promise<Verdict>): Promise<Verdict> {
  try {
    return await f();
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return { ok: false, signature: `${label}: ${errorShape(err)}`, title: `throws ${showError(err)}`, got: showError(err), want: 'the frame back' };
  }
}

const schemaOf = (spec: FrameSpec) => Object.fromEntries(spec.columns.map((c) => [c.name, c.dtype]));

/** JSON writes NaN and ±Infinity as null: a float column holding them is read back as nullable. */
function jsonSpec(spec: FrameSpec): FrameSpec {
  return {
    ...spec,
    columns: spec.columns.map((c) => (isFloat(c.dtype.kind) && !c.dtype.nullable && c.values.some((v) => v !== null && !Number.isFinite(v)) ? { ...c, dtype: nullable(c.dtype) } : c)),
  };
}
const INFERABLE = ['bool', 'int32', 'int64', 'float64', 'utf8', 'date', 'timestamp'] as const;
/** Text that inference would read as something else (numbers, booleans, dates, NaN …) is not used in inferred columns. */
const looksTyped = (s: string) => s.trim() === '' || /^\s*[-+]?(\d|\.\d|inf|nan|true|false)/i.test(s) || s !== s.trim();

function inferableArb() {
  return frameArb({ kinds: INFERABLE, zones: [null, 'UTC'], columns: { min: 1, max: 4 } }).filter((spec) =>
    spec.columns.every((c) => !isText(c.dtype.kind) || c.values.every((v) => v === null || !looksTyped(v as string))),
  );
}

describe('round trips', () => {
  it('Arrow IPC (file and stream) gives back every dtype and value exactly', async () => {
    const name = 'ipc round trip';
    const cases = samples(frameArb(), name, runs(80));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of cases.entries()) {
      for (const format of ['file', 'stream'] as const) {
        await record(findings, k, spec, `readIPCSync(df.toIPC({ format: '${format}' }))`, (s) =>
          guarded(`ipc ${format}`, async () => compare(s, readIPCSync(frameOf(s).toIPC({ format })), expected(s, false), exactStoredDtype, `ipc ${format}`)),
        );
      }
    }
    findings.assertNone(cases.length);
  });

  it('CSV with the schema gives back every dtype and value exactly', async () => {
    const name = 'csv round trip with schema';
    const cases = samples(frameArb(), name, runs(80));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of cases.entries()) {
      await record(findings, k, spec, 'await readCSV({ text: df.toCSV() }, { schema: df.schema })', (s) =>
        guarded('csv', async () => compare(s, await readCSV({ text: frameOf(s).toCSV() }, { schema: schemaOf(s) } as never), expected(s, false), exactDtype, 'csv with schema')),
      );
    }
    findings.assertNone(cases.length);
  });

  it('CSV without a schema infers the dtype the text determines (float64 stays float64) and gives back the values', async () => {
    const name = 'csv round trip inferred';
    const cases = samples(inferableArb(), name, runs(80));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of cases.entries()) {
      await record(findings, k, spec, 'await readCSV({ text: df.toCSV() })', (s) =>
        guarded('csv', async () => (s.height === 0 ? { ok: true } : compare(s, await readCSV({ text: frameOf(s).toCSV() }), expected(s, false), inferredDtype, 'csv inferred'))),
      );
    }
    findings.assertNone(cases.length);
  });

  it('JSON (records and ndjson) with the schema gives back every dtype and value (NaN and ±Infinity as null)', async () => {
    const name = 'json round trip with schema';
    const cases = samples(frameArb(), name, runs(60));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of cases.entries()) {
      for (const format of ['records', 'ndjson'] as const) {
        await record(findings, k, spec, `await readJSON({ text: df.toJSONString({ format: '${format}' }) }, { format: '${format}', schema: df.schema })`, (s) =>
          guarded(`json ${format}`, async () =>
            compare(jsonSpec(s), await readJSON({ text: frameOf(s).toJSONString({ format }) }, { format, schema: schemaOf(jsonSpec(s)) } as never), expected(s, true), exactDtype, `json ${format} with schema`),
          ),
        );
      }
    }
    findings.assertNone(cases.length);
  });

  it('JSON without a schema infers the dtype the text determines (float64 stays float64) and gives back the values', async () => {
    const name = 'json round trip inferred';
    const cases = samples(inferableArb().filter((s) => s.columns.every((c) => !isFloat(c.dtype.kind) || c.values.every((v) => v === null || Number.isFinite(v)))), name, runs(60));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of cases.entries()) {
      await record(findings, k, spec, `await readJSON({ text: df.toJSONString({ format: 'ndjson' }) }, { format: 'ndjson' })`, (s) =>
        guarded('json', async () => (s.height === 0 ? { ok: true } : compare(s, await readJSON({ text: frameOf(s).toJSONString({ format: 'ndjson' }) }, { format: 'ndjson' }), expected(s, true), inferredDtype, 'json inferred'))),
      );
    }
    findings.assertNone(cases.length);
  });

  it("DuckDB's read_csv and read_json of colframe's output read the same values", async () => {
    const name = 'duckdb reads colframe output';
    // Years 1–9999 only: other years have no text form both sides read.
    const inRange = (spec: FrameSpec) =>
      spec.columns.every((c) => (c.dtype.kind !== 'date' && c.dtype.kind !== 'timestamp') || c.values.every((v) => v === null || /^\d{4}-/.test(new Date((v as number) * (c.dtype.kind === 'date' ? 86_400_000 : 1)).toISOString()) && !new Date((v as number) * (c.dtype.kind === 'date' ? 86_400_000 : 1)).toISOString().startsWith('0000')));
    const cases = samples(frameArb().filter((s) => s.height > 0 && inRange(s)), name, runs(60));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, spec] of cases.entries()) {
      for (const fmt of ['csv', 'ndjson'] as const) {
        const cols = `{${spec.columns.map((c) => `${sqlString(c.name)}: ${sqlString(sqlType(c.dtype))}`).join(', ')}}`;
        const path = join(dir, `out-${k}.${fmt}`);
        const reader =
          fmt === 'csv'
            ? `read_csv(${sqlString(path)}, header = true, columns = ${cols}, auto_detect = false, nullstr = '', quote = '"', escape = '"', allow_quoted_nulls = false, delim = ',', new_line = '\\n')`
            : `read_json(${sqlString(path)}, format = 'newline_delimited', columns = ${cols})`;
        await record(findings, k, spec, fmt === 'csv' ? `df.toCSV()  →  SELECT * FROM ${reader.replace(path, 'out.csv')}` : `df.toJSONString({ format: 'ndjson' })  →  SELECT * FROM ${reader.replace(path, 'out.ndjson')}`, (s) =>
          guarded(`duckdb ${fmt}`, async () => {
            writeFileSync(path, fmt === 'csv' ? frameOf(s).toCSV() : frameOf(s).toJSONString({ format: 'ndjson' }));
            const r = await duck.tryQuery(`SELECT ${s.columns.map((c) => ident(c.name)).join(', ')} FROM ${reader}`);
            if ('error' in r) return { ok: false, signature: `duckdb ${fmt}: ${r.error.replace(/\d+/g, '#').slice(0, 80)}`, title: `DuckDB cannot read it: ${r.error}`, got: fmt === 'csv' ? frameOf(s).toCSV() : frameOf(s).toJSONString({ format: 'ndjson' }), want: 'text DuckDB reads' };
            const want = expected(s, fmt === 'ndjson');
            const bad = r.rows.length !== want.length ? 0 : r.rows.findIndex((row, i) => !row.every((v, j) => sameValue(v, want[i]![j]!)));
            if (r.rows.length === want.length && bad < 0) return { ok: true };
            return { ok: false, signature: `duckdb ${fmt}: values`, title: `DuckDB reads other values (row ${bad})`, got: (fmt === 'csv' ? frameOf(s).toCSV() : frameOf(s).toJSONString({ format: 'ndjson' })) + `\n→ DuckDB reads:\n${r.rows.map(showRow).join('\n')}`, want: want.map(showRow).join('\n') };
          }),
        );
      }
    }
    findings.assertNone(cases.length);
  });
});
