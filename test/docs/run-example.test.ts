import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { extractExamples } from '../support/doc-examples.js';
import { instrument, normalizeValueText, runExample } from '../support/run-example.js';

/** The failures of running `code` as an example (with the public API in scope). */
async function failures(code: string): Promise<string[]> {
  return runExample(instrument(code), { ...api }, { file: 'x.ts', line: 1 }, (spec) => import(spec));
}

describe('the example runner', () => {
  it('passes an example whose claims hold', async () => {
    const code = [
      "const df = DataFrame.fromColumns({ x: [1, 2] });",
      'df.getColumn("x").toArray(); // → [1, 2]',
      'console.log(df.height);',
      '// prints: 2',
      'df.row(5);',
      '// throws IndexOutOfRangeError: Row 5 is out of range for a frame of height 2 (valid: -2 … 1)',
      "const s = 'after the throw';",
      's;',
      "// → 'after the throw'",
    ].join('\n');
    expect(await failures(code)).toEqual([]);
  });

  it('reports a value that differs from the → claim, with the line', async () => {
    expect(await failures('1 + 1; // → 3')).toEqual(['x.ts:1: the value is 2 but the example shows → 3']);
  });

  it('reports printed text that differs, and printed text that no prints: claim shows', async () => {
    expect(await failures("console.log('a');\n// prints: b")).toEqual(['x.ts:2: prints\na\nbut the example shows\nb']);
    const f = await failures("console.log('unseen');\n1; // → 1");
    expect(f).toHaveLength(1);
    expect(f[0]).toContain('x.ts:1: printed output the example does not show');
  });

  it('takes a multi-line prints: block, // alone as an empty line', async () => {
    expect(await failures("console.log('a\\n\\nb');\n// prints:\n// a\n//\n// b")).toEqual([]);
  });

  it('reports a throws claim with the wrong class, the wrong message, or no error', async () => {
    expect(await failures("DataFrame.fromColumns({ x: [1] }).row(3);\n// throws SchemaError: nope")).toEqual([
      'x.ts:2: threw IndexOutOfRangeError, which is not a SchemaError: Row 3 is out of range for a frame of height 1 (valid: -1 … 0)',
    ]);
    expect((await failures("DataFrame.fromColumns({ x: [1] }).row(3);\n// throws IndexOutOfRangeError: nope"))[0]).toContain('IndexOutOfRangeError message is');
    expect(await failures('1;\n// throws Error: boom')).toEqual(['x.ts:2: did not throw (the example shows Error: boom)']);
  });

  it('reports an error no claim expects, naming the line of the statement', async () => {
    const f = await failures("const a = 1;\nnull.x;\na; // → 1");
    expect(f[0]).toMatch(/^x\.ts:2: threw TypeError: Cannot read properties of null/);
  });

  it('refuses an example without claims, a remark after an expression, and a claim nothing checks', async () => {
    expect(await failures('const a = 1;')).toEqual(['x.ts:1: the example shows no checked output: add "// → value", "// prints: …" or "// throws Error: message"']);
    expect((await failures('1 + 1; // 2\n3; // → 3'))[0]).toContain('"// 2" after an expression: show its value as "// → value"');
    expect((await failures('if (true) {\n  1; // → 1\n}\n2; // → 2'))[0]).toContain('x.ts:2: "→ 1" is not right after a top-level statement');
    expect((await failures('1; // → 1\n\n// → 2'))[0]).toContain('x.ts:3: "→ 2" is not right after a top-level statement');
  });

  it('ends a claim on the statement line there, so a remark below belongs to the next statement', async () => {
    expect(await failures('1; // → 1\n// a remark about the next line\n2; // → 2')).toEqual([]);
  });

  it('runs top-level await, imports and TypeScript syntax', async () => {
    const code = "import { join } from 'node:path';\nconst n: number = await Promise.resolve(2);\njoin('a', 'b') + n; // → 'a/b2'";
    expect(await failures(code)).toEqual([]);
  });

  it('compares values without regard to white space', () => {
    expect(normalizeValueText('[ 1, 2 ]')).toBe(normalizeValueText('[1, 2]'));
    expect(normalizeValueText("{ a: 'x',\n  b: [ 1 ] }")).toBe(normalizeValueText("{a: 'x', b: [1]}"));
    expect(normalizeValueText("'a b'")).not.toBe(normalizeValueText("'ab'"));
  });
});

describe('example extraction', () => {
  it('names each ```ts block under @example after its declaration, counting per symbol', () => {
    const text = [
      '/**',
      ' * A thing.',
      ' * @example',
      ' * ```ts',
      ' * thing(); // → 1',
      ' * ```',
      ' * @example',
      ' * ```ts',
      ' * thing(); // → 1',
      ' * ```',
      ' */',
      'export function thing(): number { return 1; }',
      'export class Box {',
      '  /**',
      '   * @example',
      '   * ```ts',
      '   * new Box().size; // → 0',
      '   * ```',
      '   */',
      '  get size(): number { return 0; }',
      '}',
    ].join('\n');
    const { examples, problems } = extractExamples('src/x.ts', text);
    expect(problems).toEqual([]);
    expect(examples.map((e) => [e.symbol, e.topLevel, e.n, e.line, e.code])).toEqual([
      ['thing', 'thing', 1, 5, 'thing(); // → 1'],
      ['thing', 'thing', 2, 9, 'thing(); // → 1'],
      ['Box.size', 'Box', 1, 17, 'new Box().size; // → 0'],
    ]);
  });

  it('reports an @example without a ```ts block', () => {
    const text = '/**\n * @example\n * thing();\n */\nexport function thing(): void {}\n';
    expect(extractExamples('src/x.ts', text).problems.map((p) => p.message)).toEqual(['@example of thing has no ```ts block']);
  });
});
