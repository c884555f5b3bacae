import { describe, expect, it } from 'vitest';
import { HELP, parseArgs, UsageError } from '../../src/cli/args.js';

describe('parseArgs', () => {
  it('reads the subcommand, files and flags in any order', () => {
    const a = parseArgs(['head', 'data.csv', '-n', '3', '--where', 'x > 1', '--columns', 'a, b', '--delimiter=tab', '--format', 'arrow']);
    expect(a).toMatchObject({ command: 'head', files: ['data.csv'], rows: 3, where: 'x > 1', columns: ['a', 'b'], delimiter: '\t', format: 'ipc' });
    expect(parseArgs(['data.csv']).command).toBe('show');
    expect(parseArgs(['show', 'data.csv']).files).toEqual(['data.csv']);
    expect(parseArgs(['convert', 'a.csv', 'b.arrow', '--no-progress'])).toMatchObject({ files: ['a.csv', 'b.arrow'], progress: false });
    expect(parseArgs(['--', '-odd.csv']).files).toEqual(['-odd.csv']);
    expect(parseArgs(['-h']).help).toBe(true);
    expect(parseArgs(['-V']).version).toBe(true);
  });

  it('rejects unknown options, missing values and bad numbers with a UsageError', () => {
    expect(() => parseArgs(['--nope', 'a.csv'])).toThrow(UsageError);
    expect(() => parseArgs(['--nope'])).toThrow('unknown option "--nope"');
    expect(() => parseArgs(['head', 'a.csv', '-n'])).toThrow('option -n needs a value');
    expect(() => parseArgs(['head', '-n', '-3', 'a.csv'])).toThrow('-n expects a non-negative whole number, got "-3"');
    expect(() => parseArgs(['--columns', 'a,,b', 'a.csv'])).toThrow('--columns expects names separated by commas');
    expect(() => parseArgs(['--format', 'xls', 'a.csv'])).toThrow('--format expects csv, ipc, json or ndjson, got "xls"');
    expect(() => parseArgs(['--delimiter', ';;', 'a.csv'])).toThrow('--delimiter expects one character');
  });

  it('has help for the command and every subcommand', () => {
    expect(Object.keys(HELP).sort()).toEqual(['convert', 'describe', 'head', 'schema', 'show']);
    for (const text of Object.values(HELP)) expect(text).toMatch(/^Usage: colframe/);
  });
});
