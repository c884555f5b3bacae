import { readJSON } from './src/index.ts';
const text = Buffer.from('[{"a":1},\n{"a":2},\n {"a":"é", "b": 01}]');
const seen = new Map<string, number[]>();
for (let size = 1; size <= 40; size++) {
  const e = await readJSON(text, { chunkSize: size }).catch((err: unknown) => err);
  const m = (e as Error).message; seen.set(m, [...(seen.get(m) ?? []), size]);
}
console.log(seen);
