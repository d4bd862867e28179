// Which pairs of one document pair are kept beyond mutual best: a second partner only near the
// first (tieWindow), local order as the tie-breaker between look-alike candidates (context), and a
// paraphrase between two aligned sentences on its position alone (gapFill).
import { describe, expect, it } from 'vitest';
import { alignSegments, type AlignOptions } from '../src/align/index.ts';
import type { Segment } from '../src/types.ts';
import { documentSegments as document } from '../bench/align-data.ts';

const pairsOf = (segments: readonly Segment[], options: AlignOptions = {}): string[] => alignSegments(segments, options).pairs.map((p) => `${p.a}-${p.b}`);

const FILLER = [
  'Les boulangers craignent une hausse du prix de la farine cet automne.',
  'Le club de football local a recruté un nouvel entraîneur venu de Lyon.',
  'Une exposition de photographies anciennes ouvre samedi au musée.',
  'La préfecture annonce des contrôles routiers renforcés pendant les fêtes.',
  'Les vendanges se terminent avec une récolte jugée excellente.',
  'Un concert gratuit aura lieu dimanche sur la place du marché.',
];

describe('tieWindow: a second partner is a restatement nearby, not the same words far away', () => {
  const fact = 'Le conseil municipal a voté lundi le budget de la nouvelle piscine olympique.';
  const restated = 'Lundi, le conseil municipal a voté le budget de la nouvelle piscine olympique.';
  const a = document('a', ['Le maire a salué un vote très large des élus.', fact, 'Les travaux commenceront au printemps prochain.']);
  it.each([
    { name: 'a restatement two sentences after the partner is kept as a second partner', gap: 1, kept: true },
    { name: 'a restatement seven sentences after it is not (a recap far away)', gap: 6, kept: false },
  ])('$name', ({ gap, kept }) => {
    const b = document('b', ['Le maire a salué un vote très large des élus.', fact, ...FILLER.slice(0, gap), restated, 'Les travaux commenceront au printemps prochain.']);
    const far = `b:${2 + gap}`;
    expect(pairsOf([...a, ...b])).toContain('a:1-b:1');
    expect(pairsOf([...a, ...b]).includes(`a:1-${far}`)).toBe(kept);
    // With no window (round 3's rule) both restatements are second partners.
    expect(pairsOf([...a, ...b], { tieWindow: Infinity })).toContain(`a:1-${far}`);
  });
});

describe('context: local order breaks the tie between look-alike candidates', () => {
  // A tells the story, then the servant retells it far later: the question comes twice, and B's
  // wording (of the first telling) is closer to the retold one.
  const a = document('a', [
    'Le serviteur arriva au puits le soir avec ses dix chameaux.',
    'Il demanda à la jeune fille : de qui es-tu la fille ?',
    'Elle répondit qu’elle était la fille de Bathuel, fils de Nachor.',
    'Le lendemain, le serviteur raconta son voyage à toute la famille.',
    ...FILLER.slice(0, 4),
    'Je lui ai demandé : de qui es-tu donc la fille ?',
    'Alors j’ai mis l’anneau à son nez et les bracelets à ses mains.',
  ]);
  const b = document('b', [
    'Le serviteur vint au puits vers le soir avec dix chameaux.',
    'Il lui demanda : de qui es-tu donc la fille ?',
    'Elle dit qu’elle était fille de Bathuel, le fils de Nachor.',
  ]);
  it('pairs the question with the telling whose neighbours match too (context 0.5)', () => {
    const pairs = pairsOf([...a, ...b], { context: 0.5 });
    expect(pairs).toEqual(expect.arrayContaining(['a:0-b:0', 'a:1-b:1', 'a:2-b:2']));
    expect(pairs).not.toContain('a:8-b:1');
  });
  it('without context the more similar words win: the retold question', () => {
    const pairs = pairsOf([...a, ...b], { context: 0 });
    expect(pairs).toContain('a:8-b:1');
    expect(pairs).not.toContain('a:1-b:1');
  });
  it('reports the plain similarity and margin whatever the context (it only picks the partner)', () => {
    const plain = alignSegments([...a, ...b], { context: 0 }).pairs.find((p) => p.a === 'a:0');
    const withContext = alignSegments([...a, ...b], { context: 0.5 }).pairs.find((p) => p.a === 'a:0');
    expect(withContext?.score).toBe(plain?.score);
    expect(withContext?.signals.similarity).toBe(plain?.signals.similarity);
  });
});

describe('gapFill: a paraphrase between two aligned sentences aligns on its position', () => {
  // The middle sentences share one word stem ("souffr-"): far below the document pair's floor
  // (0.15 x its best similarity), and nothing else in either document competes for them.
  const a = document('a', ['Le conseil municipal a voté lundi le budget de la nouvelle piscine olympique.', 'Elle en a souffert en silence.', 'Les travaux commenceront au printemps prochain près de la gare.']);
  const b = document('b', ['Lundi, le conseil municipal a voté le budget de la nouvelle piscine olympique.', 'Cela la faisait souffrir.', 'Les travaux débuteront au printemps prochain près de la gare.']);
  it.each([
    { name: 'with gap filling (the default) the middle pair aligns', options: {}, kept: true },
    { name: 'without it the floor leaves the middle sentences unaligned', options: { gapFill: false }, kept: false },
  ])('$name', ({ options, kept }) => {
    const pairs = pairsOf([...a, ...b], options);
    expect(pairs).toEqual(expect.arrayContaining(['a:0-b:0', 'a:2-b:2']));
    expect(pairs.includes('a:1-b:1')).toBe(kept);
  });
  it('a middle pair that shares nothing at all stays unaligned', () => {
    const c = document('c', ['Lundi, le conseil municipal a voté le budget de la nouvelle piscine olympique.', 'Ça lui faisait mal.', 'Les travaux débuteront au printemps prochain près de la gare.']);
    expect(pairsOf([...a, ...c])).not.toContain('a:1-c:1');
  });
});
