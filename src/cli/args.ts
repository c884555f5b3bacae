/** Command-line arguments of `colframe`: the subcommand, its files and flags. */
import type { FileFormat } from './input.js';

/** The subcommands. `show` is what `colframe FILE` runs. */
export type Command = 'show' | 'head' | 'schema' | 'describe' | 'convert';

/** Parsed arguments. */
export interface CliArgs {
  readonly command: Command;
  readonly files: readonly string[];
  /** Rows printed by `head` and `show` (`-n`). */
  readonly rows: number | undefined;
  readonly where: string | undefined;
  readonly columns: readonly string[] | undefined;
  readonly format: FileFormat | undefined;
  readonly delimiter: string | undefined;
  /** CSV texts read as null (`--null-values common` or a comma-separated list). */
  readonly nullValues: readonly string[] | 'common' | undefined;
  readonly help: boolean;
  readonly version: boolean;
  readonly debug: boolean;
  /** Progress bar on stderr: `true`/`false` to force, `undefined` for "when stderr is a TTY". */
  readonly progress: boolean | undefined;
}

/**
 * A command line that cannot be run: an unknown flag, a missing value, a wrong file count. The
 * command prints it as one line and exits with code 2.
 * @example
 * ```ts
 * parseArgs(['--nope', 'a.csv']);
 * // throws UsageError: unknown option "--nope"
 * ```
 */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The subcommand whose help to point at. */
    readonly command: Command | undefined,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

const COMMANDS: readonly Command[] = ['head', 'schema', 'describe', 'convert'];
const FORMATS: readonly FileFormat[] = ['csv', 'ipc', 'json', 'ndjson'];

/**
 * Parse `colframe`'s arguments (without `node` and the script).
 * @param argv - The arguments, e.g. `['head', '-n', '5', 'data.csv']`.
 * @throws UsageError for an unknown flag, a flag without its value, a bad number.
 * @example
 * ```ts
 * const args = parseArgs(['head', '-n', '3', '--where', 'x > 1', 'a.csv']);
 * [args.command, args.rows, args.where, args.files]; // → [ 'head', 3, 'x > 1', [ 'a.csv' ] ]
 * ```
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  let command: Command = 'show';
  let i = 0;
  if (argv[0] !== undefined && (COMMANDS as readonly string[]).includes(argv[0])) {
    command = argv[0] as Command;
    i = 1;
  } else if (argv[0] === 'show') {
    i = 1;
  }
  const files: string[] = [];
  let rows: number | undefined;
  let where: string | undefined;
  let columns: string[] | undefined;
  let format: FileFormat | undefined;
  let delimiter: string | undefined;
  let nullValues: readonly string[] | 'common' | undefined;
  let help = false;
  let version = false;
  let debug = false;
  let progress: boolean | undefined;
  let endOfFlags = false;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (endOfFlags || !arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq >= 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`option ${name} needs a value`, command);
      return v;
    };
    switch (name) {
      case '--':
        endOfFlags = true;
        break;
      case '-h':
      case '--help':
        help = true;
        break;
      case '-V':
      case '--version':
        version = true;
        break;
      case '--debug':
        debug = true;
        break;
      case '--progress':
        progress = true;
        break;
      case '--no-progress':
        progress = false;
        break;
      case '-n':
      case '--rows': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`${name} expects a non-negative whole number, got ${JSON.stringify(v)}`, command);
        rows = Number(v);
        break;
      }
      case '-w':
      case '--where':
        where = value();
        break;
      case '-c':
      case '--columns': {
        const v = value();
        columns = v.split(',').map((s) => s.trim());
        if (columns.some((c) => c === '')) throw new UsageError(`${name} expects names separated by commas, got ${JSON.stringify(v)}`, command);
        break;
      }
      case '-f':
      case '--format': {
        const v = value().toLowerCase();
        const f = v === 'arrow' || v === 'feather' ? 'ipc' : v === 'jsonl' ? 'ndjson' : v;
        if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format expects csv, ipc, json or ndjson, got ${JSON.stringify(v)}`, command);
        format = f as FileFormat;
        break;
      }
      case '-d':
      case '--delimiter': {
        const v = value();
        const d = v === '\\t' || v === 'tab' ? '\t' : v;
        if (d.length !== 1) throw new UsageError(`--delimiter expects one character, got ${JSON.stringify(v)}`, command);
        delimiter = d;
        break;
      }
      case '--null-values': {
        const v = value();
        nullValues = v === 'common' ? 'common' : v.split(',');
        break;
      }
      default:
        throw new UsageError(`unknown option ${JSON.stringify(name)}`, command);
    }
  }
  return { command, files, rows, where, columns, format, delimiter, nullValues, help, version, debug, progress };
}

const COMMON = `Options:
  -c, --columns a,b     keep only these columns
  -w, --where EXPR      keep rows matching EXPR, e.g. "amount > 5 and (city == 'Oslo' or note is null)"
  -f, --format FMT      read the input as csv, ipc, json or ndjson (default: from magic bytes and extension)
  -d, --delimiter C     CSV field separator (default: sniffed from the first lines; tab for .tsv)
      --null-values V   CSV texts read as null: "common" (NA, N/A, NULL, None, -, . …) or a list, e.g. NA,-
      --debug           print the stack trace of an error
  -h, --help            show help`;

const WHERE = `--where: comparisons (> >= < <= == != , also = and <>) between a column and a value or two
columns, joined by and / or / not and parentheses. Values: numbers, 'strings' or "strings", true,
false, null. "x is null", "x is not null" (x == null means the same). Column names with spaces or
punctuation go in backticks: \`unit price\` > 3. A string compared with a date column is a date.`;

/** Help text of each subcommand, and of the command itself (`show`). */
export const HELP: Readonly<Record<Command, string>> = {
  show: `Usage: colframe [command] [options] FILE

A first look at a data file: CSV/TSV (.csv .tsv .txt), Arrow IPC (.arrow .arrows .feather .ipc)
or JSON (.json, .ndjson .jsonl). Without a command, prints the first rows at once, then the shape,
schema with null counts, describe() and memory use (colframe's vs an estimate for JS objects).

Commands:
  colframe FILE                  overview (as above)
  colframe head [-n N] FILE      the first N rows (default 10)
  colframe schema FILE           columns, dtypes and null counts
  colframe describe FILE         summary statistics per column
  colframe convert IN OUT        convert between CSV, Arrow IPC and JSON/NDJSON by extension

${COMMON}
  -n, --rows N          rows shown (default 10)
  -V, --version         print the version

${WHERE}

Run "colframe COMMAND --help" for a command's options.`,
  head: `Usage: colframe head [-n N] [options] FILE

Print the first N rows (default 10) as a table. Reads only as much of a CSV or JSON file as it
needs (with --where, until N rows match).

${COMMON}
  -n, --rows N          rows to print (default 10)

${WHERE}`,
  schema: `Usage: colframe schema [options] FILE

Print each column's name, dtype and null count, and the row count.

${COMMON}`,
  describe: `Usage: colframe describe [options] FILE

Print summary statistics of every column: count, null_count, mean, std, min, quartiles, max for
numbers; unique and top for text; min and max for dates.

${COMMON}`,
  convert: `Usage: colframe convert [options] IN OUT

Convert IN to OUT, formats by extension: .csv .tsv (tab-separated) .arrow .feather .ipc (Arrow
IPC file) .arrows (Arrow IPC stream) .json (array of records) .ndjson .jsonl. CSV input to CSV or
NDJSON streams in batches (constant memory); other conversions read the whole input first.
OUT is written to a temporary file beside it and renamed at the end, so a failed run leaves no
half-written OUT. A progress bar is drawn on stderr when it is a terminal and IN is over 4 MB.

${COMMON}
      --progress        draw the progress bar even when stderr is not a terminal
      --no-progress     never draw it`,
};
