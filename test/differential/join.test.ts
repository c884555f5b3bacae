/**
 * join against DuckDB: every kind (inner left right full semi anti cross), one or two keys, keys
 * of equal dtypes and of mismatched ones (int32 vs int64, int32 vs float64, float64 vs int64 —
 * compared by exact value: difference 2 —, nullable vs non-nullable, categorical vs utf8). Rows
 * come in colframe's documented order (left rows in order, each with its matches in right order,
 * then unmatched right rows), which the SQL states with ORDER BY.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { SchemaError, categorical, float64, int32, int64, nullable, utf8, type AnyDType, type JoinHow } from '../../src/index.js';
import { dtypeArb, frameOfDTypes, heightArb, samples, sharedPoolArb } from '../support/arbitraries.js';
import { Duck, ident } from '../support/duckdb.js';
import { errorShape } from '../support/evaluate.js';
import { frameCode, frameOf, readFrame, withRowId, type FrameSpec } from '../support/frame-specs.js';
import { Findings, attempt, repro, shrinkRows, showError } from '../support/harness.js';
import { runs, seedFor } from '../support/knobs.js';
import { cmpP, colP } from '../support/pairs.js';
import { sameValue, showRow, type Norm } from '../support/values.js';

const FILE = 'test/differential/join.test.ts';
let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
});
afterAll(() => duck.close());

const HOWS: readonly JoinHow[] = ['inner', 'left', 'right', 'full', 'semi', 'anti', 'cross'];

/** Key dtype pairs with different dtypes on the two sides. */
const MISMATCHED: readonly [AnyDType, AnyDType][] = [
  [int32(), int64()],
  [int64(), int32()],
  [int32(), float64()],
  [float64(), int64()],
  [int64('bigint'), float64()],
  [nullable(int32()), int32()],
  [utf8(), nullable(utf8())],
  [categorical(), utf8()],
  [nullable(utf8()), categorical()],
];

interface JoinCase {
  readonly left: FrameSpec;
  readonly right: FrameSpec;
  readonly keys: readonly string[];
  readonly how: JoinHow;
}

const keyTypesArb: fc.Arbitrary<[AnyDType, AnyDType][]> = fc.oneof(
  fc.array(dtypeArb().map((d): [AnyDType, AnyDType] => [d, d]), { minLength: 1, maxLength: 2 }),
  fc.array(fc.constantFrom(...MISMATCHED), { minLength: 1, maxLength: 2 }),
);

const caseArb: fc.Arbitrary<JoinCase> = fc
  .record({ keyTypes: keyTypesArb, lv: fc.array(dtypeArb(), { maxLength: 2 }), rv: fc.array(dtypeArb(), { maxLength: 2 }), nl: heightArb(), nr: heightArb(), pool: sharedPoolArb(), how: fc.constantFrom(...HOWS) })
  .chain(({ keyTypes, lv, rv, nl, nr, pool, how }) =>
    fc
      .tuple(
        frameOfDTypes(keyTypes.map((k) => k[0]), nl, pool, 'k'),
        frameOfDTypes(lv, nl, pool, 'v'),
        frameOfDTypes(keyTypes.map((k) => k[1]), nr, pool, 'k'),
        frameOfDTypes(rv, nr, pool, 'v'),
      )
      .map(([lk, lvals, rk, rvals]): JoinCase => ({
        left: withRowId({ height: nl, columns: [...lk.columns, ...lvals.columns] }),
        right: withRowId({ height: nr, columns: [...rk.columns, ...rvals.columns] }),
        keys: lk.columns.map((c) => c.name),
        how,
      })),
  );

/** Output column names and their SQL, by colframe's naming rules (right clashes get `_right`). */
function outputs(c: JoinCase): { name: string; sql: string }[] {
  const out = c.left.columns.map((col) => {
    const coalesced = c.keys.includes(col.name) && (c.how === 'right' || c.how === 'full');
    return { name: col.name, sql: coalesced ? `coalesce(l.${ident(col.name)}, r.${ident(col.name)})` : `l.${ident(col.name)}` };
  });
  if (c.how === 'semi' || c.how === 'anti') return out;
  const taken = new Set(out.map((o) => o.name));
  for (const col of c.right.columns) {
    if (c.how !== 'cross' && c.keys.includes(col.name)) continue;
    const name = taken.has(col.name) ? `${col.name}_right` : col.name;
    taken.add(name);
    out.push({ name, sql: `r.${ident(col.name)}` });
  }
  return out;
}

function joinSql(c: JoinCase, l = 'L', r = 'R'): string {
  const cond = c.keys
    .map((k) => {
      const a = c.left.columns.find((x) => x.name === k)!;
      const b = c.right.columns.find((x) => x.name === k)!;
      return cmpP('eq', { ...colP(a), sql: `l.${ident(k)}` }, { ...colP(b), sql: `r.${ident(k)}` }).sql;
    })
    .join(' AND ');
  const items = outputs(c).map((o) => `${o.sql} AS ${ident(o.name)}`).join(', ');
  switch (c.how) {
    case 'semi':
    case 'anti':
      return `SELECT ${items} FROM ${l} l WHERE ${c.how === 'anti' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${r} r WHERE ${cond}) ORDER BY l.__row`;
    case 'cross':
      return `SELECT ${items} FROM ${l} l CROSS JOIN ${r} r ORDER BY l.__row, r.__row`;
    default: {
      const kind = { inner: 'JOIN', left: 'LEFT JOIN', right: 'RIGHT JOIN', full: 'FULL JOIN' }[c.how];
      return `SELECT ${items} FROM ${l} l ${kind} ${r} r ON ${cond} ORDER BY l.__row NULLS LAST, r.__row NULLS FIRST`;
    }
  }
}

function joinCode(c: JoinCase): string {
  const on = c.keys.length === 1 ? JSON.stringify(c.keys[0]) : JSON.stringify(c.keys);
  return c.how === 'cross' ? `left.join(right, { how: 'cross' })` : `left.join(right, { on: ${on}, how: '${c.how}' })`;
}

type Verdict = { readonly ok: true } | { readonly ok: false; readonly signature: string; readonly title: string; readonly got: string; readonly want: string };

/**
 * Whether the key column of a right or full join must take an int64 key with no exact double into
 * a float64 key (difference 8). Such a key matches no float, so it comes out unmatched: every one
 * in a full join, the right side's in a right join.
 */
function roundsIntoFloatKey(c: JoinCase): boolean {
  if (c.how !== 'full' && c.how !== 'right') return false;
  return c.keys.some((k) => {
    const a = c.left.columns.find((x) => x.name === k)!;
    const b = c.right.columns.find((x) => x.name === k)!;
    const inexact = (col: typeof a) => col.values.some((v) => typeof v === 'bigint' && BigInt(Number(v)) !== v);
    const intFloat = (i: typeof a, f: typeof a) => (i.dtype.kind === 'int64' || i.dtype.kind === 'uint64') && (f.dtype.kind === 'float64' || f.dtype.kind === 'float32') && inexact(i);
    return intFloat(b, a) || (c.how === 'full' && intFloat(a, b));
  });
}

async function judge(c: JoinCase): Promise<Verdict> {
  const names = outputs(c).map((o) => o.name);
  await duck.load('L', frameOf(c.left));
  await duck.load('R', frameOf(c.right));
  const want = await duck.query(joinSql(c));
  const r = attempt(() => {
    const opts = c.how === 'cross' ? { how: c.how } : { on: c.keys.length === 1 ? c.keys[0]! : c.keys, how: c.how };
    return readFrame(frameOf(c.left).join(frameOf(c.right), opts));
  });
  const kinds = c.keys.map((k) => `${c.left.columns.find((x) => x.name === k)!.dtype.kind}=${c.right.columns.find((x) => x.name === k)!.dtype.kind}`).join(',');
  const wantText = want.rows.map(showRow).join('\n') || '(no rows)';
  if (roundsIntoFloatKey(c)) {
    // Difference 8: the coalesced float64 key cannot hold an int64 key exactly: colframe raises.
    if (!r.ok && r.error instanceof SchemaError && /no exact float64 value/.test(r.error.message)) return { ok: true };
    return { ok: false, signature: `${c.how}: inexact int64 key into a float key`, title: `${joinCode(c)} must raise a SchemaError (an int64 key has no exact float64)`, got: r.ok ? `${r.value.rows.length} rows` : showError(r.error), want: 'SchemaError' };
  }
  if (!r.ok) return { ok: false, signature: errorShape(r.error), title: `${joinCode(c)} throws ${showError(r.error)}`, got: showError(r.error), want: wantText };
  const got = r.value;
  if (got.names.join() !== names.join()) return { ok: false, signature: `${c.how}: column names`, title: `columns [${got.names.join(', ')}], expected [${names.join(', ')}]`, got: got.names.join(', '), want: names.join(', ') };
  const sameRow = (a: readonly Norm[], b: readonly Norm[]) => a.length === b.length && a.every((x, i) => sameValue(x, b[i]!));
  const bad = got.rows.length !== want.rows.length ? Math.min(got.rows.length, want.rows.length) : got.rows.findIndex((row, i) => !sameRow(row, want.rows[i]!));
  if (bad < 0) return { ok: true };
  return {
    ok: false,
    signature: `${c.how} on ${kinds}`,
    title: `${joinCode(c)} (keys ${kinds}): ${got.rows.length} rows, DuckDB ${want.rows.length}; first difference at row ${bad}`,
    got: got.rows.map(showRow).join('\n') || '(no rows)',
    want: wantText,
  };
}

describe('join, differential against DuckDB', () => {
  it('every join kind on equal and mismatched key dtypes gives DuckDB\'s rows, in colframe\'s documented order', async () => {
    const name = 'join';
    const cases = samples(caseArb, name, runs(150));
    const findings = new Findings(name, FILE, seedFor(name));
    for (const [k, c] of cases.entries()) {
      const v = await judge(c);
      if (v.ok) continue;
      let small = c;
      let shown = v;
      if (findings.isNew(v.signature)) {
        const fails = async (x: JoinCase) => {
          const again = await judge(x);
          if (again.ok || again.signature !== v.signature) return false;
          shown = again;
          return true;
        };
        const left = await shrinkRows(c.left, (s) => fails({ ...small, left: s }));
        small = { ...small, left };
        const right = await shrinkRows(c.right, (s) => fails({ ...small, right: s }));
        small = { ...small, right };
        await fails(small);
      }
      findings.add(k, v.signature, {
        title: shown.title,
        detail: repro({ frame: `${frameCode(small.left, 'left')}\n${frameCode(small.right, 'right')}`, call: joinCode(small), sql: joinSql(small, 'left', 'right'), got: shown.got, want: shown.want }),
      });
    }
    findings.assertNone(cases.length);
  });
});

