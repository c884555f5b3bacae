import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import {
  DataFrame,
  InvalidArgumentError,
  bool,
  categorical,
  date,
  float32,
  int64,
  nullable,
  planIPCFile,
  planIPCStream,
  readIPCSync,
  timestamp,
  utf8,
} from '../../../src/index.js';

function sample(): DataFrame {
  return DataFrame.fromColumns(
    {
      id: [1n, 2n, 3n, 4n],
      name: ['Ada', null, 'Grace', 'Linus é'],
      city: ['Oslo', 'Rome', 'Oslo', null],
      ok: [true, false, null, true],
      x: [1.5, null, -2.25, 0],
      day: [new Date(0), new Date(86_400_000 * 365), null, new Date(86_400_000 * 20000)],
      at: [new Date(1), null, new Date(1_700_000_000_123), new Date(-5)],
    },
    {
      schema: {
        id: int64('bigint'),
        name: nullable(utf8()),
        city: nullable(categorical()),
        ok: nullable(bool()),
        x: nullable(float32()),
        day: nullable(date()),
        at: nullable(timestamp({ timezone: 'Europe/Oslo' })),
      },
    },
  );
}

describe('planIPCStream', () => {
  it('lays a frame out in a SharedArrayBuffer that readIPCSync reads as views over it and apache-arrow reads too', () => {
    const df = sample();
    const p = planIPCStream(df);
    const sab = new SharedArrayBuffer(p.byteLength);
    p.writeInto(new Uint8Array(sab));
    const back = readIPCSync(new Uint8Array(sab), { int64: 'bigint' });
    expect(back.toRecords()).toEqual(df.toRecords());
    expect(String(back.schema)).toBe(String(df.schema));
    for (const c of back.core.columns) {
      expect(c.data.values.buffer).toBe(sab);
      if (c.data.nullBitmap !== undefined && c.nullCount > 0) expect(c.data.nullBitmap.buffer).toBe(sab);
    }
    expect(back.getColumn('name').data.valueOffsets.buffer).toBe(sab);
    const t = tableFromIPC(new Uint8Array(sab));
    expect(t.numRows).toBe(4);
    expect(t.getChild('name')!.toArray()).toEqual(['Ada', null, 'Grace', 'Linus é']);
    expect(t.getChild('city')!.toArray()).toEqual(['Oslo', 'Rome', 'Oslo', null]);
    expect([...t.getChild('id')!]).toEqual([1n, 2n, 3n, 4n]);
    expect(t.getChild('at')!.get(2)).toBe(1_700_000_000_123);
  });

  it('ends with the end-of-stream marker and places the schema, one dictionary per categorical and one record batch', () => {
    const p = planIPCStream(sample());
    expect(p.messages.map((m) => m.kind)).toEqual(['schema', 'dictionary', 'recordBatch']);
    const bytes = new Uint8Array(p.byteLength);
    p.writeInto(bytes);
    expect([...bytes.subarray(p.byteLength - 8)]).toEqual([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
    const last = p.messages.at(-1)!;
    expect(last.bodyOffset + last.bodyLength).toBe(p.byteLength - 8);
  });

  it('starts every body on a 64-byte boundary by default and on 8 with alignment 8', () => {
    for (const alignment of [8, 64] as const) {
      const p = planIPCStream(sample(), { alignment });
      for (const m of p.messages) {
        expect(m.bodyOffset % alignment).toBe(0);
        expect(m.bodyLength % alignment).toBe(0);
      }
    }
    expect(planIPCStream(sample(), { alignment: 8 }).byteLength).toBeLessThan(planIPCStream(sample()).byteLength);
  });

  it('writes every padding byte, so a dirty target reads the same', () => {
    const df = sample();
    const p = planIPCStream(df);
    const dirty = new Uint8Array(p.byteLength + 16).fill(0xab);
    p.writeInto(dirty);
    const clean = new Uint8Array(p.byteLength);
    p.writeInto(clean);
    expect(dirty.subarray(0, p.byteLength)).toEqual(clean);
  });

  it('rejects a target that is too short and an alignment other than 8 or 64', () => {
    const p = planIPCStream(sample());
    expect(() => p.writeInto(new Uint8Array(p.byteLength - 1))).toThrow(InvalidArgumentError);
    expect(() => planIPCStream(sample(), { alignment: 16 as 8 })).toThrow(InvalidArgumentError);
    expect(() => planIPCStream({} as never)).toThrow(InvalidArgumentError);
  });

  it('writes sliced frames (bit offsets not on a byte boundary) exactly', () => {
    const df = sample().slice(1, 3);
    const p = planIPCStream(df);
    const bytes = new Uint8Array(p.byteLength);
    p.writeInto(bytes);
    expect(readIPCSync(bytes, { int64: 'bigint' }).toRecords()).toEqual(df.toRecords());
  });
});

describe('planIPCFile', () => {
  it('writes ARROW1 magic at both ends and a footer apache-arrow reads', () => {
    const df = sample();
    const p = planIPCFile(df);
    const bytes = new Uint8Array(p.byteLength);
    p.writeInto(bytes);
    expect(new TextDecoder().decode(bytes.subarray(0, 6))).toBe('ARROW1');
    expect(new TextDecoder().decode(bytes.subarray(bytes.length - 6))).toBe('ARROW1');
    expect(readIPCSync(bytes, { int64: 'bigint' }).toRecords()).toEqual(df.toRecords());
    const t = tableFromIPC(bytes);
    expect(t.numRows).toBe(4);
    expect(t.getChild('city')!.toArray()).toEqual(['Oslo', 'Rome', 'Oslo', null]);
  });
});
