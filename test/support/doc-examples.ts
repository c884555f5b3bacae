/**
 * Finds the `@example` blocks of the TSDoc comments in src/ and names each after the declaration
 * it documents. The conventions an example follows are described in test/docs/examples.test.ts;
 * test/support/run-example.ts runs one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** One fenced ```ts block under an `@example` tag. */
export interface DocExample {
  /** Path relative to the project root, with forward slashes: `src/frame/dataframe.ts`. */
  readonly file: string;
  /** The documented declaration: `DataFrame.row`, `readCSV`, or `(module)` for a file comment. */
  readonly symbol: string;
  /** The top-level name of the declaration (`DataFrame` for `DataFrame.row`). */
  readonly topLevel: string;
  /** 1-based among the examples of the same symbol. */
  readonly n: number;
  /** 1-based line in the source file of the example's first code line. */
  readonly line: number;
  /** The code, without the comment's ` * ` margins. */
  readonly code: string;
}

/** A malformed example: an `@example` without a ```ts block, an unterminated fence … */
export interface ExtractProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Every `.ts` file under `dir` of the project at `root`, sorted, relative to `root`. */
export function sourceFiles(root: string, dir = 'src'): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(join(root, d), { withFileTypes: true })) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** The name of the declaration a doc comment is attached to, if it has one. */
function declName(node: ts.Node, sf: ts.SourceFile): string | undefined {
  if (ts.isVariableStatement(node)) {
    const d = node.declarationList.declarations[0];
    return d !== undefined && ts.isIdentifier(d.name) ? d.name.text : undefined;
  }
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const name = (node as { name?: ts.Node }).name;
  if (name === undefined) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return `[${name.expression.getText(sf)}]`;
  return undefined;
}

/** Position of each doc comment (its `/**`) → the qualified name of what it documents. */
function docOwners(sf: ts.SourceFile): Map<number, { symbol: string; topLevel: string }> {
  const owners = new Map<number, { symbol: string; topLevel: string }>();
  const visit = (node: ts.Node, path: readonly string[]): void => {
    const name = declName(node, sf);
    const here = name === undefined ? path : [...path, name];
    for (const d of (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? []) {
      if (name !== undefined) owners.set(d.getStart(sf), { symbol: here.join('.'), topLevel: here[0]! });
    }
    if (ts.isSourceFile(node) || ts.isModuleBlock(node)) ts.forEachChild(node, (c) => visit(c, path));
    else if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isModuleDeclaration(node)) ts.forEachChild(node, (c) => visit(c, here));
    else if (ts.isTypeAliasDeclaration(node) && ts.isTypeLiteralNode(node.type)) node.type.members.forEach((m) => visit(m, here));
  };
  visit(sf, []);
  return owners;
}

/** The examples of one source file. */
export function extractExamples(file: string, text: string): { examples: DocExample[]; problems: ExtractProblem[] } {
  const examples: DocExample[] = [];
  const problems: ExtractProblem[] = [];
  if (!text.includes('@example')) return { examples, problems };
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
  const owners = docOwners(sf);
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/\/\*\*[^]*?\*\//g)) {
    if (!m[0].includes('@example')) continue;
    const owner = owners.get(m.index) ?? { symbol: '(module)', topLevel: '(module)' };
    const firstLine = sf.getLineAndCharacterOfPosition(m.index).line + 1;
    // Comment lines without the `/**`, ` * ` and `*/` margins.
    const lines = m[0].split('\n').map((l) => l.replace(/^\s*\/\*\*\s?/, '').replace(/^\s*\*(?!\/) ?/, '').replace(/\s*\*\/$/, ''));
    let inExample = false;
    let fenced = true;
    const at = (i: number): number => firstLine + i;
    for (let i = 0; i < lines.length; i++) {
      const t = lines[i]!.trim();
      const tag = /^@(\w+)/.exec(t);
      if (tag !== null) {
        if (inExample && !fenced) problems.push({ file, line: at(i), message: `@example of ${owner.symbol} has no \`\`\`ts block` });
        inExample = tag[1] === 'example';
        fenced = false;
        continue;
      }
      const fence = /^```(\w*)$/.exec(t);
      if (fence === null) continue;
      const end = lines.findIndex((x, j) => j > i && x.trim() === '```');
      if (end < 0) {
        problems.push({ file, line: at(i), message: 'unterminated ``` fence' });
        break;
      }
      if (inExample) {
        fenced = true;
        if (fence[1] !== 'ts' && fence[1] !== 'typescript') {
          problems.push({ file, line: at(i), message: `@example of ${owner.symbol} uses a \`\`\`${fence[1]} block, not \`\`\`ts` });
        } else {
          const n = (counts.get(owner.symbol) ?? 0) + 1;
          counts.set(owner.symbol, n);
          const code = lines.slice(i + 1, end).join('\n');
          examples.push({ file, symbol: owner.symbol, topLevel: owner.topLevel, n, line: at(i + 1), code });
        }
      }
      i = end;
    }
    if (inExample && !fenced) problems.push({ file, line: firstLine, message: `@example of ${owner.symbol} has no \`\`\`ts block` });
  }
  return { examples, problems };
}

/** Every example under `src/` of the project at `root`. */
export function allExamples(root: string): { examples: DocExample[]; problems: ExtractProblem[] } {
  const examples: DocExample[] = [];
  const problems: ExtractProblem[] = [];
  for (const file of sourceFiles(root)) {
    const r = extractExamples(file, readFileSync(join(root, file), 'utf8'));
    examples.push(...r.examples);
    problems.push(...r.problems);
  }
  return { examples, problems };
}

/** Every name `src/index.ts` exports, values and types alike. */
export function indexExportNames(root: string): Set<string> {
  const sf = ts.createSourceFile('index.ts', readFileSync(join(root, 'src/index.ts'), 'utf8'), ts.ScriptTarget.ES2022, true);
  const names = new Set<string>();
  for (const s of sf.statements) {
    if (ts.isExportDeclaration(s) && s.exportClause !== undefined && ts.isNamedExports(s.exportClause)) {
      for (const e of s.exportClause.elements) names.add(e.name.text);
    }
  }
  return names;
}
