import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { delimiterOfPath, formatExtension, isGzipBytes, isGzipPath, withoutGzip } from '../../src/io/paths.js';

describe('what a file name says', () => {
  it('a tab for .tsv and .tab, through .gz and in any case; nothing for other names', () => {
    expect(delimiterOfPath('a.tsv')).toBe('\t');
    expect(delimiterOfPath('dir.tsv/a.TAB')).toBe('\t');
    expect(delimiterOfPath('a.tsv.gz')).toBe('\t');
    expect(delimiterOfPath('a.csv')).toBeUndefined();
    expect(delimiterOfPath('a.tsv.zip')).toBeUndefined();
  });

  it('the format extension looks through .gz', () => {
    expect(isGzipPath('x.csv.GZ')).toBe(true);
    expect(withoutGzip('x.csv.gz')).toBe('x.csv');
    expect(formatExtension('x.NDJSON.gz')).toBe('.ndjson');
    expect(formatExtension('x')).toBe('');
  });

  it('gzip data is known by its magic bytes', () => {
    expect(isGzipBytes(gzipSync('a'))).toBe(true);
    expect(isGzipBytes(Buffer.from([0x1f]))).toBe(false);
    expect(isGzipBytes(Buffer.from('a,b'))).toBe(false);
  });
});
