/**
 * Conformance of the CSV reader against public CSV test suites in ../shared/data:
 * csv-spectrum, csv-test-data, CSV.jl's test files (with their transcribed expectations),
 * rust-csv's example files, and real-world vega-datasets files.
 *
 * Expected outputs of the suites are strings. To compare, every column is read as text: a first
 * read with `maxRows: 0` gives the column names, a second maps each of them to `nullable(utf8())`.
 * An empty unquoted field is null by our documented rule; where a suite expects `""` for it, null
 * is compared as `''` (said at each such place).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CsvParseError,
  SchemaError,
  bool,
  float64,
  int64,
  nullable,
  readCSV,
  utf8,
  type AnyDType,
  type CsvReadOptions,
  type CsvSource,
  type DataFrame,
} from '../../../src/index.js';
import { rowsOf } from '../../support/frames.js';
import { SHARED_DATA_DIR, sharedData } from '../../support/shared-data.js';

const spectrum = sharedData('csv-spectrum');
const csvTestData = sharedData('csv-test-data');
const csvJl = sharedData('csv-jl');
const rustCsv = sharedData('rust-csv');
const vega = sharedData('vega-datasets');
const dataPath = (rel: string): string => join(SHARED_DATA_DIR, rel);
const readJson = (rel: string): unknown => JSON.parse(readFileSync(dataPath(rel), 'utf8'));

type Cell = string | null;


/** Read with every column as nullable utf8: the column names and the rows as strings or null. */
async function readText(source: CsvSource, options: CsvReadOptions = {}): Promise<{ columns: string[]; rows: Cell[][] }> {
  const probe = await readCSV(source, { ...options, maxRows: 0, inferSchemaLength: 0 });
  const dtypes: Record<string, AnyDType> = Object.fromEntries(probe.columns.map((n) => [n, nullable(utf8())]));
  const df = await readCSV(source, { ...options, dtypes });
  return { columns: df.columns, rows: rowsOf(df) as Cell[][] };
}

/** The names of the files in a data folder that end with `ext`, without it. */
function readdirNames(rel: string, ext: string): string[] {
  return readdirSync(dataPath(rel))
    .filter((n) => n.endsWith(ext))
    .map((n) => n.slice(0, -ext.length));
}

/** Null read as `''`, for suites that do not tell an empty field from a quoted empty string. */
const nullAsEmpty = (rows: Cell[][]): string[][] => rows.map((r) => r.map((v) => v ?? ''));

// ---------------------------------------------------------------------------------------------
// csv-spectrum: arrays of records of strings; the first CSV row is the header.
// ---------------------------------------------------------------------------------------------

const SPECTRUM = [
  'comma_in_quotes',
  'empty',
  'empty_crlf',
  'escaped_quotes',
  'json',
  'newlines',
  'newlines_crlf',
  'quotes_and_newlines',
  'simple',
  'simple_crlf',
  'utf8',
];

describe.skipIf(!spectrum.present)('csv-spectrum', () => {
  it('covers every file of the suite', () => {
    expect(readdirNames('csv-spectrum/csvs', '.csv').sort()).toEqual(SPECTRUM);
  });

  for (const name of SPECTRUM) {
    it(`${name}.csv matches ${name}.json`, async () => {
      const expected = readJson(`csv-spectrum/json/${name}.json`) as Record<string, string>[];
      const { columns, rows } = await readText(dataPath(`csv-spectrum/csvs/${name}.csv`));
      expect(columns).toEqual(Object.keys(expected[0]!));
      // csv-spectrum expects "" for both the empty unquoted field and the quoted "" (null → '').
      expect(nullAsEmpty(rows)).toEqual(expected.map((r) => columns.map((c) => r[c])));
    });
  }

  it('tells the empty unquoted field (null) from the quoted "" (empty string) in empty.csv', async () => {
    // Decide from the file's own second line which fields are empty and which are quoted "".
    const text = readFileSync(dataPath('csv-spectrum/csvs/empty.csv'), 'utf8');
    const { rows } = await readText(dataPath('csv-spectrum/csvs/empty.csv'));
    const fields = text.split(/\r?\n/)[1]!.split(',');
    expect(rows[0]).toEqual(fields.map((f) => (f === '' ? null : f === '""' ? '' : f)));
  });

  it('the *_crlf files really are CRLF', () => {
    for (const name of ['empty_crlf', 'newlines_crlf', 'simple_crlf']) {
      expect(readFileSync(dataPath(`csv-spectrum/csvs/${name}.csv`), 'latin1')).toContain('\r\n');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// csv-test-data: `header-*` with header foo,bar,baz (arrays of objects), the others without a
// header (arrays of arrays); `bad-*` must fail.
// ---------------------------------------------------------------------------------------------

const CTD_VALID = [
  'all-empty',
  'empty-field',
  'empty-one-column',
  'header-no-rows',
  'header-simple',
  'leading-space',
  'one-column',
  'quotes-empty',
  'quotes-with-comma',
  'quotes-with-escaped-quote',
  'quotes-with-newline',
  'quotes-with-space',
  'simple-crlf',
  'simple-lf',
  'trailing-newline',
  'trailing-newline-one-field',
  'trailing-space',
  'utf8',
];

/**
 * Valid cases where we deliberately differ, with what we return instead. Each is asserted to
 * differ from the suite's JSON and to equal what our documented rules give.
 */
const CTD_DELIBERATE: Record<string, { reason: string; ours: string[][] }> = {
  'all-empty': {
    reason:
      'the file is `\\n\\n`; the suite reads each blank line as a record [""]; a file of only blank lines has no row to give it a column, so it is an empty frame for us (blank lines are skipped)',
    ours: [],
  },
};

const CTD_SCHEMA = { foo: utf8(), bar: utf8(), baz: utf8() };

async function readCtd(name: string): Promise<{ columns: string[]; rows: string[][] }> {
  // `header-*` files start with the header foo,bar,baz; the others are all data.
  const { columns, rows } = await readText(dataPath(`csv-test-data/csv/${name}.csv`), { header: name.startsWith('header-') });
  // Values are strings; an empty unquoted field (null for us) is expected as "".
  return { columns, rows: nullAsEmpty(rows) };
}

function ctdExpected(name: string): string[][] {
  const json = readJson(`csv-test-data/json/${name}.json`) as unknown[];
  if (name.startsWith('header-')) return (json as Record<string, string>[]).map((r) => ['foo', 'bar', 'baz'].map((k) => r[k]!));
  return json as string[][];
}

describe.skipIf(!csvTestData.present)('csv-test-data: valid cases', () => {
  it('empty-one-column: in a one-column file the blank line is a null row (the suite expects "")', async () => {
    const { rows } = await readText(dataPath('csv-test-data/csv/empty-one-column.csv'), { header: false });
    expect(rows).toEqual([['foo'], [null]]);
  });

  for (const name of CTD_VALID) {
    const deliberate = CTD_DELIBERATE[name];
    if (deliberate === undefined) {
      it(`${name}.csv matches ${name}.json`, async () => {
        const { columns, rows } = await readCtd(name);
        if (name.startsWith('header-')) expect(columns).toEqual(['foo', 'bar', 'baz']);
        expect(rows).toEqual(ctdExpected(name));
      });
    } else {
      it(`${name}.csv differs deliberately: ${deliberate.reason}`, async () => {
        const { rows } = await readCtd(name);
        expect(rows).not.toEqual(ctdExpected(name));
        expect(rows).toEqual(deliberate.ours);
      });
    }
  }

  it('header-no-rows gives an empty frame with the header columns', async () => {
    const df = await readCSV(dataPath('csv-test-data/csv/header-no-rows.csv'));
    expect(df.columns).toEqual(['foo', 'bar', 'baz']);
    expect(df.height).toBe(0);
  });

  it('covers every valid case of the suite', () => {
    const csvs = readdirNames('csv-test-data/csv', '.csv').filter((n) => !n.startsWith('bad-'));
    expect(csvs.sort()).toEqual([...CTD_VALID].sort());
  });
});

describe.skipIf(!csvTestData.present)('csv-test-data: bad cases', () => {
  const bad = (name: string): string => dataPath(`csv-test-data/csv/${name}.csv`);
  // `bad-header-*` are read with the header foo,bar,baz: a schema naming them, header: true.
  const headerOpts: CsvReadOptions = { header: true, schema: CTD_SCHEMA };

  it('bad-header-less-fields: a row with fewer fields than the header raises CsvParseError', async () => {
    const err = await readCSV(bad('bad-header-less-fields'), headerOpts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvParseError);
    expect((err as CsvParseError).line).toBe(2);
  });

  it('bad-header-more-fields: a row with more fields than the header raises CsvParseError', async () => {
    const err = await readCSV(bad('bad-header-more-fields'), headerOpts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvParseError);
    expect((err as CsvParseError).line).toBe(2);
  });

  it('bad-header-wrong-header: a header that is not foo,bar,baz raises SchemaError', async () => {
    // The schema and the header disagree: the reader reports that as SchemaError (not a parse error).
    await expect(readCSV(bad('bad-header-wrong-header'), headerOpts)).rejects.toBeInstanceOf(SchemaError);
  });

  it('bad-header-no-header (0 bytes) differs deliberately: empty input is an empty frame (documented), not an error', async () => {
    const df = await readCSV(bad('bad-header-no-header'), headerOpts);
    expect(df.height).toBe(0);
    expect(df.columns).toEqual(['foo', 'bar', 'baz']);
  });

  it('bad-missing-quote: an unterminated quote raises CsvParseError', async () => {
    const err = await readCSV(bad('bad-missing-quote'), { header: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvParseError);
    expect((err as CsvParseError).line).toBe(2);
    expect((err as CsvParseError).reason).toMatch(/unterminated/);
  });

  it('bad-quotes-with-unescaped-quote: text after a closing quote raises CsvParseError', async () => {
    const err = await readCSV(bad('bad-quotes-with-unescaped-quote'), { header: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvParseError);
    expect((err as CsvParseError).line).toBe(2);
  });

  it('bad-unescaped-quote: a quote inside an unquoted field raises CsvParseError', async () => {
    const err = await readCSV(bad('bad-unescaped-quote'), { header: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvParseError);
    expect((err as CsvParseError).line).toBe(2);
  });

  it('bad cases raise CsvParseError with the default options too', async () => {
    for (const name of ['bad-header-less-fields', 'bad-header-more-fields', 'bad-missing-quote', 'bad-quotes-with-unescaped-quote', 'bad-unescaped-quote']) {
      await expect(readCSV(bad(name)), name).rejects.toBeInstanceOf(CsvParseError);
    }
  });

  it('covers every bad case of the suite', () => {
    expect(readdirNames('csv-test-data/csv', '.csv').filter((n) => n.startsWith('bad-')).sort()).toEqual([
      'bad-header-less-fields',
      'bad-header-more-fields',
      'bad-header-no-header',
      'bad-header-wrong-header',
      'bad-missing-quote',
      'bad-quotes-with-unescaped-quote',
      'bad-unescaped-quote',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// CSV.jl test files with the expectations transcribed in csv-jl/EXPECTED.json.
//
// A case matches when its CSV.jl options translate to ours and we give the same shape, column
// names, column types and values. Types are compared by family: CSV.jl int64 ⇔ our integer
// dtypes (int32 or int64), float64 ⇔ float64, bool ⇔ bool, date ⇔ date, datetime ⇔ timestamp,
// string ⇔ utf8 or categorical, and CSV.jl's all-missing `null` column ⇔ any column whose every
// value is null. CSV.jl's `nullable` flag is not compared: our inferred columns are always nullable.
// Options with no counterpart in our reader (multi-character delimiters, footerskip, decimal
// comma, custom quote pairs, custom booleans, transpose, date formats, ignorerepeated,
// normalizenames …) are left out; such a case then either still matches or is listed in
// KNOWN_DIFFERENCES.
// ---------------------------------------------------------------------------------------------

type JlType = 'int64' | 'float64' | 'string' | 'bool' | 'date' | 'datetime' | 'time' | 'null';

interface JlCase {
  file?: string;
  input_text?: string;
  options: Record<string, unknown>;
  rows: number;
  cols: number;
  columns?: { name: string; type: JlType; nullable: boolean }[];
  values?: Record<string, unknown[]>;
  values_complete?: boolean;
  note?: string;
}

const JL = (csvJl.present ? readJson('csv-jl/EXPECTED.json') : { cases: [] }) as { cases: JlCase[] };

function jlName(c: JlCase): string {
  return c.file !== undefined ? c.file.replace(/^testfiles\//, '') : `text ${JSON.stringify(c.input_text)}`;
}

/** A readable, unique key per case: the file (or inline text), plus its options when the file repeats. */
function jlKeys(cases: readonly JlCase[]): string[] {
  const count = new Map<string, number>();
  for (const c of cases) count.set(jlName(c), (count.get(jlName(c)) ?? 0) + 1);
  return cases.map((c) => (count.get(jlName(c))! > 1 ? `${jlName(c)} ${JSON.stringify(c.options)}` : jlName(c)));
}

function jlDtype(t: string): AnyDType {
  const nullableType = t.endsWith(' (nullable)');
  switch (t.replace(' (nullable)', '')) {
    case 'int64':
      return nullableType ? nullable(int64()) : int64();
    case 'float64':
      return nullableType ? nullable(float64()) : float64();
    case 'bool':
      return nullableType ? nullable(bool()) : bool();
    case 'string':
      return nullableType ? nullable(utf8()) : utf8();
    default:
      throw new Error(`no dtype for CSV.jl type ${t}`);
  }
}

/** Our options for a case, and the CSV.jl options that have no counterpart. */
async function translate(c: JlCase, names: () => Promise<string[]>): Promise<{ options: CsvReadOptions; untranslated: string[] }> {
  const o: CsvReadOptions = {};
  const untranslated: string[] = [];
  const opts = c.options;
  for (const [k, v] of Object.entries(opts)) {
    switch (k) {
      case 'delimiter':
        if (typeof v === 'string' && v.length === 1) o.delimiter = v;
        else untranslated.push(k);
        break;
      case 'comment':
        if (typeof v === 'string' && v.length === 1) o.comment = v;
        else untranslated.push(k);
        break;
      case 'escapechar':
        o.escape = v as string;
        break;
      case 'missingstrings':
        o.nullValues = (v as string[]).filter((s) => s !== '');
        break;
      case 'limit':
        o.maxRows = v as number;
        break;
      case 'select':
        o.columns = v as string[];
        break;
      case 'ignoreemptyrows':
        if (v !== true) untranslated.push(k); // we always skip blank lines
        break;
      case 'header':
        if (v === 0) o.header = false;
        else if (v === 1) o.header = true;
        else if (typeof v === 'number') o.skipRows = v - 1; // header on line v: skip the lines before it
        else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) o.header = v as string[];
        else untranslated.push(k); // multi-row header
        break;
      case 'skipto':
        // Only used with explicit names here: the data starts on line `skipto`.
        if (Array.isArray(opts['header'])) o.skipRows = (v as number) - 1;
        else untranslated.push(k);
        break;
      case 'types':
        if (Array.isArray(v)) {
          const ns = await names();
          o.dtypes = Object.fromEntries((v as string[]).map((t, i) => [ns[i]!, jlDtype(t)]));
        } else {
          const entries = Object.entries(v as Record<string, string>);
          const ns = await names();
          o.dtypes = Object.fromEntries(
            entries.map(([key, t]) => {
              const byIndex = /^#(\d+)/.exec(key);
              return [byIndex ? ns[Number(byIndex[1]) - 1]! : key, jlDtype(t)];
            }),
          );
        }
        break;
      default:
        // normalizenames, footerskip, decimal, groupmark, openquotechar, closequotechar,
        // truestrings, falsestrings, typemap, transpose, dateformat, ignorerepeated.
        untranslated.push(k);
    }
  }
  return { options: o, untranslated };
}

function typeFamily(d: AnyDType): JlType {
  switch (d.kind) {
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'uint64':
      return 'int64';
    case 'float32':
    case 'float64':
      return 'float64';
    case 'bool':
      return 'bool';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'datetime';
    default:
      return 'string';
  }
}

function valueMatches(type: JlType, ours: unknown, expected: unknown): boolean {
  if (expected === null || ours === null) return expected === ours;
  switch (type) {
    case 'int64':
    case 'float64':
      return (typeof ours === 'bigint' ? Number(ours) : ours) === expected;
    case 'date':
      return ours instanceof Date && ours.toISOString().slice(0, 10) === expected;
    case 'datetime': {
      const iso = expected as string;
      const want = Date.parse(/^\d{4}-\d\d-\d\d$/.test(iso) ? `${iso}T00:00:00Z` : `${iso}Z`);
      return ours instanceof Date && ours.getTime() === want;
    }
    default:
      return ours === expected;
  }
}

/** Compare our read of a case with its expectation; the differences found (empty: a match). */
async function checkJlCase(c: JlCase, extra: CsvReadOptions = {}): Promise<string[]> {
  const source: CsvSource = c.file !== undefined ? dataPath(`csv-jl/${c.file}`) : { text: c.input_text! };
  const detected = DETECTED_DELIMITER[jlName(c)];
  const base: CsvReadOptions = c.options['delimiter'] === undefined && detected !== undefined ? { delimiter: detected } : {};
  let df: DataFrame;
  let untranslated: string[] = [];
  try {
    const t = await translate(c, async () => (await readCSV(source, { ...base, maxRows: 0, inferSchemaLength: 0 })).columns);
    untranslated = t.untranslated;
    df = await readCSV(source, { ...base, ...t.options, ...extra });
  } catch (e) {
    return [`raises ${(e as Error).name}: ${(e as Error).message}`];
  }
  const problems: string[] = [];
  const note = untranslated.length > 0 ? ` (options without a counterpart: ${untranslated.join(', ')})` : '';
  if (df.height !== c.rows || df.width !== c.cols) problems.push(`shape ${df.height}×${df.width}, expected ${c.rows}×${c.cols}`);
  // CSV.jl names unnamed columns Column1, Column2 …; ours are column_1, column_2 … (documented).
  const ourName = (name: string): string => name.replace(/^Column(\d+)$/, 'column_$1');
  const expectedNames = (c.columns ?? []).map((x) => ourName(x.name));
  if (JSON.stringify(df.columns) !== JSON.stringify(expectedNames)) {
    problems.push(`columns ${JSON.stringify(df.columns)}, expected ${JSON.stringify(expectedNames)}`);
  }
  for (const col of c.columns ?? []) {
    if (!df.columns.includes(ourName(col.name))) continue;
    const column = df.getColumn(ourName(col.name));
    const values = column.toArray() as unknown[];
    const family = typeFamily(column.dtype);
    if (col.type === 'null') {
      if (values.some((v) => v !== null)) problems.push(`${col.name}: expected all null`);
    } else if (family !== col.type) {
      problems.push(`${col.name}: type ${column.dtype.kind}, expected ${col.type}`);
      continue;
    }
    const expected = c.values?.[col.name];
    if (expected === undefined) continue;
    const n = c.values_complete === false ? Math.min(expected.length, values.length) : Math.max(expected.length, values.length);
    for (let i = 0; i < n; i++) {
      if (!valueMatches(col.type, values[i] ?? null, expected[i] ?? null)) {
        problems.push(`${col.name}[${i}]: ${String(values[i])}, expected ${JSON.stringify(expected[i])}`);
        break;
      }
    }
  }
  return problems.map((p) => p + note);
}

/**
 * CSV.jl cases where we differ, and why. Each listed case is asserted to differ (or raise), so the
 * list cannot go stale; every other case must match.
 */
const BLANK = 'we always skip blank lines; CSV.jl ignoreemptyrows=false has no counterpart';
const RAGGED = 'a row with a different field count raises CsvParseError (we do not widen the table or pad short rows)';
const SHORT_ROWS = 'a short row raises CsvParseError by default (CSV.jl pads it with nulls; our onBadRow: "null" does the same, tested below)';
const REPEATED = 'space-aligned columns: CSV.jl ignorerepeated (runs of delimiters count as one) has no counterpart';
const DECIMAL_COMMA = 'decimal comma (decimal=",") has no counterpart: such numbers stay text';
const NORMALIZE = 'CSV.jl normalizenames (spaces and symbols to "_") has no counterpart: we keep the header names as written';
const DATEFORMAT = 'custom date formats (dateformat) have no counterpart: only ISO-8601 dates and timestamps are inferred';
const TRANSPOSE = 'transposed files (transpose=true) have no counterpart';

const KNOWN_DIFFERENCES: Record<string, string> = {
  'test_empty_file_newlines.csv': `${BLANK}: ten newlines are an empty frame for us`,
  'test_bad_datetime.csv': 'timestamps with 5 fraction digits and an offset are read as timestamp[us, UTC], every digit exact (CSV.jl keeps them as text)',
  'test_2_footer_rows.csv': 'footerskip has no counterpart (the two footer rows are read as data)',
  'test_footer_missing.csv {"footerskip":1}': 'footerskip has no counterpart (the last `,,` row is read as an all-null row)',
  'test_excel_date_formats.csv': `${DATEFORMAT} (mm/dd/yy stays text)`,
  'test_header_range.csv': 'multi-row headers (header=1:3) have no counterpart',
  'test_header_int_list.csv': `multi-row headers (header=[1,3,5]) have no counterpart; ${BLANK}`,
  'comma_decimal.csv': DECIMAL_COMMA,
  'issue_120.csv': 'numbers with trailing spaces ("3528489623.488570 ") stay text: we take fields as written (CSV.jl trims spaces around numbers)',
  'census.txt':
    'fields padded with spaces ("      64.348") stay text: we take fields as written (CSV.jl trims spaces around numbers); and GEOID "00601" keeps its leading zero as text (documented inference rule)',
  'baseball.csv': NORMALIZE,
  'stocks.csv': NORMALIZE,
  'fecal_samples.csv': `${NORMALIZE}; SubjectID values with leading zeros ("0052") stay text (documented inference rule)`,
  'issue_198.csv': DECIMAL_COMMA,
  'issue_198_part2.csv': `${RAGGED}; ${DECIMAL_COMMA}`,
  'norwegian_data.csv': `${DECIMAL_COMMA}; ${DATEFORMAT}`,
  'transposed.csv': TRANSPOSE,
  'transposed_1row.csv': TRANSPOSE,
  'transposed_extra_newline.csv': TRANSPOSE,
  'transposed_noheader.csv {"transpose":true,"header":0}': TRANSPOSE,
  'transposed_noheader.csv {"transpose":true,"header":["c1","c2","c3"]}': TRANSPOSE,
  'test_openclosequotes.csv': 'distinct open/close quote characters ({ }) have no counterpart',
  'test_truestrings.csv {"truestrings":["T","TRUE","true"],"falsestrings":["F","FALSE","false"]}':
    'custom boolean spellings (truestrings/falsestrings) have no counterpart: T/F stay text',
  'test_string_delimiters.csv': 'multi-character delimiters ("::") are not supported: the delimiter is one character',
  'test_repeated_delimiters.csv': REPEATED,
  'text "a b c d e\\n1 2  3 4 5\\n1 2 3  4 5\\n1  2 3  4 5"': `${RAGGED} (double spaces make empty fields)`,
  'test_comments_multichar.csv': 'multi-character comment prefixes ("//") are not supported: the comment marker is one character',
  'test_not_enough_columns.csv': SHORT_ROWS,
  'test_not_enough_columns2.csv': SHORT_ROWS,
  'text "A,B,C\\n1,1,10\\n6,1"': SHORT_ROWS,
  'text "A;B;C\\n1,1,10\\n2,0,16" {"normalizenames":true}': SHORT_ROWS,
  'text "A;B;C\\n1,1,10\\n2,0,16" {"delimiter":";"}': SHORT_ROWS,
  'test_issue_326.wsv': REPEATED,
  'test_repeated_delim_371.csv': REPEATED,
  'heat_flux.dat': REPEATED,
  'bug555.txt': REPEATED,
  'test_file_issue_154.csv': NORMALIZE,
  'time.csv': `${DATEFORMAT}; there is no time-of-day dtype`,
  'ampm.csv': `${DATEFORMAT} (12-hour clock)`,
  'csv_segfault.txt': `${RAGGED} (the file repeats short header lines inside the data)`,
  'select.csv':
    'our `columns` option returns the columns in the order asked (CSV.jl: file order), and "2020-04-01T20:00:00Z" is inferred as a UTC timestamp (CSV.jl: string)',
  'test_quoted_delim_multiple_newlines.csv':
    'a space between a delimiter and an opening quote (`, "next…"`) makes an unquoted field with a quote in it: CsvParseError (RFC 4180); CSV.jl skips the space',
  'groupmark_quote.csv': 'thousands separators (groupmark) have no counterpart: "15,887" stays text',
  'groupmark_space.csv': `thousands separators (groupmark) have no counterpart; ${RAGGED}`,
};

/**
 * CSV.jl detects the delimiter when none is given; we have no detection (the default is `,`), so
 * the delimiter CSV.jl detects for these files is passed explicitly.
 */
const DETECTED_DELIMITER: Record<string, string> = {
  'census.txt': '\t',
  'test_delim.tsv': '\t',
  'test_delim.wsv': ' ',
  'escaped_pooled.csv': '\t',
  'groupmark_space.csv': ' ',
  'text "A;B;C\\n1,1,10\\n2,0,16"': ';',
};

describe.skipIf(!csvJl.present)('CSV.jl test files (csv-jl/EXPECTED.json)', () => {
  const keys = jlKeys(JL.cases);

  it('has 114 cases with unique keys, and every KNOWN_DIFFERENCES key names a case', () => {
    expect(JL.cases).toHaveLength(114);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of Object.keys(KNOWN_DIFFERENCES)) expect(keys, k).toContain(k);
  });

  JL.cases.forEach((c, i) => {
    const key = keys[i]!;
    const reason = KNOWN_DIFFERENCES[key];
    if (reason === undefined) {
      it(`${key} matches`, async () => {
        expect(await checkJlCase(c)).toEqual([]);
      });
    } else {
      it(`${key} differs (known: ${reason})`, async () => {
        expect(await checkJlCase(c)).not.toEqual([]);
      });
    }
  });

  it('the short-row cases match with onBadRow: "null" (missing fields read as null, like CSV.jl)', async () => {
    const shortRows = Object.entries(KNOWN_DIFFERENCES).filter(([, r]) => r === SHORT_ROWS).map(([k]) => k);
    expect(shortRows).toHaveLength(5);
    for (const key of shortRows) {
      const c = JL.cases[keys.indexOf(key)]!;
      expect(await checkJlCase(c, { onBadRow: 'null' }), key).toEqual([]);
    }
  });
});

describe.skipIf(!csvJl.present)('CSV.jl UTF-16 files', () => {
  it('test_utf16*.csv decode to the same frame as test_utf8.csv', async () => {
    const utf8Frame = rowsOf(await readCSV(dataPath('csv-jl/testfiles/test_utf8.csv')));
    expect(utf8Frame).toHaveLength(3);
    expect(rowsOf(await readCSV(dataPath('csv-jl/testfiles/test_utf16.csv'), { encoding: 'utf16le' }))).toEqual(utf8Frame);
    expect(rowsOf(await readCSV(dataPath('csv-jl/testfiles/test_utf16_le.csv'), { encoding: 'utf16le' }))).toEqual(utf8Frame);
    expect(rowsOf(await readCSV(dataPath('csv-jl/testfiles/test_utf16_be.csv'), { encoding: 'utf16be' }))).toEqual(utf8Frame);
  });
});

// ---------------------------------------------------------------------------------------------
// rust-csv example files.
// ---------------------------------------------------------------------------------------------

describe.skipIf(!rustCsv.present)('rust-csv', () => {
  const rc = (rel: string): string => dataPath(`rust-csv/${rel}`);

  it('strange.csv gives the records of expected/strange.records.json', async () => {
    const expected = readJson('rust-csv/expected/strange.records.json') as { records: string[][] };
    // The dialect of the expected output: no header, `;`, backslash escapes (no "" doubling), `#`
    // comments. rust-csv's "flexible" record lengths have no counterpart: onBadRow: 'null' reads the
    // short record with a null in its missing field, so the expected records are padded with null.
    const { rows } = await readText(rc('strange.csv'), {
      header: false,
      delimiter: ';',
      escape: '\\',
      comment: '#',
      onBadRow: 'null',
    });
    const width = Math.max(...expected.records.map((r) => r.length));
    expect(rows).toEqual(expected.records.map((r) => [...r, ...Array<null>(width - r.length).fill(null)]));
  });

  it('strange.csv: without onBadRow the short record raises CsvParseError on its line (4)', async () => {
    const err = await readCSV(rc('strange.csv'), { header: false, delimiter: ';', escape: '\\', comment: '#' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvParseError);
    expect((err as CsvParseError).line).toBe(4);
  });

  it('smallpop.csv: 10 rows of city, region, country, population', async () => {
    const df = await readCSV(rc('smallpop.csv'));
    expect(df.columns).toEqual(['city', 'region', 'country', 'population']);
    expect(df.height).toBe(10);
    expect(df.row(0)).toMatchObject({ city: 'Southborough', region: 'MA', country: 'United States', population: 9686 });
  });

  it('smallpop-colon.csv (delimiter `:`) and smallpop-no-headers.csv equal smallpop.csv', async () => {
    const ref = await readText(rc('smallpop.csv'));
    expect(await readText(rc('smallpop-colon.csv'), { delimiter: ':' })).toEqual(ref);
    expect(await readText(rc('smallpop-no-headers.csv'), { header: ref.columns })).toEqual(ref);
    expect((await readText(rc('smallpop-no-headers.csv'), { header: false })).rows).toEqual(ref.rows);
  });

  it('uspop.csv: 100 rows, 50 empty populations read as null', async () => {
    const df = await readCSV(rc('uspop.csv'));
    expect(df.columns).toEqual(['City', 'State', 'Population', 'Latitude', 'Longitude']);
    expect(df.height).toBe(100);
    const pop = df.getColumn('Population');
    expect(pop.dtype.kind).toMatch(/^int(32|64)$/);
    expect(pop.nullCount).toBe(50);
  });

  it('uspop-null.csv equals uspop.csv when NULL is a null text', async () => {
    const ref = rowsOf(await readCSV(rc('uspop.csv')));
    expect(rowsOf(await readCSV(rc('uspop-null.csv'), { nullValues: ['NULL'] }))).toEqual(ref);
  });

  it('uspop-null.csv without nullValues: Population is text holding "NULL" three times', async () => {
    const df = await readCSV(rc('uspop-null.csv'));
    const pop = df.getColumn('Population');
    expect(['utf8', 'categorical']).toContain(pop.dtype.kind);
    const values = pop.toArray() as (string | null)[];
    expect(values.filter((v) => v === 'NULL')).toHaveLength(3);
    expect(values.filter((v) => v === null)).toHaveLength(47);
    // The numbers keep their text.
    const ref = (await readText(rc('uspop.csv'))).rows.map((r) => r[2]);
    expect(values.map((v) => (v === 'NULL' ? null : v))).toEqual(ref);
  });

  it('uspop-latin1.csv read as latin1 equals uspop.csv except "Õakman"', async () => {
    const ref = (await readText(rc('uspop.csv'))).rows;
    const { rows } = await readText(rc('uspop-latin1.csv'), { encoding: 'latin1' });
    expect(rows[2]![0]).toBe('Õakman');
    expect(rows.map((r, i) => (i === 2 ? ['Oakman', ...r.slice(1)] : r))).toEqual(ref);
  });

  it('uspop-latin1.csv read as UTF-8 raises CsvParseError: invalid UTF-8 at line 4, byte 125', async () => {
    const err = await readCSV(rc('uspop-latin1.csv')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvParseError);
    const e = err as CsvParseError;
    expect(e.reason).toMatch(/UTF-8/);
    expect(e.line).toBe(4);
    expect(e.byte).toBe(125);
    expect(e.column).toBe('City');
  });

  it('bench/game.csv: 100,000 records, each hello , " " world 1 !', async () => {
    const { rows } = await readText(rc('bench/game.csv'), { header: false });
    expect(rows).toHaveLength(100_000);
    const want = JSON.stringify(['hello', ',', ' ', 'world', '1', '!']);
    expect(rows.every((r) => JSON.stringify(r) === want)).toBe(true);
  });

  it('bench/nfl.csv: 9,999 rows × 13 columns; quoted descriptions with commas', async () => {
    const df = await readCSV(rc('bench/nfl.csv'));
    expect(df.shape).toEqual([9_999, 13]);
    expect(df.columns).toEqual(['gameid', 'qtr', 'min', 'sec', 'off', 'def', 'down', 'togo', 'ydline', 'description', 'offscore', 'defscore', 'season']);
    for (const n of ['qtr', 'min', 'sec', 'down', 'togo', 'ydline', 'offscore', 'defscore', 'season']) {
      expect(df.getColumn(n).dtype.kind, n).toMatch(/^int(32|64)$/);
    }
    expect(df.getColumn('min').nullCount).toBeGreaterThan(0);
    expect(df.row(0).description).toBe('D.Bailey kicks 69 yards from DAL 35 to NYG -4. D.Wilson to NYG 16 for 20 yards (A.Holmes).');
  });

  it('bench/worldcitiespop.csv: 20,000 rows; 19,729 empty populations; Region keeps "06"', async () => {
    const df = await readCSV(rc('bench/worldcitiespop.csv'));
    expect(df.shape).toEqual([20_000, 7]);
    expect(df.getColumn('Population').nullCount).toBe(19_729);
    const region = df.getColumn('Region');
    expect(['utf8', 'categorical']).toContain(region.dtype.kind);
    expect(region.get(1)).toBe('06');
  });

  it('bench/gtfs-mbta-stop-times.csv: 9,999 rows; every stop_headsign is the quoted empty string', async () => {
    const df = await readCSV(rc('bench/gtfs-mbta-stop-times.csv'));
    expect(df.shape).toEqual([9_999, 9]);
    const headsign = df.getColumn('stop_headsign').toArray();
    expect(headsign.every((v) => v === '')).toBe(true);
    expect(df.row(0)).toMatchObject({ trip_id: 'Logan-22-Weekday-trip', arrival_time: '08:00:00', stop_sequence: 1 });
  });
});

// ---------------------------------------------------------------------------------------------
// vega-datasets: real files with reference aggregates (from its SOURCE.md).
// ---------------------------------------------------------------------------------------------

describe.skipIf(!vega.present)('vega-datasets', () => {
  it('derived/flights-1m.csv: 1,000,000 rows, sum(delay) = 7,638,823, sum(distance) = 728,303,008, 223 origins', async () => {
    const df = await readCSV(dataPath('vega-datasets/derived/flights-1m.csv'));
    expect(df.shape).toEqual([1_000_000, 5]);
    expect(df.columns).toEqual(['date', 'delay', 'distance', 'origin', 'destination']);
    const sum = (name: string): number => {
      let s = 0;
      for (const v of df.getColumn(name).toArray()) s += Number(v);
      return s;
    };
    expect(sum('delay')).toBe(7_638_823);
    expect(sum('distance')).toBe(728_303_008);
    const origins = df.getColumn('origin').toArray();
    expect(new Set(origins).size).toBe(223);
    expect(origins.filter((o) => o === 'ORD')).toHaveLength(54_597);
    const date = df.getColumn('date');
    expect(date.dtype.kind).toBe('timestamp');
    expect((date.get(0) as Date).toISOString()).toBe('2001-01-01T00:01:00.000Z');
    expect((date.get(999_999) as Date).toISOString()).toBe('2001-03-02T22:18:00.000Z');
  }, 120_000);

  it('data/zipcodes.csv: zip codes keep their leading zeros ("00501")', async () => {
    const df = await readCSV(dataPath('vega-datasets/data/zipcodes.csv'));
    expect(df.height).toBe(42_049);
    const zip = df.getColumn('zip_code');
    expect(['utf8', 'categorical']).toContain(zip.dtype.kind);
    const values = zip.toArray() as string[];
    expect(values).toContain('00501');
    expect(values.filter((z) => z.startsWith('0'))).toHaveLength(3_256);
  });

  it('npm-vega-datasets-2.8.0/flights-3m.csv: the date column (01010001) stays text', async () => {
    const df = await readCSV(dataPath('vega-datasets/npm-vega-datasets-2.8.0/flights-3m.csv'));
    expect(df.height).toBe(231_083);
    const date = df.getColumn('date');
    expect(['utf8', 'categorical']).toContain(date.dtype.kind);
    expect(date.get(0)).toBe('01010001');
    let delay = 0;
    for (const v of df.getColumn('delay').toArray()) delay += Number(v);
    expect(delay).toBe(1_852_020);
  }, 60_000);
});
