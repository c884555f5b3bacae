/**
 * Bad JSON and NDJSON input: every error is a JsonParseError naming the line, byte offset, record
 * (NDJSON row or array element) and key where known, with a snippet of the text around the byte.
 */
import { describe, expect, it } from 'vitest';
import { ColframeError, JsonParseError, float32, float64, readJSON, utf8, type JsonReadOptions } from '../../../src/index.js';

async function error(text: string | Uint8Array, o: JsonReadOptions = {}): Promise<JsonParseError> {
  const e = await readJSON(typeof text === 'string' ? { text } : text, o).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(JsonParseError);
  expect(e).toBeInstanceOf(ColframeError);
  expect((e as JsonParseError).code).toBe('JSON_PARSE');
  return e as JsonParseError;
}

describe('readJSON on invalid records arrays', () => {
  it.each([
    ['[{"a":1},]', 'trailing comma', 9],
    ['[{"a":1}', "the array is not closed (missing ']')", 8],
    ['[{"a":1', 'unexpected end of input', 7],
    ['[{"a":"x', 'unterminated string', 6],
    ['[{"a":1}{"a":2}]', "expected ',' or ']' after an element, found an object", 8],
    ['[{"a":1}] x', "unexpected 'x' after the end of the array", 10],
    ['[{"a":1}][]', "unexpected an array after the end of the array", 9],
    ['[{"a" 1}]', "expected ':' after the key, found a number", 6],
    ['[{a:1}]', "expected a key in quotes, found 'a'", 2],
    ['[{"a":1 "b":2}]', "expected ',' or '}' after a value, found a string", 8],
    ['[{"a":01}]', 'invalid number: leading zero', 6],
    ['[{"a":1.}]', 'a digit must follow the decimal point', 6],
    ['[{"a":.5}]', "expected a value, found '.'", 6],
    ['[{"a":1e}]', 'the exponent has no digits', 6],
    ['[{"a":+1}]', "expected a value, found '+'", 6],
    ['[{"a":NaN}]', "expected a value, found 'N'", 6],
    ['[{"a":tru}]', 'invalid literal (expected true)', 6],
    ['[{"a":nul}]', 'invalid literal (expected null)', 6],
    ['[{"a":"\\x"}]', "invalid escape '\\x'", 7],
    ['[{"a":"\\u12G4"}]', 'invalid \\u escape', 7],
    ['[{"a":"\\udc00"}]', 'lone surrogate', 7],
    ['[{"a":"x\ty"}]', 'unescaped control character in a string', 8],
    ["[{'a':1}]", "expected a key in quotes, found '''", 2],
    ['[1]', 'expected an object, found a number (the array must hold objects)', 1],
    ['[null]', 'expected an object, found null', 1],
    ['[[1]]', 'expected an object, found an array', 1],
    ['{"a":1}', "expected a JSON array of objects ('['), found an object; for one object per line pass format: 'ndjson'", 0],
  ])('readJSON rejects %j: %s', async (text, reason, byte) => {
    const e = await error(text, { format: 'records' });
    expect(e.reason).toContain(reason);
    expect(e.byte).toBe(byte);
    expect(e.format).toBe('records');
  });

  it('readJSON names the element, line and key of an error deep in a pretty-printed array', async () => {
    const text = JSON.stringify([{ a: 1, b: 'x' }, { a: 2, b: 'y' }, { a: 3, b: 'z' }], null, 2).replace('"z"', '"z\\q"');
    const e = await error(text);
    expect([e.row, e.line, e.key]).toEqual([2, 12, 'b']);
    expect(e.byte).toBe(text.indexOf('\\q'));
    expect(e.message).toBe(`JSON line 12 (byte ${e.byte}), element 2, key "b": invalid escape '\\q':     "b": "z\\q"`);
  });

  it('readJSON rejects input that starts with neither [ nor { when the format is not given', async () => {
    const e = await error('  42');
    expect(e.message).toBe("JSON line 1 (byte 2): expected a JSON array of objects ('[') or one object per line ('{'), found a number:   42");
  });
});

describe('readJSON on invalid NDJSON', () => {
  it.each([
    ['{"a":1}\n{"a":2,}\n', 2, 1, "expected a key in quotes, found '}'"],
    ['{"a":1}\n{"a":2\n', 2, 1, 'unexpected end of line'],
    ['{"a":1}\n{"a":\n2}\n', 2, 1, 'unexpected end of line'],
    ['{"a":1}\n[1]\n', 2, 1, 'expected an object, found an array (NDJSON holds one object per line)'],
    ['{"a":1}\n\n"x"\n', 3, 1, 'expected an object, found a string'],
    ['{"a":1} {"a":2}\n', 1, 0, 'unexpected an object after the object (NDJSON holds one object per line)'],
    ['{"a":1}\n{"a":"x\n', 2, 1, 'unterminated string'],
    ['{"a":1}\n{"a":1,"a":2}\n', 2, 1, 'duplicate key in one object'],
  ])('readJSON rejects NDJSON %j at line %i, row %i: %s', async (text, line, row, reason) => {
    const e = await error(text, { format: 'ndjson' });
    expect(e.reason).toContain(reason);
    expect(e.line).toBe(line);
    expect(e.row).toBe(row);
    expect(e.message).toMatch(new RegExp(`^NDJSON line ${line} \\(byte \\d+\\), row ${row}`));
  });

  it('readJSON counts lines across CRLF and blank lines in NDJSON errors', async () => {
    const e = await error('{"a":1}\r\n\r\n{"a":2}\r\n{"a":}\r\n', { format: 'ndjson' });
    expect([e.line, e.row, e.byte, e.key]).toEqual([4, 2, 25, 'a']);
    expect(e.snippet).toBe('{"a":}');
  });
});

describe('readJSON on bad bytes', () => {
  it('readJSON never reads a number beyond the float64 range as infinity, however it is written', async () => {
    const long = await readJSON({ text: '{"a":1}\n{"a":-1e+2125}\n' }, { format: 'ndjson' });
    expect(long.toRecords()).toEqual([{ a: '1' }, { a: '-1e+2125' }]);
    const digits = '9'.repeat(400);
    expect((await readJSON({ text: `[{"a":${digits}}]` })).toRecords()).toEqual([{ a: digits }]);
    const ok = await readJSON({ text: '[{"a":1.7976931348623157e308},{"a":5e-324},{"a":123e100}]' });
    expect(ok.getColumn('a').toArray()).toEqual([1.7976931348623157e308, 5e-324, 1.23e102]);
  });

  it('readJSON rejects invalid UTF-8 in a string value, naming the key', async () => {
    const bytes = Buffer.concat([Buffer.from('[{"a":"x'), Buffer.from([0xff, 0xfe]), Buffer.from('"}]')]);
    const e = await error(bytes);
    expect(e.reason).toBe('invalid UTF-8 in a string');
    expect([e.byte, e.key]).toEqual([6, 'a']);
  });

  it('readJSON rejects invalid UTF-8 in a key', async () => {
    const bytes = Buffer.concat([Buffer.from('[{"'), Buffer.from([0xc3, 0x28]), Buffer.from('":1}]')]);
    const e = await error(bytes);
    expect(e.reason).toBe('invalid UTF-8 in a key');
  });

  it('readJSON rejects a nested value in a text column declared without nested: json', async () => {
    const e = await error('[{"a":[1]}]', { schema: { a: utf8() } });
    expect(e.reason).toBe('a nested value does not fit utf8: expected a string');
    expect((await error('[{"a":[1]}]', { schema: { a: utf8() }, nested: 'error' })).reason).toMatch(/^an array as a value \(nested: 'error'\)/);
  });

  it('readJSON reads deeply nested JSON text with nested: json without overflowing the stack', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const df = await readJSON({ text: `[{"a":${deep}}]` }, { nested: 'json' });
    expect((df.getColumn('a').get(0) as string).length).toBe(200_000);
    await error(`[{"a":${deep.slice(0, -1)}}]`, { nested: 'json' });
  });

  it('readJSON keeps values nested deeper than it infers as JSON text, without overflowing the stack', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const df = await readJSON({ text: `[{"a":${deep}},{"a":[[1]]}]` });
    expect(String(df.schema.get('a'))).toBe('utf8?');
    expect((df.getColumn('a').get(0) as string).length).toBe(200_000);
    expect(df.getColumn('a').get(1)).toBe('[[1]]');
    const ok = '['.repeat(64) + ']'.repeat(64);
    expect(String((await readJSON({ text: `[{"a":${ok}}]` })).schema.get('a'))).toBe(`${'list<'.repeat(64)}null?${'>?'.repeat(64)}`);
  });
});

describe('readJSON on numbers beyond the float range', () => {
  it('reads an inferred column holding one as text, never as Infinity or 0', async () => {
    for (const big of ['1e400', '-1e400', '1e-400']) {
      const df = await readJSON({ text: `[{"a":1.5},{"a":${big}}]` });
      expect(df.getColumn('a').dtype.kind).not.toMatch(/float/);
      expect(df.toRecords()).toEqual([{ a: '1.5' }, { a: big }]);
    }
    const zero = await readJSON({ text: '[{"a":0e999},{"a":-0.0},{"a":5e-324}]' });
    expect(zero.getColumn('a').toArray()).toEqual([0, -0, 5e-324]);
  });

  it('refuses one in a declared float column, naming the record, key and value', async () => {
    const e = await error('[{"a":1.5},\n{"a":1e400}]', { dtypes: { a: float64() } });
    expect(e.message).toMatch(/^JSON line 2 \(byte \d+\), element 1, key "a": a number \(1e400\) does not fit float64/);
    const small = await error('[{"a":-1e-400}]', { dtypes: { a: float64() } });
    expect(small.message).toMatch(/element 0, key "a": a number \(-1e-400\) does not fit float64/);
    const f32 = await error('[{"a":1e39}]', { dtypes: { a: float32() } });
    expect(f32.message).toMatch(/a number \(1e39\) does not fit float32/);
  });
});

describe('readJSON on { text } with a lone surrogate', () => {
  it('refuses it as invalid UTF-8, as from bytes', async () => {
    const e = await error('[{"a":"ok"},{"a":"x\uD800"}]');
    expect(e.message).toMatch(/element 1, key "a": invalid UTF-8/);
  });
});
