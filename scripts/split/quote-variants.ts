// A robustness check beside the dev table: the same WMT22 news gold with its straight quotes
// re-typed the ways French sites type them (« » with spaces, « » glued, “ ”, spaced straight
// quotes). The gold is the dev suite's; only the quote glyphs change (a `"` between two letters,
// an apostrophe, is kept), so a splitter that reads quotes from their spacing should score the
// same on every variant. Boundaries are placed with the suite's own lib/align.mjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface GoldDocument {
  readonly text: string;
  readonly sentences: readonly string[];
}

type Locate = (text: string, pieces: readonly string[]) => { spans: Array<[number, number]> };
type BoundariesOf = (spans: Array<[number, number]>, text: string) => Set<number>;

export const QUOTE_STYLES: Readonly<Record<string, readonly [string, string]>> = {
  'straight "…" (as given)': ['"', '"'],
  '« … » spaced': ['« ', ' »'],
  '«…» glued': ['«', '»'],
  '“…” curly': ['“', '”'],
  '" … " spaced straight': ['" ', ' "'],
};

/** The text with its quotes re-typed, and where each original offset landed. */
function retype(text: string, open: string, close: string): { text: string; at: number[] } {
  let out = '';
  const at: number[] = [];
  let inside = false;
  for (let index = 0; index < text.length; index += 1) {
    at.push(out.length);
    const char = text[index] ?? '';
    const apostrophe = /\p{L}/u.test(text[index - 1] ?? '') && /\p{L}/u.test(text[index + 1] ?? '');
    if (char === '"' && !apostrophe) {
      out += inside ? close : open;
      inside = !inside;
    } else {
      out += char;
      if (char === '\n') inside = false; // quotes never cross a paragraph
    }
  }
  at.push(out.length);
  return { text: out, at };
}

export interface VariantScore {
  readonly style: string;
  readonly system: string;
  readonly f1: number;
  readonly fp: number;
  readonly fn: number;
}

export async function scoreQuoteVariants(
  suite: string,
  dataset: string,
  splitters: ReadonlyArray<readonly [string, (text: string) => string[]]>,
): Promise<VariantScore[]> {
  const lib = (await import(pathToFileURL(join(suite, 'lib', 'align.mjs')).href)) as { locate: Locate; boundariesOf: BoundariesOf };
  const docs = readFileSync(join(suite, 'data', `${dataset}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GoldDocument);
  const scores: VariantScore[] = [];
  for (const [style, [open, close]] of Object.entries(QUOTE_STYLES)) {
    const variants = docs.map((doc) => {
      const { text, at } = retype(doc.text, open, close);
      const gold = [...lib.boundariesOf(lib.locate(doc.text, doc.sentences).spans, doc.text)].map((end) => at[end] ?? end);
      return { text, gold: new Set(gold) };
    });
    for (const [system, split] of splitters) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const { text, gold } of variants) {
        const predicted = lib.boundariesOf(lib.locate(text, split(text)).spans, text);
        for (const end of predicted) if (gold.has(end)) tp += 1; else fp += 1;
        for (const end of gold) if (!predicted.has(end)) fn += 1;
      }
      scores.push({ style, system, f1: (2 * tp) / (2 * tp + fp + fn), fp, fn });
    }
  }
  return scores;
}
