/**
 * Every `@example` in src/ runs here, and what it shows is checked.
 *
 * An example is a fenced ```ts block under an `@example` tag of a TSDoc comment in src/**\/*.ts.
 * Each runs as its own test, `<file> <symbol>: example N`, as the body of an async function (so
 * top-level `await` works), in a fresh temporary working directory (files it writes vanish), with
 * stdout taken for a pipe (not a terminal), so printers use their default width.
 *
 * In scope: every value src/index.ts exports (`DataFrame`, `col`, `readCSV` …), without an import.
 * The example of a declaration src/index.ts does not export (an internal helper) also has its own
 * module's exports in scope. Anything else is imported as a user would: `import { readFileSync }
 * from 'node:fs'`, `import { tableFromArrays } from 'apache-arrow'` (`from 'colframe'` works too);
 * an internal helper's example may import its sibling modules (`import { main } from './main.js'`).
 * There are no other fixtures: each example builds the data it shows.
 *
 * What an example shows is written in comments right after a top-level statement: on the same
 * line (then it is that line alone), or starting on the comment line just below it and going on
 * over the comment lines that follow (a blank line or code ends them):
 *
 *   expr; // → value           the value of `expr` (or of the one variable a `const` declares),
 *                              as `util.inspect` shows it; white space is not significant
 *                              (`[1, 2]` matches `[ 1, 2 ]`; a value may go on over several lines)
 *   stmt;
 *   // prints: text            what the statement printed (console.log, process.stdout) is exactly
 *                              `text`; with nothing after `prints:`, the comment lines below are
 *                              the printed lines (`//` alone is an empty line); blanks at the
 *                              ends of lines and blank lines at the end are not significant
 *   stmt; // throws Name: msg  the statement throws (or its awaited promise rejects) an error of
 *                              class `Name` with exactly the message `msg`; the example goes on
 *
 * Rules that keep every claim checked: an example shows at least one of these; a statement that
 * prints must be followed by `// prints:`; a remark after an expression on its own line is taken
 * for an unchecked claim and refused (show the value with `→`, or put the remark on the line
 * above); a claim that does not directly follow a top-level statement (inside a block, after a
 * blank line) is refused.
 *
 * Examples are parsed and transpiled with the TypeScript compiler API (`ts.transpileModule`:
 * types stripped, not type-checked) — see test/support/run-example.ts. The whole file runs in
 * about two seconds.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as api from '../../src/index.js';
import { allExamples, indexExportNames, type DocExample } from '../support/doc-examples.js';
import { prepareAll, runExample } from '../support/run-example.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { examples, problems } = allExamples(root);
const publicNames = indexExportNames(root);
const prepared = prepareAll(examples.map((e) => e.code));

/** `import … from spec` in the example of `file`: `colframe` is src/index.ts, `./x.js` a module beside `file`. */
const importerFor =
  (file: string) =>
  (spec: string): Promise<unknown> => {
    if (spec === 'colframe') return Promise.resolve(api);
    if (!spec.startsWith('.')) return import(spec);
    const path = join(root, dirname(file), spec);
    return import(pathToFileURL(path.endsWith('.js') && !existsSync(path) ? `${path.slice(0, -3)}.ts` : path).href);
  };

/** The names an example has in scope: the public API, plus its module's exports for an internal helper. */
async function scopeOf(ex: DocExample): Promise<Record<string, unknown>> {
  if (publicNames.has(ex.topLevel)) return { ...api };
  const mod = (await import(pathToFileURL(join(root, ex.file)).href)) as Record<string, unknown>;
  return { ...api, ...mod };
}

describe('documentation examples', () => {
  it('are well formed: every @example has a ```ts block', () => {
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  });

  it('exist: there are examples to run', () => {
    expect(examples.length).toBeGreaterThan(200);
  });

  it('cover every value src/index.ts exports (each function, class and constant has an example)', () => {
    const documented = new Set(examples.map((e) => e.symbol));
    const missing = Object.keys(api).filter((name) => !documented.has(name));
    expect(missing, 'exports without an @example on their declaration').toEqual([]);
  });

  examples.forEach((ex, k) => {
    it(`${ex.file} ${ex.symbol}: example ${ex.n}`, async () => {
      const failures = await runExample(prepared[k]!, await scopeOf(ex), { file: ex.file, line: ex.line }, importerFor(ex.file));
      if (failures.length > 0) expect.fail(`\n${failures.join('\n\n')}\n\n--- example ---\n${ex.code}`);
    });
  });
});
