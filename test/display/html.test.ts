import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { float64, int32, nullable, utf8 } from '../../src/dtype/dtype.js';
import { escapeHTML, formatHTML, jupyterDisplay } from '../../src/display/html.js';
import { escapeText, truncateText } from '../../src/display/width.js';
import { DataFrame } from '../../src/frame/dataframe.js';
import { col, frame, range } from '../support/columns.js';
import { everyDtypeVectors, frameOf, printerFrame } from '../support/every-dtype.js';

/** The tags formatHTML writes; anything else starting with `<` came from the data. */
const OWN_TAG = /<\/?(?:table|caption|thead|tbody|tr|th|td)(?:\s+(?:class|style)="[^"]*")*>/g;

/** The text content of each `<td>` / `<th>` of a row, entities decoded. */
function cellTexts(html: string, tag: 'td' | 'th'): string[][] {
  const rows = html.split('\n').filter((l) => l.startsWith('<tr>') && l.includes(`<${tag}`));
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return rows.map((r) => [...r.matchAll(new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`, 'g'))].map((m) => decode(m[1]!)));
}

const small = frame(
  col('id', int32(), [1, 2]),
  col('name', nullable(utf8()), ['<b>Ada</b>', null]),
  col('amount', nullable(float64()), [null, 12]),
);

describe('formatHTML', () => {
  it('writes a table with a shape caption, names and dtypes in thead, and one row per frame row', () => {
    const html = formatHTML(small);
    expect(html.startsWith('<table class="colframe" style="')).toBe(true);
    expect(html.endsWith('</tbody>\n</table>')).toBe(true);
    expect(html).toMatch(/<caption[^>]*>shape: \(2, 3\)<\/caption>/);
    const thead = html.slice(html.indexOf('<thead>'), html.indexOf('</thead>'));
    expect(cellTexts(thead, 'th')).toEqual([
      ['id', 'name', 'amount'],
      ['i32', 'str', 'f64'],
    ]);
    expect(cellTexts(html, 'td')).toEqual([
      ['1', '<b>Ada</b>', 'null'],
      ['2', 'null', '12.0'],
    ]);
  });

  it('escapes markup in values, so <b> shows as text', () => {
    expect(formatHTML(small)).toContain('&lt;b&gt;Ada&lt;/b&gt;');
    expect(formatHTML(small)).not.toContain('<b>');
  });

  it('marks nulls with class="null" and grey italic, numbers with text-align:right', () => {
    const html = formatHTML(small);
    const nullCells = [...html.matchAll(/<td class="null" style="([^"]*)">null<\/td>/g)];
    expect(nullCells).toHaveLength(2);
    for (const m of nullCells) expect(m[1]).toContain('font-style:italic');
    const idCell = /<tr><td style="([^"]*)">1<\/td>/.exec(html)!;
    expect(idCell[1]).toContain('text-align:right');
    const nameCell = /<td style="([^"]*)">&lt;b&gt;/.exec(html)!;
    expect(nameCell[1]).toContain('text-align:left');
  });

  it('does not take the string "null" for a null', () => {
    const html = formatHTML(frame(col('s', utf8(), ['null'])));
    expect(html).not.toContain('class="null"');
  });

  it('needs no stylesheet: no <style>, <link> or class-only styling', () => {
    const html = formatHTML(small);
    expect(html).not.toMatch(/<style|<link/);
    const cellTags = [...html.matchAll(/<(td|th)(\s[^>]*)?>/g)];
    expect(cellTags.length).toBe(12);
    for (const m of cellTags) expect(m[2]).toContain('style="');
  });

  it('elides middle rows of a long frame (maxRows 10 as in the table) and middle columns of a wide one', () => {
    const long = formatHTML(frame(col('x', int32(), range(100))));
    expect(cellTexts(long, 'td').map((r) => r[0])).toEqual(['0', '1', '2', '3', '4', '…', '95', '96', '97', '98', '99']);
    const wide = formatHTML(frame(...range(30).map((j) => col(`c${j}`, int32(), [j]))), { maxCols: 4 });
    expect(cellTexts(wide, 'th')[0]).toEqual(['c0', 'c1', '…', 'c28', 'c29']);
    expect(cellTexts(wide, 'td')[0]).toEqual(['0', '1', '…', '28', '29']);
  });

  it('leaves out the caption and the dtype row when asked', () => {
    const html = formatHTML(small, { showShape: false, showDtypes: false });
    expect(html).not.toContain('<caption');
    expect(cellTexts(html, 'th')).toEqual([['id', 'name', 'amount']]);
  });

  it('cuts long text and escapes control characters as the table does', () => {
    const html = formatHTML(frame(col('s', utf8(), ['line\nbreak', 'x'.repeat(50)])), { maxStringLength: 8 });
    expect(cellTexts(html, 'td')).toEqual([['line\\nb…'], ['xxxxxxx…']]);
  });

  it('writes an empty table body for a frame without rows or columns', () => {
    const html = formatHTML({ height: 0, columns: [] });
    expect(html).toContain('shape: (0, 0)');
    expect(cellTexts(html, 'td')).toEqual([]);
  });

  it('lets no < from a cell or a name reach the output unescaped, and every cell reads back as its text', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'; --", '</td></tr></table>', '&lt;', '<!--', ']]>'),
    );
    fc.assert(
      fc.property(hostile, fc.array(fc.option(hostile, { nil: null }), { minLength: 1, maxLength: 8 }), (name, values) => {
        const html = formatHTML(frame(col(name, nullable(utf8()), values)), { maxStringLength: 1000, maxRows: -1 });
        expect(html.replace(OWN_TAG, '')).not.toMatch(/[<>]/);
        // No quote from the data inside a tag: every attribute is one of ours.
        for (const tag of html.match(/<[^>]*>/g) ?? []) expect(tag).toMatch(new RegExp(`^${OWN_TAG.source}$`));
        expect(cellTexts(html, 'td').map((r) => r[0])).toEqual(values.map((v) => (v === null ? 'null' : escapeText(v))));
        expect(cellTexts(html, 'th')[0]).toEqual([truncateText(escapeText(name), 1000)]);
      }),
    );
  });
});

describe('escapeHTML', () => {
  it('turns & < > " and \' into entities and leaves other text alone', () => {
    expect(escapeHTML(`<a href="x" title='y'>&</a> ok`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt; ok');
    expect(escapeHTML('日本 ✓')).toBe('日本 ✓');
  });
});

describe('DataFrame.toHTML and Jupyter display', () => {
  const df = DataFrame.fromRecords([{ s: '<i>x</i>', n: 1 }]);

  it('toHTML is formatHTML of the frame', () => {
    expect(df.toHTML({ maxRows: 3 })).toBe(formatHTML(df.core, { maxRows: 3 }));
    expect(df.toHTML()).toContain('&lt;i&gt;x&lt;/i&gt;');
  });

  it('answers Symbol.for("Jupyter.display") with an HTML and a plain-text rendering', () => {
    expect(jupyterDisplay).toBe(Symbol.for('Jupyter.display'));
    const display = (df as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for('Jupyter.display')]!;
    const bundle = display.call(df);
    expect(Object.keys(bundle).sort()).toEqual(['text/html', 'text/plain']);
    expect(bundle['text/html']).toBe(df.toHTML());
    expect(bundle['text/plain']).toBe(df.toString());
  });
});

describe('formatHTML: every dtype', () => {
  it('spells nested values as the box table does, escaping strings inside lists and structs', () => {
    const html = formatHTML(printerFrame().select('list_str', 'struct', 'dec').core).replace(/ style="[^"]*"/g, '');
    expect(html).toBe(
      [
        '<table class="colframe">',
        '<caption>shape: (3, 3)</caption>',
        '<thead>',
        '<tr><th>list_str</th><th>struct</th><th>dec</th></tr>',
        '<tr><th>list[str]</th><th>struct[2]</th><th>decimal[10,4]</th></tr>',
        '</thead>',
        '<tbody>',
        '<tr><td>[&quot;a&quot;, &quot;b\\&quot;c&quot;]</td><td>{a: 1, b: &quot;x&quot;}</td><td>12.3400</td></tr>',
        '<tr><td>[null]</td><td class="null">null</td><td class="null">null</td></tr>',
        '<tr><td>[]</td><td>{a: null, b: &quot;&lt;&amp;&gt;&quot;}</td><td>-0.0005</td></tr>',
        '</tbody>',
        '</table>',
      ].join('\n'),
    );
  });

  it('sets apart the values of a null-type column as nulls', () => {
    const html = formatHTML(frameOf({ n: everyDtypeVectors().null! }).core);
    expect(html.match(/<td class="null"[^>]*>null<\/td>/g)).toHaveLength(3);
  });

  it('right-aligns decimal columns', () => {
    const html = formatHTML(printerFrame().select('dec', 'list_str').core);
    expect(html).toMatch(/<td style="[^"]*text-align:right[^"]*">12\.3400<\/td><td style="[^"]*text-align:left[^"]*">/);
  });
});
