import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { concat } from '../support/bytes.js';
import { EOS, batch, body, schema } from '../support/ipc-messages.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(root, '.dist-test-convert-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run the command in this process, with stdout and stderr taken as text. */
async function runMain(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await main(args, { stdout: out, stderr: err });
  return { code, stdout, stderr };
}

describe('convert of hostile Arrow input', () => {
  it('refuses a tiny file with no columns that claims 2^50 rows, naming the input and leaving no output', async () => {
    const input = join(dir, 'huge.arrows');
    writeFileSync(input, concat(schema([]), batch(2 ** 50, [], body()), EOS));
    const output = join(dir, 'huge.ndjson');
    const t0 = performance.now();
    const r = await runMain(['convert', input, output]);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `colframe: ${input}: Arrow IPC, message 1, byte 144: a record batch claims 1,125,899,906,842,624 rows with a schema with no fields; a frame with no columns holds at most 2^31 − 1 (2,147,483,647)\n`,
    );
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
