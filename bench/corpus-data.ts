// Generated news corpora for bench/corpus.ts: many stories, each told in 2–6 versions. A story is
// sentences from a source pool with its own invented names, numbers and content words swapped in
// (so stories differ the way real ones do: in who, what and how many); its versions drop, reorder
// and reword sentences as outlets do. Deterministic (seeded), so every run measures the same corpus.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { segmentSeeds, seededRandom } from './align-data.ts';

const DEV_DOCS = path.join(import.meta.dirname, '..', '..', 'shared', 'eval', 'align', 'tasks', 'news-versions-dev', 'docs.jsonl');

/** Body/title sentences to build stories from: the seeds, plus the dev suite's news documents when present. */
export async function sourceSentences(): Promise<{ sentences: string[]; source: string }> {
  const seeds = await segmentSeeds();
  const sentences = seeds.segments.filter((s) => s.kind === 'body').map((s) => s.fr);
  if (!existsSync(DEV_DOCS)) {
    return { sentences, source: `the seeds only (${sentences.length} sentences; ${DEV_DOCS} is absent, so the generated text repeats more)` };
  }
  for (const line of readFileSync(DEV_DOCS, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as { text: string; segments: { start: number; end: number }[] };
    for (const { start, end } of doc.segments) {
      const fr = doc.text.slice(start, end).trim();
      if (fr.length > 40) sentences.push(fr);
    }
  }
  return { sentences, source: `the seeds and ../shared/eval news-versions-dev (${sentences.length} sentences)` };
}

const SYLLABLES = ['ka', 'ro', 'mi', 'ten', 'lu', 'bra', 'vo', 'sel', 'di', 'nor', 'pa', 'gue', 'tri', 'zan', 'mo', 'fel', 'ri', 'dau', 'ski', 'ber', 'ly', 'qua', 'ste', 'jo'];

function inventWord(random: () => number, syllables: number): string {
  let word = '';
  for (let s = 0; s < syllables; s++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return word;
}

export interface GeneratedArticle {
  readonly id: string;
  readonly text: string;
  readonly date: string;
  /** The story it was generated from (ground truth for the bench's clustering check). */
  readonly story: number;
}

/** `articles` articles (stories of 2–6 versions, 10–16 sentences), streamed one at a time. */
export function* generateCorpus(sentences: readonly string[], articles: number, seed = 7): Generator<GeneratedArticle> {
  const random = seededRandom(seed);
  let made = 0;
  for (let story = 0; made < articles; story++) {
    // The story's own vocabulary: names, numbers and replacement content words.
    const names = new Map<string, string>();
    const words = new Map<string, string>();
    const numbers = new Map<string, string>();
    const nameOf = (w: string): string => names.get(w) ?? names.set(w, capitalise(inventWord(random, 3 + Math.floor(random() * 2)))).get(w)!;
    const wordOf = (w: string): string => words.get(w) ?? words.set(w, random() < 0.5 ? w : inventWord(random, 3)).get(w)!;
    const numberOf = (n: string): string => numbers.get(n) ?? numbers.set(n, String(Math.floor(random() * 9000) + 10)).get(n)!;
    const length = 10 + Math.floor(random() * 7);
    const base = Array.from({ length }, () => sentences[Math.floor(random() * sentences.length)] as string).map((s) =>
      s
        .replace(/(?<=\s)\p{Lu}[\p{L}-]{2,}/gu, nameOf)
        .replace(/\p{N}+/gu, numberOf)
        .replace(/\b\p{Ll}{7,}\b/gu, wordOf),
    );
    const title = `${nameOf('Titre')} : ${base[0]?.split(' ').slice(0, 8).join(' ') ?? ''}`;
    const day = Math.floor(random() * 365);
    const versions = Math.min(2 + Math.floor(random() * 5), articles - made);
    for (let v = 0; v < versions; v++) {
      const kept = base.filter(() => random() > 0.25);
      for (let i = kept.length - 1; i > 0; i--) {
        if (random() < 0.2) {
          const j = Math.floor(random() * (i + 1));
          [kept[i], kept[j]] = [kept[j] as string, kept[i] as string];
        }
      }
      const paragraphs: string[] = [];
      for (let i = 0; i < kept.length; i += 3) paragraphs.push(kept.slice(i, i + 3).join(' '));
      const date = new Date(Date.UTC(2024, 0, 1 + day + Math.floor(random() * 3))).toISOString().slice(0, 10);
      yield { id: `a${String(made).padStart(6, '0')}`, text: `${title}\n\n${paragraphs.join('\n\n')}`, date, story };
      made++;
    }
  }
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
