// How quote marks are read (src/segment/pairs.ts): from what surrounds them, because scraped
// French news types apostrophes as `"`, forgets to close quotes and glues guillemets to words.
import { describe, expect, it } from 'vitest';
import { applyPairMark, endSentence, pairMarkAt } from '../src/segment/pairs.ts';

/** The role of the quote marked by `|` before it (the bar is removed), with or without an open straight quote. */
function roleOf(marked: string, straightOpen = false): 'open' | 'close' | 'none' {
  const at = marked.indexOf('|');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  return pairMarkAt(text, at, straightOpen, 0, text.length)?.role ?? 'none';
}

describe('quote marks are read from their surroundings', () => {
  it.each([
    ['l|"économie', 'none', 'between two letters: an apostrophe typed as a quote'],
    ['aujourd|"hui', 'none', 'same, inside a word'],
    ['a dit : |"Nous partons', 'open', 'glued to the word after'],
    ['nous partons|", a-t-il dit', 'close', 'glued to the word before'],
    ['Êtes-vous sûr ? |" demanda-t-il', 'close', 'spaced, a lower-case incise follows'],
    ['la fin |" , dit-il', 'close', 'spaced, a comma follows'],
    ['a dit : |" Nous partons', 'open', 'spaced, after a colon'],
    ['|" Nous partons', 'open', 'spaced, at the start of the line'],
    ['en Ukraine|« , a déclaré', 'close', 'a guillemet glued to the word before closes whatever its glyph'],
    ["d' |»opération", 'open', 'a guillemet glued to the word after opens whatever its glyph'],
    ['il dit |« oui »', 'open', 'spaced guillemets: the glyph decides'],
    ['il dit « oui |»', 'close', 'spaced guillemets: the glyph decides'],
  ])('%s → %s (%s)', (marked, role) => {
    expect(roleOf(marked)).toBe(role);
  });

  it('a spaced straight quote between a sentence end and a capital closes only a quote open in the sentence', () => {
    expect(roleOf('Nous partons. |" Puis', true)).toBe('close');
    expect(roleOf('Nous partons. |" Puis', false)).toBe('open');
  });

  it('straight quotes do not nest, and an unclosed straight quote ends with its sentence', () => {
    const open = { role: 'open', family: 'quote', straight: true } as const;
    const guillemet = { role: 'open', family: 'quote', straight: false } as const;
    const twice = applyPairMark(applyPairMark([], open, 0), open, 10);
    expect(twice.map((pair) => pair.at)).toEqual([10]);
    const mixed = applyPairMark(applyPairMark([], guillemet, 0), open, 5);
    expect(endSentence(mixed).map((pair) => pair.at)).toEqual([0]);
  });
});
