/**
 * Runs one documentation example and checks what it claims (the convention is described at the
 * top of test/docs/examples.test.ts). The example's TypeScript is parsed with the TypeScript
 * compiler API to find its top-level statements and the comments after them, instrumented
 * around each checked statement, transpiled by `ts.transpileModule` (types stripped, nothing
 * type-checked; all examples in one call) and run as the body of an async function whose
 * parameters are the names in scope.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import ts from 'typescript';

/** What a checked statement claims. */
export type Claim =
  | { readonly kind: 'value'; readonly line: number; readonly text: string }
  | { readonly kind: 'prints'; readonly line: number; readonly text: string }
  | { readonly kind: 'throws'; readonly line: number; readonly name: string; readonly message: string };

/** The example rewritten for running, with its claims and any problems of form. */
export interface Instrumented {
  readonly body: string;
  readonly claims: readonly Claim[];
  readonly problems: readonly string[];
  /** `body` as JavaScript, when transpiled ahead (see {@link prepareAll}). */
  readonly js?: string;
}

const MARKER = /^(→|prints:|throws\b)/;

/** `// text` → `text` (one space after the slashes dropped), or undefined for a line that is not a line comment. */
function commentText(line: string): string | undefined {
  const m = /^\s*\/\/ ?(.*)$/.exec(line);
  return m === null ? undefined : m[1]!;
}

/** The comment lines directly below line index `from` (a blank or code line ends them). */
function commentBlock(lines: readonly string[], from: number): string[] {
  const out: string[] = [];
  for (let i = from; i < lines.length; i++) {
    const t = commentText(lines[i]!);
    if (t === undefined) break;
    out.push(t);
  }
  return out;
}

function parseClaim(first: string, rest: readonly string[], line: number): Claim | string {
  if (first.startsWith('→')) {
    const text = [first.slice(1), ...rest].join('\n').trim();
    return text === '' ? `line ${line}: "→" shows no value` : { kind: 'value', line, text };
  }
  if (first.startsWith('prints:')) {
    const head = first.slice('prints:'.length).trim();
    return { kind: 'prints', line, text: (head === '' ? rest : [head, ...rest]).join('\n') };
  }
  const m = /^throws (\w+): (.*)$/.exec(first);
  if (m === null) return `line ${line}: write "throws ErrorName: message"`;
  return { kind: 'throws', line, name: m[1]!, message: [m[2]!, ...rest].join('\n') };
}

/** The import declaration as a statement binding the same names from `__import(specifier)`. */
function importAsCode(s: ts.ImportDeclaration): string {
  const spec = (s.moduleSpecifier as ts.StringLiteral).text;
  const clause = s.importClause;
  if (clause === undefined) return `await __import(${JSON.stringify(spec)});`;
  if (clause.isTypeOnly) return '';
  const parts: string[] = [];
  const ns = `__import(${JSON.stringify(spec)})`;
  if (clause.name !== undefined) parts.push(`const ${clause.name.text} = (await ${ns}).default;`);
  const nb = clause.namedBindings;
  if (nb !== undefined && ts.isNamespaceImport(nb)) parts.push(`const ${nb.name.text} = await ${ns};`);
  if (nb !== undefined && ts.isNamedImports(nb)) {
    const names = nb.elements.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName === undefined ? e.name.text : `${e.propertyName.text}: ${e.name.text}`));
    if (names.length > 0) parts.push(`const { ${names.join(', ')} } = await ${ns};`);
  }
  return parts.join(' ');
}

/**
 * The example's code with each top-level statement announced (`__s(line)`) and each checked one
 * wrapped: `__v(k, value)` after a `→` claim, `__p(k)` after a `prints:` claim, and the statement
 * run inside `__t(k, async () => { … })` for a `throws` claim.
 */
export function instrument(code: string): Instrumented {
  const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true);
  const lines = code.split('\n');
  const lineOf = (pos: number): number => sf.getLineAndCharacterOfPosition(pos).line;
  const claims: Claim[] = [];
  const problems: string[] = [];
  const used = new Set<number>();
  const out: string[] = [];
  for (const d of (sf as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? []) {
    problems.push(`line ${lineOf(d.start ?? 0) + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }
  for (const s of sf.statements) {
    const start = s.getStart(sf);
    const last = lineOf(s.end);
    const text = code.slice(start, s.end);
    out.push(`__s(${lineOf(start) + 1});`);
    if (ts.isImportDeclaration(s)) {
      out.push(importAsCode(s));
      continue;
    }
    // The claim: a comment after the statement on its last line, or the comment lines below it.
    const trailing = ts.getTrailingCommentRanges(code, s.end)?.find((r) => r.kind === ts.SyntaxKind.SingleLineCommentTrivia && lineOf(r.pos) === last);
    const trailingText = trailing === undefined ? undefined : code.slice(trailing.pos + 2, trailing.end).replace(/^ /, '');
    const below = commentBlock(lines, last + 1);
    let claim: Claim | string | undefined;
    if (trailingText !== undefined && MARKER.test(trailingText.trim())) {
      // On the statement's line, a claim with its text there is that line alone; a bare
      // `// prints:` (or `// →`) continues on the comment lines below.
      const t = trailingText.trim();
      const alone = t.replace(/^(→|prints:)/, '').trim() !== '';
      const more = alone ? [] : below;
      claim = parseClaim(t, more, last + 1);
      for (let i = 0; i < more.length; i++) used.add(last + 1 + i);
      used.add(last);
    } else if (below.length > 0 && MARKER.test(below[0]!.trim())) {
      claim = parseClaim(below[0]!.trim(), below.slice(1), last + 2);
      for (let i = 0; i < below.length; i++) used.add(last + 1 + i);
    } else if (trailingText !== undefined && ts.isExpressionStatement(s)) {
      problems.push(`line ${last + 1}: "// ${trailingText}" after an expression: show its value as "// → value", or put the remark on its own line above`);
    }
    if (typeof claim === 'string') {
      problems.push(claim);
      claim = undefined;
    }
    if (claim === undefined) {
      out.push(text);
      continue;
    }
    const k = claims.length;
    claims.push(claim);
    if (claim.kind === 'throws') {
      out.push(`await __t(${k}, async () => { ${text}\n });`);
    } else if (claim.kind === 'prints') {
      out.push(text, `__p(${k});`);
    } else if (ts.isExpressionStatement(s)) {
      out.push(`__v(${k}, (${code.slice(s.expression.getStart(sf), s.expression.end)}\n));`);
    } else if (ts.isVariableStatement(s) && s.declarationList.declarations.length === 1 && ts.isIdentifier(s.declarationList.declarations[0]!.name)) {
      out.push(text, `__v(${k}, ${s.declarationList.declarations[0]!.name.text});`);
    } else {
      problems.push(`line ${claim.line}: "→" follows a statement that has no value (use an expression, or a const of one variable)`);
      out.push(text);
    }
  }
  out.push('__s(-1);');
  // A claim that no top-level statement owns (inside a block, after a blank line …) is never checked.
  lines.forEach((l, i) => {
    const t = commentText(l) ?? /\/\/ ?(.*)$/.exec(l)?.[1];
    if (t !== undefined && MARKER.test(t.trim()) && !used.has(i)) problems.push(`line ${i + 1}: "${t.trim()}" is not right after a top-level statement, so nothing checks it`);
  });
  if (claims.length === 0) problems.push('the example shows no checked output: add "// → value", "// prints: …" or "// throws Error: message"');
  return { body: out.join('\n'), claims, problems };
}

const TRANSPILE: ts.TranspileOptions = {
  compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false, isolatedModules: true },
  reportDiagnostics: false,
};

/**
 * Instrumented bodies as JavaScript. One `transpileModule` call for them all (each wrapped in a
 * function of its own, then cut apart again): a call per example costs several milliseconds.
 */
export function transpile(bodies: readonly string[]): string[] {
  const source = bodies.map((b, k) => `async function __example${k}() {\n${b}\n}\n`).join('');
  const out = ts.transpileModule(source, TRANSPILE).outputText;
  const parts = out.split(/^async function __example\d+\(\) \{$/m).slice(1);
  if (parts.length !== bodies.length) throw new Error(`transpile: ${bodies.length} bodies gave ${parts.length} functions`);
  return parts.map((p) => p.slice(0, p.lastIndexOf('}')));
}

/** Every example instrumented and transpiled, ready to run. */
export function prepareAll(codes: readonly string[]): Instrumented[] {
  const list = codes.map(instrument);
  const js = transpile(list.map((x) => x.body));
  return list.map((x, k) => ({ ...x, js: js[k]! }));
}

/** Whitespace-insensitive form of a value's text: runs of white space as one space, none inside brackets. */
export function normalizeValueText(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/([[({]) /g, '$1')
    .replace(/ ([\])}])/g, '$1')
    .trim();
}

/** How a `→` claim's value is shown: `util.inspect` on one line, every level and element. */
export function showValue(v: unknown): string {
  return inspect(v, { depth: Infinity, breakLength: Infinity, maxArrayLength: Infinity, maxStringLength: Infinity });
}

/** Printed text as compared: trailing blanks of each line and blank lines at the end left out. */
const trimLines = (s: string): string =>
  s
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');

/** Where the example lives, for messages: the source file's path and its line of example line 1. */
export interface ExampleOrigin {
  readonly file: string;
  readonly line: number;
}

/** What a claim's statement actually gave: the value's text, the printed text, or `Name: message`. */
export type Observer = (claim: Claim, actual: string) => void;

/**
 * Run an instrumented example with `scope` (names → values) in scope; returns the failures.
 * `observe`, when given, hears what each checked statement actually gave.
 */
export async function runExample(
  ex: Instrumented,
  scope: Readonly<Record<string, unknown>>,
  origin: ExampleOrigin,
  importer: (spec: string) => Promise<unknown>,
  observe?: Observer,
): Promise<string[]> {
  const failures = ex.problems.map((p) => at(origin, p));
  if (failures.length > 0) return failures;
  const where = (line: number): string => `${origin.file}:${origin.line + line - 1}`;
  let output = '';
  let current = 0;
  const take = (): string => {
    const s = output;
    output = '';
    return s;
  };
  const capture = (...args: unknown[]): void => {
    output += `${args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ')}\n`;
  };
  const fakeConsole = { ...console, log: capture, info: capture, warn: capture, error: capture, debug: capture };
  const helpers = {
    __s(line: number): void {
      const left = take();
      if (left !== '') failures.push(`${where(current)}: printed output the example does not show (add "// prints:" below the statement):\n${left}`);
      current = line;
    },
    __p(k: number): void {
      const c = ex.claims[k] as Claim & { kind: 'prints' };
      const got = trimLines(take());
      observe?.(c, got);
      if (got !== trimLines(c.text)) failures.push(`${where(c.line)}: prints\n${got}\nbut the example shows\n${c.text}`);
    },
    __v(k: number, value: unknown): void {
      const c = ex.claims[k] as Claim & { kind: 'value' };
      const got = showValue(value);
      observe?.(c, got);
      if (normalizeValueText(got) !== normalizeValueText(c.text)) failures.push(`${where(c.line)}: the value is ${got} but the example shows → ${c.text}`);
    },
    async __t(k: number, fn: () => Promise<void>): Promise<void> {
      const c = ex.claims[k] as Claim & { kind: 'throws' };
      try {
        await fn();
      } catch (e) {
        const cls = scope[c.name] ?? (globalThis as Record<string, unknown>)[c.name];
        const err = e as Error;
        observe?.(c, `${String(err?.name)}: ${String(err?.message)}`);
        if (typeof cls === 'function' && !(e instanceof cls)) failures.push(`${where(c.line)}: threw ${String(err?.name)}, which is not a ${c.name}: ${String(err?.message)}`);
        else if (err?.name !== c.name) failures.push(`${where(c.line)}: threw ${String(err?.name)}, not ${c.name}: ${String(err?.message)}`);
        else if (err.message !== c.message) failures.push(`${where(c.line)}: ${c.name} message is\n${err.message}\nbut the example shows\n${c.message}`);
        return;
      }
      observe?.(c, '(no error)');
      failures.push(`${where(c.line)}: did not throw (the example shows ${c.name}: ${c.message})`);
    },
    __import: importer,
  };
  const js = ex.js ?? transpile([ex.body])[0]!;
  const names = [...Object.keys(scope), 'console', ...Object.keys(helpers)];
  const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'colframe-example-'));
  const cwd = process.cwd();
  // Writes to stdout (glimpse({ print: true }), writeCSV(df, process.stdout)) count as printed,
  // and stdout is not a terminal (as when piped), so printers use their default width.
  const stdoutWrite = process.stdout.write;
  const isTTY = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
  Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true, writable: true });
  process.stdout.write = ((chunk: string | Uint8Array, enc?: unknown, cb?: unknown): boolean => {
    output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const done = typeof enc === 'function' ? enc : cb;
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
    return true;
  }) as typeof process.stdout.write;
  try {
    process.chdir(dir);
    const fn = new AsyncFunction(...names, `'use strict';\n{\n${js}\n}`);
    await fn(...Object.values(scope), fakeConsole, ...Object.values(helpers));
  } catch (e) {
    const err = e as Error;
    failures.push(`${where(current)}: threw ${String(err?.name)}: ${String(err?.message)}${err?.stack === undefined ? '' : `\n${err.stack.split('\n').slice(1, 4).join('\n')}`}`);
  } finally {
    process.stdout.write = stdoutWrite;
    if (isTTY === undefined) delete (process.stdout as { isTTY?: boolean }).isTTY;
    else Object.defineProperty(process.stdout, 'isTTY', isTTY);
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
  return failures;
}

function at(origin: ExampleOrigin, problem: string): string {
  const m = /^line (\d+): /.exec(problem);
  return m === null ? `${origin.file}:${origin.line}: ${problem}` : `${origin.file}:${origin.line + Number(m[1]) - 1}: ${problem.slice(m[0].length)}`;
}
