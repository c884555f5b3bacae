import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
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

describe('convert interrupted', () => {
  it('removes its temporary file on SIGINT, SIGTERM and SIGHUP and exits with 128 + the signal number', async () => {
    const input = join(dir, 'big.csv');
    const lines = ['id,name,score'];
    for (let i = 0; i < 150_000; i++) lines.push(`${i},name ${i % 97},${(i * 0.37).toFixed(2)}`);
    writeFileSync(input, `${lines.join('\n')}\n`);
    // The three at once, each to its own output.
    const one = async (signal: NodeJS.Signals, code: number): Promise<void> => {
      const out = join(dir, `big-${signal}.ndjson`);
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), 'convert', input, out], { cwd: root, stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      // Wait until the temporary output exists, then interrupt.
      let tmp: string | undefined;
      const t0 = performance.now();
      while (tmp === undefined && performance.now() - t0 < 15_000) {
        tmp = readdirSync(dir).find((n) => n.startsWith(`big-${signal}.ndjson.colframe-`) && n.endsWith('.tmp'));
        if (tmp === undefined) await new Promise((r) => setTimeout(r, 5));
      }
      expect(tmp).toBeDefined();
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(readdirSync(dir).filter((n) => n.startsWith(`big-${signal}`))).toEqual([]);
    };
    await Promise.all([one('SIGINT', 130), one('SIGTERM', 143), one('SIGHUP', 129)]);
  }, 30_000);
});
