import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { readIPC, readIPCSync } from '../../../src/index.js';
import { sharedData } from '../../support/shared-data.js';

const vega = sharedData('vega-datasets');
const ARROW = vega.file('data/flights-200k.arrow');
const JSON_PATH = vega.file('npm-vega-datasets-3.2.1/flights-200k.json');

describe.skipIf(!vega.present)('flights-200k.arrow (written by Polars)', () => {
  it('reads equal to flights-200k.json and to the reference sums, as views over the file bytes', async () => {
    const bytes = readFileSync(ARROW);
    const df = readIPCSync(bytes);
    expect(df.shape).toEqual([200_000, 3]);
    expect(df.schema.toString()).toBe('Schema { delay: int16?, distance: int16?, time: float32? }');
    for (const c of df.core.columns) expect(c.data.values.buffer).toBe(bytes.buffer);
    const delay = df.getColumn('delay').data.values as Int16Array;
    const distance = df.getColumn('distance').data.values as Int16Array;
    const time = df.getColumn('time').data.values as Float32Array;
    let sd = 0;
    let sdist = 0;
    let tmin = Infinity;
    let tmax = -Infinity;
    for (let i = 0; i < df.height; i++) {
      sd += delay[i]!;
      sdist += distance[i]!;
      tmin = Math.min(tmin, time[i]!);
      tmax = Math.max(tmax, time[i]!);
    }
    expect(sd).toBe(1_500_159);
    expect(sdist).toBe(145_847_125);
    expect(tmin).toBe(0);
    expect(tmax).toBeCloseTo(23.9833, 4);
    const json = JSON.parse(readFileSync(JSON_PATH, 'utf8')) as { delay: number; distance: number; time: number }[];
    expect(json).toHaveLength(200_000);
    for (let i = 0; i < json.length; i++) {
      const r = json[i]!;
      if (delay[i] !== r.delay || distance[i] !== r.distance || time[i] !== Math.fround(r.time)) {
        throw new Error(`row ${i}: ${delay[i]}, ${distance[i]}, ${time[i]} vs ${JSON.stringify(r)}`);
      }
    }
    expect((await readIPC(ARROW)).height).toBe(200_000);
  });

  it('round trips through writeIPC bytes, read back by colframe and by apache-arrow', () => {
    const df = readIPCSync(readFileSync(ARROW));
    for (const format of ['file', 'stream'] as const) {
      const bytes = df.toIPC({ format });
      const back = readIPCSync(bytes);
      expect(back.getColumn('time').data.values).toEqual(df.getColumn('time').data.values);
      expect(back.getColumn('delay').data.values).toEqual(df.getColumn('delay').data.values);
      const t = tableFromIPC(bytes);
      expect(t.getChild('distance')!.toArray()).toEqual(df.getColumn('distance').data.values);
    }
  });
});
