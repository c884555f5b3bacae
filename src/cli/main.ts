/**
 * The `colframe` command: argument dispatch, the subcommands that print, and one-line errors.
 * `src/cli.ts` is the executable entry; this module is importable (tests call {@link main}).
 */
import { readFileSync } from 'node:fs';
import { ColframeError, CsvParseError } from '../errors.js';
import { DataFrame } from '../frame/dataframe.js';
import { dtypeName } from '../dtype/dtype.js';
import type { PrintOptions } from '../display/table.js';
import type { CsvReadInfo } from '../io/csv/options.js';
import { HELP, parseArgs, UsageError, type CliArgs } from './args.js';
import { inspectInput, readInput, scanInput, type InputInfo } from './input.js';
import { compileWhere, parseWhere, type WhereNode } from './where.js';
import { estimateObjectBytes } from './object-estimate.js';
import { convert, OutputFileError } from './convert.js';

/** Where the command writes: stdout for results, stderr for errors and progress. */
export interface CliIO {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/** Rows read first by the overview, before the whole file (also the dtype inference sample). */
const HEAD_SAMPLE = 1000;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const int = (n: number): string => n.toLocaleString('en-US');

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

function formatName(info: InputInfo): string {
  if (info.format === 'csv') return `CSV, delimiter ${info.delimiter === '\t' ? 'tab' : JSON.stringify(info.delimiter)}`;
  if (info.format === 'ipc') return 'Arrow IPC';
  return info.format === 'json' ? 'JSON records' : 'NDJSON';
}

/** The columns the where-expression names (with a stack: a chain of `or`s can be long). */
function whereColumns(root: WhereNode, out: Set<string>): Set<string> {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'column') out.add(node.name);
    else if (node.kind === 'compare' || node.kind === 'logic') stack.push(node.right, node.left);
    else if (node.kind === 'isNull' || node.kind === 'not') stack.push(node.arg);
  }
  return out;
}

/** How to read and cut a frame for the flags given. */
interface Selection {
  /** Columns to read (undefined: all). */
  readonly read: readonly string[] | undefined;
  /** Filter and select a frame read with `read`. */
  apply(df: DataFrame): DataFrame;
}

function selection(args: CliArgs): Selection {
  const tree = args.where === undefined ? undefined : parseWhere(args.where);
  const keep = args.columns;
  const read = keep === undefined ? undefined : [...new Set([...keep, ...(tree === undefined ? [] : whereColumns(tree, new Set()))])];
  return {
    read,
    apply(df: DataFrame): DataFrame {
      let out = df;
      if (tree !== undefined) out = out.filter(compileWhere(args.where!, { names: out.columns, dtypes: out.dtypes }));
      if (keep !== undefined && read !== undefined && read.length !== keep.length) out = out.select(keep as string[]);
      return out;
    },
  };
}

/** The frame as a box table. */
function formatTable(df: DataFrame, options: PrintOptions): string {
  return df.toString(options);
}

function tableWidth(io: CliIO): number {
  return io.stdout.isTTY === true && typeof io.stdout.columns === 'number' ? io.stdout.columns : 120;
}

/** The schema as a table: column, dtype, nulls (with share). */
function schemaTable(df: DataFrame, io: CliIO, withNulls: boolean): string {
  const cols = df.getColumns();
  const table: Record<string, (string | number)[]> = {
    column: cols.map((c) => c.name),
    dtype: cols.map((c) => dtypeName(c.dtype) + (c.dtype.nullable ? '?' : '')),
  };
  if (withNulls) {
    table.nulls = cols.map((c) => c.nullCount);
    table['null %'] = cols.map((c) => (df.height === 0 ? '0%' : `${((100 * c.nullCount) / df.height).toFixed(c.nullCount === 0 ? 0 : 1)}%`));
  }
  return formatTable(DataFrame.fromColumns(table), { showShape: false, showDtypes: false, maxRows: -1, maxCols: -1, maxWidth: tableWidth(io) });
}

function memoryLines(df: DataFrame): string {
  const ours = df.memoryUsage().total;
  const est = estimateObjectBytes(df);
  const per = (b: number): string => (df.height === 0 ? '' : `, ${(b / df.height).toFixed(1)} B/row`);
  const ratio = ours > 0 ? ` (${(est.bytes / ours).toFixed(1)}× colframe's)` : '';
  return [
    `memory:`,
    `  colframe columns:          ${bytes(ours)} (memoryUsage().total${per(ours)})`,
    `  as JS objects (estimate):  ~${bytes(est.bytes)}${ratio}${per(est.bytes)}; an array of plain row objects as JSON.parse makes them`,
  ].join('\n');
}

async function show(args: CliArgs, info: InputInfo, io: CliIO): Promise<void> {
  const sel = selection(args);
  const n = args.rows ?? 10;
  const width = tableWidth(io);
  const out = (s: string): void => void io.stdout.write(`${s}\n`);
  const title = `${info.path}: ${formatName(info)}, ${info.size === undefined ? 'a stream' : bytes(info.size)}`;
  // A stream (pipe, FIFO, stdin) is read once: whole, then shown.
  const streamsHead = info.format !== 'ipc' && info.stream === undefined;
  if (streamsHead) out(title);
  if (streamsHead) {
    // First output at once: the first rows (and the dtypes inferred from them) before the whole file is read.
    let firstInfo: CsvReadInfo | undefined;
    const first = await readInput(info, { columns: sel.read, maxRows: HEAD_SAMPLE, onReadInfo: (i) => (firstInfo = i) });
    const shown = sel.apply(first);
    const more = first.height === HEAD_SAMPLE;
    out(more ? `\nhead (first ${int(HEAD_SAMPLE)} rows read, the rest follows; shape so far: (≥${int(shown.height)}, ${shown.width})):` : `\nhead:`);
    out(formatTable(shown.head(n), { showShape: false, maxRows: -1, maxWidth: width }));
    if (!more) return summary(shown, io, false, undefined, firstInfo);
  }
  const t0 = performance.now();
  let readInfo: CsvReadInfo | undefined;
  const df = sel.apply(await readInput(info, { columns: sel.read, onReadInfo: (i) => (readInfo = i) }));
  if (!streamsHead) {
    out(title);
    out(`\nhead:`);
    out(formatTable(df.head(n), { showShape: false, maxRows: -1, maxWidth: width }));
  }
  return summary(df, io, streamsHead, performance.now() - t0, readInfo);
}

/**
 * One line about text columns that would be numbers (booleans, dates) but for common null
 * tokens, e.g. `hint: "age" would be int32 but for NA ×12, - ×3; read with --null-values common`.
 */
function nullTokenLine(info: CsvReadInfo | undefined): string | undefined {
  const hints = info?.nullTokens ?? [];
  if (hints.length === 0) return undefined;
  const shown = hints.slice(0, 3).map((h) => {
    const tokens = h.tokens.slice(0, 3).map((t) => `${t.token} ×${int(t.count)}`).join(', ');
    return `${JSON.stringify(h.column)} would be ${h.wouldBe} but for ${tokens}${h.tokens.length > 3 ? ', …' : ''}`;
  });
  const more = hints.length > 3 ? `; ${hints.length - 3} more columns` : '';
  return `hint: ${shown.join('; ')}${more}; read with --null-values common (nullValues: 'common') to take them as null`;
}

function summary(df: DataFrame, io: CliIO, afterHead: boolean, ms?: number, info?: CsvReadInfo): void {
  const out = (s: string): void => void io.stdout.write(`${s}\n`);
  const read = ms === undefined || !afterHead ? '' : ` (whole file read in ${(ms / 1000).toFixed(2)} s)`;
  out(`\nshape: (${int(df.height)}, ${df.width})${read}`);
  out(`\nschema:`);
  out(schemaTable(df, io, true));
  const hint = nullTokenLine(info);
  if (hint !== undefined) out(hint);
  out(`\ndescribe():`);
  out(formatTable(df.describe(), { showShape: false, maxRows: -1, maxWidth: tableWidth(io) }));
  out(`\n${memoryLines(df)}`);
}

async function head(args: CliArgs, info: InputInfo, io: CliIO): Promise<void> {
  const sel = selection(args);
  const n = args.rows ?? 10;
  let df: DataFrame | undefined;
  if (args.where === undefined || info.format === 'ipc') {
    df = sel.apply(await readInput(info, { columns: sel.read, ...(args.where === undefined ? { maxRows: n } : {}) })).head(n);
  } else if (info.format === 'csv' && info.stream === undefined) {
    // Stream batches until N rows match (a file: if a later value does not fit, it is read again).
    try {
      const parts: DataFrame[] = [];
      let got = 0;
      for await (const batch of scanInput(info, { columns: sel.read })) {
        const kept = sel.apply(batch);
        if (kept.height > 0) parts.push(kept);
        got += kept.height;
        if (got >= n) break;
      }
      if (parts.length > 0) df = DataFrame.concat(parts).head(n);
    } catch (e) {
      // A later value did not fit the dtypes fixed by the first rows: read whole (which widens).
      if (!(e instanceof CsvParseError)) throw e;
    }
    df ??= sel.apply(await readInput(info, { columns: sel.read })).head(n);
  } else {
    df = sel.apply(await readInput(info, { columns: sel.read })).head(n);
  }
  io.stdout.write(`${formatTable(df, { maxRows: -1, maxWidth: tableWidth(io) })}\n`);
}

async function schema(args: CliArgs, info: InputInfo, io: CliIO): Promise<void> {
  const sel = selection(args);
  const df = sel.apply(await readInput(info, { columns: sel.read }));
  io.stdout.write(`shape: (${int(df.height)}, ${df.width})\n${schemaTable(df, io, true)}\n`);
}

async function describe(args: CliArgs, info: InputInfo, io: CliIO): Promise<void> {
  const sel = selection(args);
  const df = sel.apply(await readInput(info, { columns: sel.read }));
  io.stdout.write(`${formatTable(df.describe(), { maxRows: -1, maxWidth: tableWidth(io) })}\n`);
}

function describeError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a data file';
    default:
      break;
  }
  if (e instanceof ColframeError) return e.message;
  if (e instanceof Error) return `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}`;
  return String(e);
}

/** The first line of a message, with newlines and tabs shown as spaces. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * Run the `colframe` command.
 * @param argv - The arguments after the script (`process.argv.slice(2)`).
 * @param io - Where to write (default: the process's stdout and stderr).
 * @returns The exit code: 0 on success, 1 for a file that cannot be read or bad data, 2 for a
 *   command line that cannot be run. Errors are one line on stderr, `colframe: FILE: problem`,
 *   with the stack trace only under `--debug`.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('weather.csv', 'date,temp_max,weather\n2012-01-01,12.8,drizzle\n2012-01-02,,rain\n');
 * const code = await main(['schema', 'weather.csv']);
 * // prints:
 * // shape: (2, 3)
 * // ┌──────────┬──────────┬───────┬────────┐
 * // │ column   ┆ dtype    ┆ nulls ┆ null % │
 * // ╞══════════╪══════════╪═══════╪════════╡
 * // │ date     ┆ date?    ┆     0 ┆ 0%     │
 * // │ temp_max ┆ float64? ┆     1 ┆ 50.0%  │
 * // │ weather  ┆ utf8?    ┆     0 ┆ 0%     │
 * // └──────────┴──────────┴───────┴────────┘
 * code; // → 0
 * ```
 */
export async function main(argv: readonly string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let args: CliArgs | undefined;
  let file: string | undefined;
  try {
    args = parseArgs(argv);
    if (args.version) {
      io.stdout.write(`colframe ${version()}\n`);
      return 0;
    }
    if (args.help) {
      io.stdout.write(`${HELP[args.command]}\n`);
      return 0;
    }
    const want = args.command === 'convert' ? 2 : 1;
    if (args.files.length !== want) {
      if (args.files.length === 0 && argv.length === 0) {
        io.stdout.write(`${HELP.show}\n`);
        return 2;
      }
      const what = want === 2 ? 'an input and an output file' : 'one file';
      throw new UsageError(`${args.command === 'show' ? 'colframe' : `colframe ${args.command}`} takes ${what}, got ${args.files.length}`, args.command);
    }
    if (args.rows !== undefined && args.command !== 'show' && args.command !== 'head') {
      throw new UsageError(`-n/--rows applies to head and the overview, not to ${args.command}`, args.command);
    }
    // Check the --where syntax before touching the file.
    file = args.files[0]!;
    if (args.where !== undefined) parseWhere(args.where);
    const info = await inspectInput(file, {
      ...(args.format === undefined ? {} : { format: args.format }),
      ...(args.delimiter === undefined ? {} : { delimiter: args.delimiter }),
      ...(args.nullValues === undefined ? {} : { nullValues: args.nullValues }),
    });
    switch (args.command) {
      case 'show':
        await show(args, info, io);
        break;
      case 'head':
        await head(args, info, io);
        break;
      case 'schema':
        await schema(args, info, io);
        break;
      case 'describe':
        await describe(args, info, io);
        break;
      case 'convert':
        // Errors of reading name the input; OutputFileError names the output.
        await convert(info, args.files[1]!, { ...selection(args), args, io });
        break;
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`colframe: ${oneLine(e.message)} (see colframe ${e.command === 'show' || e.command === undefined ? '' : `${e.command} `}--help)\n`);
      if (argv.includes('--debug') && e.stack !== undefined) io.stderr.write(`${e.stack}\n`);
      return 2;
    }
    const target = e instanceof OutputFileError ? e.file : file;
    const where = target === undefined ? '' : `${target}: `;
    io.stderr.write(`colframe: ${where}${oneLine(describeError(e instanceof OutputFileError ? e.reason : e))}\n`);
    if ((args?.debug === true || argv.includes('--debug')) && e instanceof Error && e.stack !== undefined) io.stderr.write(`${e.stack}\n`);
    return 1;
  }
}
