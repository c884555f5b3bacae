/**
 * Chunk-boundary correctness of the JSON reader: the input comes in chunks of `chunkSize` bytes
 * (bytes, text, files) or as a stream yields them, so a line, an element, a string, an escape, a
 * number, a CRLF, a BOM or a multi-byte character may be cut anywhere. The frame (and any error)
 * must not depend on where the cuts fall.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonParseError, readJSON, type DataFrame, type JsonReadOptions } from '../../../src/index.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const NDJSON = Buffer.concat([
  BOM,
  Buffer.from(
    [
      '{"id":1,"name":"Zoë \\"Z\\" 😀","score":1.25,"ok":true,"day":"2024-02-29","tags":[1,{"x":"]"}]}',
      '',
      '{"id":2,"name":"日本語\\u00e9\\ud83d\\ude00","score":-0.5e-3,"ok":false,"day":null}\r',
      '   ',
      '{"day":"2024-03-01","id":3000000000,"name":"","score":12345.678,"ok":null,"tags":"t"}',
      '{"id":4,"late":"only here","name":"x\\ny","score":0}',
    ].join('\n'),
  ),
]);

const RECORDS = Buffer.from(
  JSON.stringify(
    [
      { id: 1, name: 'Zoë "Z" 😀', score: 1.25, ok: true, day: '2024-02-29', tags: [1, { x: ']' }] },
      { id: 2, name: '日本語é😀\u0001', score: -0.0005, ok: false, day: null },
      { day: '2024-03-01', id: 3000000000, name: '', score: 12345.678, ok: null, tags: 't' },
      { id: 4, late: 'only here', name: 'x\ny', score: 0 },
    ],
    null,
    1,
  ),
);

function snapshot(df: DataFrame): unknown {
  return { schema: df.schema.toString(), rows: df.toRecords() };
}

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, Math.min(bytes.length, i + size));
}

describe('readJSON across chunk boundaries', () => {
  for (const [format, bytes] of [
    ['ndjson', NDJSON],
    ['records', RECORDS],
  ] as const) {
    for (const inferSchemaLength of [1000, 2, 0]) {
      it(`readJSON reads ${format} the same with chunks of 1 to 64 bytes (inferSchemaLength ${inferSchemaLength})`, async () => {
        const o: JsonReadOptions = { format, nested: 'json', inferSchemaLength };
        const whole = snapshot(await readJSON(bytes, o));
        for (let size = 1; size <= 64; size++) {
          expect(snapshot(await readJSON(bytes, { ...o, chunkSize: size })), `chunkSize ${size}`).toEqual(whole);
          expect(snapshot(await readJSON(Readable.from(pieces(bytes, size)), o)), `stream of ${size}`).toEqual(whole);
        }
      });
    }
  }

  it('readJSON reads the NDJSON sample the same as JSON.parse per line', async () => {
    const df = await readJSON(NDJSON, { nested: 'json', chunkSize: 7 });
    const lines = NDJSON.subarray(3).toString('utf8').split('\n').filter((l) => l.trim() !== '');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(df.getColumn('name').toArray()).toEqual(parsed.map((r) => r.name));
    expect(df.getColumn('score').toArray()).toEqual(parsed.map((r) => r.score));
    expect(df.getColumn('tags').toArray()).toEqual(['[1,{"x":"]"}]', null, 't', null]);
  });

  it('readJSON reports the same error position whatever the chunk size', async () => {
    const text = Buffer.from('[{"a":1},\n{"a":2},\n {"a":"é", "b": 01}]');
    const errs: string[] = [];
    for (let size = 1; size <= 40; size++) {
      const e = await readJSON(text, { chunkSize: size }).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(JsonParseError);
      const j = e as JsonParseError;
      errs.push(JSON.stringify([j.line, j.byte, j.row, j.key, j.reason]));
      // The snippet shows what of the line has been read so far.
      expect(j.snippet.startsWith(' {"a":"é", "b": 01'), j.snippet).toBe(true);
    }
    expect(new Set(errs).size).toBe(1);
    expect(errs[0]).toBe(JSON.stringify([3, 36, 2, 'b', 'invalid number: leading zero']));
  });

  it('readJSON reads a record much longer than a chunk', async () => {
    const long = 'x'.repeat(100_000);
    const text = `[{"a":"${long}","b":1},{"a":"y","b":2}]`;
    const df = await readJSON({ text }, { chunkSize: 1000 });
    expect(df.getColumn('a').toArray()).toEqual([long, 'y']);
  });

  it('readJSON reads random NDJSON cut at random places the same as JSON.parse per line', async () => {
    const value = fc.oneof(fc.integer(), fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.string({ unit: 'binary' }), fc.constant(null));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ a: value, b: fc.string({ unit: 'grapheme' }) }, { requiredKeys: ['b'] }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 17 }),
        async (rows, size) => {
          const text = rows.map((r) => JSON.stringify(r)).join('\r\n');
          const df = await readJSON(Readable.from(pieces(Buffer.from(text), size)), { format: 'ndjson' });
          expect(df.getColumn('b').toArray()).toEqual(rows.map((r) => r.b));
          const a = df.columns.includes('a') ? df.getColumn('a').toArray() : rows.map(() => null);
          const typeOf = (v: unknown): string => (v === null || v === undefined ? 'null' : typeof v);
          const kinds = new Set(rows.map((r) => typeOf(r.a)).filter((k) => k !== 'null'));
          const expected = rows.map((r) => {
            const v = r.a ?? null;
            // A column mixing JSON types is text: each number as its JSON text.
            return kinds.size > 1 && typeof v === 'number' ? JSON.stringify(v) : v === 0 ? 0 : v;
          });
          expect(a.map((v) => (v === 0 ? 0 : v))).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
