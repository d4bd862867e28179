// The terminal view: layout against golden files, filters, colour, wrapping.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FralignError } from '../src/errors.ts';
import { loadRunOutputs } from '../src/inspect/load.ts';
import type { RunOutputs } from '../src/inspect/outputs.ts';
import { renderTerminal, shouldUseColor, terminalColumns } from '../src/inspect/terminal.ts';
import { displayWidth, wrapText } from '../src/inspect/wrap.ts';

const BASIC = 'test/fixtures/inspect/basic';
let outputs: RunOutputs;

beforeAll(async () => {
  outputs = await loadRunOutputs(BASIC);
});

/** The "#n" block headers of the pairs view, as [a, b] ids. */
function shownPairs(text: string): string[] {
  return [...text.matchAll(/^(\S+:\d+)\s+│ (\S+:\d+)$/gm)].map((m) => `${m[1]} ↔ ${m[2]}`);
}

describe('renderTerminal', () => {
  it.each([
    ['pairs', 'expected-pairs-w80.txt'],
    ['facts', 'expected-facts-w80.txt'],
  ] as const)('%s view matches %s', (view, file) => {
    expect(renderTerminal(outputs, { width: 80, view })).toBe(readFileSync(`${BASIC}/${file}`, 'utf8'));
  });

  it.each([
    { name: 'no filter', options: {}, pairs: 7 },
    { name: 'two docs', options: { docs: ['000_lemonde', '001_figaro'] }, pairs: 3 },
    { name: 'one doc: its pairs with any other', options: { docs: ['002_piege'] }, pairs: 4 },
    { name: 'min score', options: { minScore: 0.6 }, pairs: 4 },
    { name: 'min score above every pair', options: { minScore: 0.9 }, pairs: 0 },
    { name: 'limit', options: { limit: 2 }, pairs: 2 },
    { name: 'docs + min score + limit', options: { docs: ['000_lemonde', '002_piege'], minScore: 0.5, limit: 1 }, pairs: 1 },
  ])('$name shows $pairs pairs, each passing the filters', ({ options, pairs }) => {
    const text = renderTerminal(outputs, { width: 120, ...options });
    const shown = shownPairs(text);
    expect(shown).toHaveLength(pairs);
    for (const entry of shown) {
      const pair = outputs.alignments.find((p) => `${p.a} ↔ ${p.b}` === entry)!;
      if ('minScore' in options) expect(pair.score).toBeGreaterThanOrEqual(options.minScore!);
      if ('docs' in options && options.docs!.length > 1) {
        expect(options.docs).toContain(pair.a_doc);
        expect(options.docs).toContain(pair.b_doc);
      }
    }
    if (pairs === 0) expect(text).toContain('No alignment pair matches these filters.');
  });

  it('says how many pairs --limit left out', () => {
    expect(renderTerminal(outputs, { limit: 2 })).toContain('… 5 more pairs (raise --limit to see them)');
  });

  it('keeps facts reported by other outlets labelled with their full coverage under --docs', () => {
    const text = renderTerminal(outputs, { view: 'facts', docs: ['000_lemonde'] });
    expect(text).toContain('g3  2 outlets');
    expect(text).not.toContain('001_figaro  │');
  });

  it.each([
    [['000', '001'], ['000_lemonde', '001_figaro']],
    [['000_lemonde', '001_f'], ['000_lemonde', '001_figaro']],
  ])('accepts unique id prefixes: %j means %j', (prefixes, full) => {
    expect(renderTerminal(outputs, { docs: prefixes })).toBe(renderTerminal(outputs, { docs: full }));
  });

  it('rejects an ambiguous prefix, listing what it matches', () => {
    expect(() => renderTerminal(outputs, { docs: ['00'] })).toThrow(
      '--docs: ambiguous document id (matches 000_lemonde, 001_figaro, 002_piege) "00"',
    );
  });

  it('rejects an unknown document id, naming it and the known ones', () => {
    const run = () => renderTerminal(outputs, { docs: ['000_lemonde', 'lemonde'] });
    expect(run).toThrow(FralignError);
    expect(run).toThrow('--docs: unknown document id "lemonde" in test/fixtures/inspect/basic; known ids: 000_lemonde, 001_figaro, 002_piege');
  });

  it.each([
    [true, true],
    [false, false],
  ])('color=%s → ANSI escapes present: %s', (color, expected) => {
    expect(/\x1b\[/.test(renderTerminal(outputs, { color }))).toBe(expected);
  });

  it.each([40, 57, 80, 133])('no line is wider than %i columns', (width) => {
    for (const view of ['pairs', 'facts'] as const) {
      for (const line of renderTerminal(outputs, { width, view }).split('\n')) {
        expect(displayWidth(line), line).toBeLessThanOrEqual(width);
      }
    }
  });

  it('shows every sentence of every pair in full (wrapped, not cut)', () => {
    const lines = renderTerminal(outputs, { width: 60 }).split('\n').filter((line) => line.includes('│'));
    const squash = (text: string) => text.replace(/\s/g, '');
    const left = squash(lines.map((line) => line.split('│')[0]).join(''));
    const right = squash(lines.map((line) => line.split('│')[1]).join(''));
    for (const pair of outputs.alignments) {
      expect(left).toContain(squash(pair.a_fr));
      expect(right).toContain(squash(pair.b_fr));
    }
  });
});

describe('shouldUseColor', () => {
  it.each([
    [true, {}, true],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [false, {}, false],
    [undefined, {}, false],
  ] as const)('isTTY=%s env=%j → %s', (isTTY, env, expected) => {
    expect(shouldUseColor(isTTY, env)).toBe(expected);
  });
});

describe('wrapText', () => {
  it.each([
    ['fits', 'un deux trois', 20, ['un deux trois']],
    ['breaks at spaces', 'un deux trois', 8, ['un deux', 'trois']],
    ['cuts a word longer than the line', 'https://example.org/long', 10, ['https://ex', 'ample.org/', 'long']],
    ['counts a combining accent once', 'e\u0301te\u0301 e\u0301te\u0301', 7, ['e\u0301te\u0301 e\u0301te\u0301']],
    ['keeps line breaks', 'a\nb', 10, ['a', 'b']],
    ['empty text gives one empty line', '', 10, ['']],
  ])('%s', (_name, text, width, expected) => {
    expect(wrapText(text, width)).toEqual(expected);
  });

  it('never exceeds the width and never loses a character (other than whitespace)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'é', ' ', 'ab', '«', '\n') , maxLength: 200 }), fc.integer({ min: 1, max: 30 }), (text, width) => {
        const lines = wrapText(text, width);
        expect(lines.every((line) => displayWidth(line) <= width)).toBe(true);
        expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });
});

describe('outlets, not ids, for people who read (test/fixtures/inspect/outlets)', () => {
  let run: RunOutputs;
  beforeAll(async () => {
    run = await loadRunOutputs('test/fixtures/inspect/outlets');
  });

  it('labels both sides of a pair and every fact member by outlet', () => {
    const pairs = renderTerminal(run, { docs: ['Le Monde', 'Le Figaro'], width: 100 });
    expect(pairs).toMatch(/Le Monde · 000_lemonde:\d+ +│ Le Figaro · 001_figaro:\d+/);
    const facts = renderTerminal(run, { view: 'facts', story: 's1', width: 100 });
    expect(facts).toMatch(/^Le Monde +│ /m);
    expect(facts).not.toMatch(/^000_lemonde +│/m);
  });

  it('--docs takes outlet names (any case) as it takes ids; --story keeps one story', () => {
    expect(renderTerminal(run, { docs: ['le monde', 'LE FIGARO'] }).split('\n').slice(1)).toEqual(renderTerminal(run, { docs: ['000_lemonde', '001_figaro'] }).split('\n').slice(1));
    const s2 = renderTerminal(run, { story: 's2', view: 'facts' });
    expect(s2).toContain('Libération');
    expect(s2).not.toContain('Le Monde');
  });

  it('an unknown outlet or story names what is known', () => {
    expect(() => renderTerminal(run, { docs: ['Le Monda'] })).toThrow(/unknown document id "Le Monda" .*or name an outlet: .*Le Figaro, Le Monde/);
    expect(() => renderTerminal(run, { story: 's9' })).toThrow(/--story: unknown story "s9" .*known stories: s1, s2/);
  });

  it.each([
    [{ COLUMNS: '72' }, 100, 72],
    [{ COLUMNS: 'wide' }, 90, 90],
    [{}, undefined, 100],
  ])('terminalColumns(%j, tty %s) = %s', (env, columns, expected) => {
    expect(terminalColumns(columns, env)).toBe(expected);
  });

  it.each([
    [false, { FORCE_COLOR: '1' }, true],
    [true, { NO_COLOR: '1' }, false],
    [true, { TERM: 'dumb' }, false],
  ])('colour like --help: tty=%s %j → %s', (tty, env, expected) => {
    expect(shouldUseColor(tty, env)).toBe(expected);
  });
});
