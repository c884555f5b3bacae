/**
 * Differential test of the CSV tokenizer against fast-csv's parser (`@fast-csv/parse`): for every
 * file of csv-spectrum, csv-test-data (valid cases), rust-csv and CSV.jl's test files, both read
 * every row as data (no header) with the same dialect and must give the same records as arrays of
 * strings, or the file is in DELIBERATE with the reason (and asserted to differ there).
 *
 * Two mappings are applied before comparing, both following our documented rules:
 * - an empty unquoted field is null for us and `''` for fast-csv: null is compared as `''`;
 * - fast-csv gives a blank line as a record with no fields (`[]`). We skip blank lines, except in
 *   a one-column file, where a blank line is a null row. So fast-csv's field-less records are
 *   dropped, or read as `['']` when every other record has one field. A line of spaces is also
 *   `[]` for fast-csv but a row holding the spaces for us, so such a file still differs after
 *   the mapping. The mappings are pinned down by the first tests below.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseFile, parseString, type CsvParserStream, type ParserOptionsArgs, type Row } from '@fast-csv/parse';
import { describe, expect, it } from 'vitest';
import { CsvParseError, nullable, readCSV, utf8, type AnyDType, type CsvEncoding, type CsvReadOptions, type CsvSource } from '../../../src/index.js';
import { SHARED_DATA_DIR, sharedData } from '../../support/shared-data.js';

/** The suites whose files are compared; the comparison runs when all of them are there. */
const SUITES = ['csv-spectrum', 'csv-test-data', 'rust-csv', 'csv-jl'].map(sharedData);
const present = SUITES.every((s) => s.present);
const dataPath = (rel: string): string => join(SHARED_DATA_DIR, rel);

type Cell = string | null;

/** Our records: no header, every column nullable utf8, null read as ''. */
async function oursRecords(source: CsvSource, options: CsvReadOptions = {}): Promise<string[][]> {
  const base: CsvReadOptions = { ...options, header: false };
  const probe = await readCSV(source, { ...base, maxRows: 0, inferSchemaLength: 0 });
  const dtypes: Record<string, AnyDType> = Object.fromEntries(probe.columns.map((n) => [n, nullable(utf8())]));
  const df = await readCSV(source, { ...base, dtypes });
  const cols = df.getColumns().map((c) => c.toArray() as Cell[]);
  return Array.from({ length: df.height }, (_, i) => cols.map((c) => c[i] ?? ''));
}

function collect(stream: CsvParserStream<Row, Row>): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    stream.on('error', reject);
    stream.on('data', (r: string[]) => rows.push(r));
    stream.on('end', () => resolve(rows));
  });
}

/** fast-csv's records, with field-less records (blank lines) dropped, or `['']` in a one-column file. */
async function fastCsvRecords(rows: Promise<string[][]>): Promise<string[][]> {
  const all = await rows;
  const width = all.reduce((w, r) => Math.max(w, r.length), 0);
  return width === 1 ? all.map((r) => (r.length === 0 ? [''] : r)) : all.filter((r) => r.length > 0);
}

interface Dialect {
  delimiter?: string;
  escape?: string;
  comment?: string;
  encoding?: CsvEncoding;
}

function ourOptions(d: Dialect): CsvReadOptions {
  const o: CsvReadOptions = {};
  if (d.delimiter !== undefined) o.delimiter = d.delimiter;
  if (d.escape !== undefined) o.escape = d.escape;
  if (d.comment !== undefined) o.comment = d.comment;
  if (d.encoding !== undefined) o.encoding = d.encoding;
  return o;
}

function fastCsvOptions(d: Dialect): ParserOptionsArgs {
  const o: ParserOptionsArgs = { headers: false };
  if (d.delimiter !== undefined) o.delimiter = d.delimiter;
  if (d.escape !== undefined) o.escape = d.escape;
  if (d.comment !== undefined) o.comment = d.comment;
  return o;
}

/** fast-csv on a file: parseFile with a Node encoding, or parseString on text we decode for it. */
function fastCsvFile(path: string, d: Dialect): Promise<string[][]> {
  if (d.encoding === 'utf16be') {
    // Node streams have no UTF-16BE decoding: decode here and parse the string.
    const text = new TextDecoder('utf-16be').decode(readFileSync(path));
    return fastCsvRecords(collect(parseString(text, fastCsvOptions(d))));
  }
  const encoding = d.encoding === undefined || d.encoding === 'utf8' ? 'utf8' : d.encoding;
  return fastCsvRecords(collect(parseFile(path, { ...fastCsvOptions(d), encoding })));
}

function fastCsvText(text: string, d: Dialect = {}): Promise<string[][]> {
  return fastCsvRecords(collect(parseString(text, fastCsvOptions(d))));
}

/** Both parsers on one file: our records (or what we threw) and fast-csv's (or what it threw). */
async function both(path: string, d: Dialect): Promise<{ ours: string[][] | Error; theirs: string[][] | Error }> {
  const ours = await oursRecords(path, ourOptions(d)).catch((e: unknown) => e as Error);
  const theirs = await fastCsvFile(path, d).catch((e: unknown) => e as Error);
  return { ours, theirs };
}

describe('the mappings applied before comparing', () => {
  it('null (empty unquoted field) is compared as the empty string', async () => {
    expect(await oursRecords({ text: 'a,,""\n' })).toEqual([['a', '', '']]);
    expect(await fastCsvText('a,,""\n')).toEqual([['a', '', '']]);
  });

  it('a blank line is a field-less record for fast-csv, dropped; we skip it', async () => {
    const rows: string[][] = [];
    await new Promise<void>((resolve, reject) =>
      parseString('a,b\n\nc,d\n', { headers: false })
        .on('error', reject)
        .on('data', (r: string[]) => rows.push(r))
        .on('end', () => resolve()),
    );
    expect(rows).toEqual([['a', 'b'], [], ['c', 'd']]);
    expect(await fastCsvText('a,b\n\nc,d\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(await oursRecords({ text: 'a,b\n\nc,d\n' })).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('in a one-column file a blank line is a null row for us and [""] after mapping fast-csv', async () => {
    expect(await fastCsvText('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
    expect(await oursRecords({ text: 'a\n\nb\n' })).toEqual([['a'], [''], ['b']]);
  });

  it('a line of spaces still differs after the mapping', async () => {
    expect(await fastCsvText('a,b\n  \nc,d\n')).toEqual([['a', 'b'], ['c', 'd']]);
    await expect(oursRecords({ text: 'a,b\n  \nc,d\n' })).rejects.toThrow(/expected 2 fields, found 1/);
    expect(await fastCsvText('a\n  \nb\n')).toEqual([['a'], [''], ['b']]);
    expect(await oursRecords({ text: 'a\n  \nb\n' })).toEqual([['a'], ['  '], ['b']]);
  });
});

// ---------------------------------------------------------------------------------------------
// The files and their dialects.
// ---------------------------------------------------------------------------------------------

interface Case {
  key: string;
  path: string;
  dialect: Dialect;
}

const files = (rel: string, ext: RegExp): string[] =>
  present
    ? readdirSync(dataPath(rel))
        .filter((n) => ext.test(n))
        .sort()
    : [];

const CASES: Case[] = [];

for (const n of files('csv-spectrum/csvs', /\.csv$/)) {
  CASES.push({ key: `csv-spectrum/${n}`, path: dataPath(`csv-spectrum/csvs/${n}`), dialect: {} });
}
for (const n of files('csv-test-data/csv', /\.csv$/).filter((f) => !f.startsWith('bad-'))) {
  CASES.push({ key: `csv-test-data/${n}`, path: dataPath(`csv-test-data/csv/${n}`), dialect: {} });
}

const RUST_DIALECTS: Record<string, Dialect> = {
  'smallpop-colon.csv': { delimiter: ':' },
  'strange.csv': { delimiter: ';', escape: '\\', comment: '#' },
  'uspop-latin1.csv': { encoding: 'latin1' },
};
for (const n of [...files('rust-csv', /\.csv$/), ...files('rust-csv/bench', /\.csv$/).map((f) => `bench/${f}`)]) {
  CASES.push({ key: `rust-csv/${n}`, path: dataPath(`rust-csv/${n}`), dialect: RUST_DIALECTS[n] ?? {} });
}

/** CSV.jl files: the dialect of their EXPECTED.json cases (one-character options only). */
const JL = (present ? JSON.parse(readFileSync(dataPath('csv-jl/EXPECTED.json'), 'utf8')) : { cases: [] }) as {
  cases: { file?: string; options: Record<string, unknown> }[];
};
const JL_DIALECTS: Record<string, Dialect> = {
  // Delimiters CSV.jl detects by itself for these files.
  'census.txt': { delimiter: '\t' },
  'test_delim.tsv': { delimiter: '\t' },
  'test_delim.wsv': { delimiter: ' ' },
  'escaped_pooled.csv': { delimiter: '\t' },
  'groupmark_space.csv': { delimiter: ' ' },
  // UTF-16 without a BOM (they decode to test_utf8.csv).
  'test_utf16.csv': { encoding: 'utf16le' },
  'test_utf16_le.csv': { encoding: 'utf16le' },
  'test_utf16_be.csv': { encoding: 'utf16be' },
};
for (const c of JL.cases) {
  if (c.file === undefined) continue;
  const name = basename(c.file);
  const d: Dialect = { ...JL_DIALECTS[name] };
  const { delimiter, escapechar, comment } = c.options as { delimiter?: string; escapechar?: string; comment?: string };
  if (delimiter?.length === 1) d.delimiter = delimiter;
  if (escapechar?.length === 1) d.escape = escapechar;
  if (comment?.length === 1) d.comment = comment;
  JL_DIALECTS[name] = d;
}
// Not CSV: a gzip file.
const JL_SKIPPED = new Set(['test_basic.csv.gz']);
for (const n of files('csv-jl/testfiles', /./).filter((f) => !JL_SKIPPED.has(f))) {
  CASES.push({ key: `csv-jl/${n}`, path: dataPath(`csv-jl/testfiles/${n}`), dialect: JL_DIALECTS[n] ?? {} });
}

/**
 * Files where the two parsers deliberately differ, with the reason. In every one of them we raise
 * CsvParseError where fast-csv returns records; each is asserted to do exactly that, so the list
 * cannot go stale.
 */
const RAGGED =
  'rows with different field counts: we raise CsvParseError (a frame has one width; the first row sets it with header: false), fast-csv returns rows of any length';
const DELIBERATE: Record<string, string> = {
  'rust-csv/strange.csv': `${RAGGED} (the record "Rafael Halperin" has one field)`,
  'csv-jl/bug555.txt': `${RAGGED} (space-aligned columns)`,
  'csv-jl/csv_segfault.txt': RAGGED,
  'csv-jl/heat_flux.dat': `${RAGGED} (space-aligned columns)`,
  'csv-jl/issue_198_part2.csv': RAGGED,
  'csv-jl/test_issue_326.wsv': `${RAGGED} (space-aligned columns)`,
  'csv-jl/test_missing_last_column.csv': RAGGED,
  'csv-jl/test_not_enough_columns.csv': RAGGED,
  'csv-jl/test_not_enough_columns2.csv': RAGGED,
  'csv-jl/test_repeated_delimiters.csv': `${RAGGED} (space-aligned columns)`,
  'csv-jl/test_repeated_delim_371.csv': `${RAGGED} (space-aligned columns)`,
  'csv-jl/test_quoted_delim_multiple_newlines.csv':
    'a space before an opening quote (`, "nextfieldmissing"`): the field is unquoted and holds a quote, which is CsvParseError for us (RFC 4180); fast-csv skips the space and reads a quoted field',
};

describe.skipIf(!present)('our tokenizer and fast-csv give the same records', () => {
  it('every DELIBERATE key names a file', () => {
    const keys = new Set(CASES.map((c) => c.key));
    for (const k of Object.keys(DELIBERATE)) expect(keys, k).toContain(k);
    expect(CASES.length).toBeGreaterThan(140);
  });

  for (const c of CASES) {
    const reason = DELIBERATE[c.key];
    if (reason === undefined) {
      it(`${c.key}`, async () => {
        const { ours, theirs } = await both(c.path, c.dialect);
        expect(theirs).not.toBeInstanceOf(Error);
        expect(ours).not.toBeInstanceOf(Error);
        expect(ours).toEqual(theirs);
      });
    } else {
      it(`${c.key} differs deliberately: ${reason}`, async () => {
        const { ours, theirs } = await both(c.path, c.dialect);
        expect(theirs).not.toBeInstanceOf(Error);
        expect(ours).toBeInstanceOf(CsvParseError);
        if (reason.startsWith(RAGGED)) expect((ours as CsvParseError).reason).toMatch(/^expected \d+ fields?, found \d+$/);
      });
    }
  }
});
