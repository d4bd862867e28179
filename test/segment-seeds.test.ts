// segmentDocument on the five seed articles: offsets, ids, coverage, the known boilerplate lines
// and headlines, and the hard splitting cases these real scraped texts contain.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { segmentDocument } from '../src/segment/index.ts';
import type { Segment } from '../src/types.ts';

const SEEDS = fileURLToPath(new URL('../seeds/', import.meta.url));

const seeds = new Map(
  readdirSync(SEEDS)
    .filter((file) => file.endsWith('.txt'))
    .map((file) => {
      const id = file.replace(/\.txt$/u, '');
      const text = readFileSync(SEEDS + file, 'utf8');
      return [id.slice(0, 3), segmentDocument({ id, path: `seeds/${file}`, text, meta: {} })] as const;
    }),
);
const texts = new Map(
  readdirSync(SEEDS).map((file) => [file.slice(0, 3), readFileSync(SEEDS + file, 'utf8')] as const),
);

function segmentsOf(seed: string): Segment[] {
  const segments = seeds.get(seed);
  if (!segments) throw new Error(`seed ${seed} not found in ${SEEDS}`);
  return segments;
}

/** Seed text uses no-break spaces (U+00A0) around « » and colons; prefixes here use plain spaces. */
function plain(value: string): string {
  return value.replace(/\s/gu, ' ');
}

function find(seed: string, prefix: string): Segment {
  const segment = segmentsOf(seed).find((candidate) => plain(candidate.fr).startsWith(prefix));
  if (!segment) throw new Error(`seed ${seed}: no segment starts with ${JSON.stringify(prefix)}`);
  return segment;
}

describe('seed offsets', () => {
  it.each(['000', '001', '002', '003', '004'])('seed %s: ids, order, exact offsets, every character covered', (seed) => {
    const text = texts.get(seed) ?? '';
    const segments = segmentsOf(seed);
    expect(segments.length).toBeGreaterThan(10);
    let previousEnd = 0;
    const covered = new Array<boolean>(text.length).fill(false);
    segments.forEach((segment, index) => {
      expect(segment.index).toBe(index);
      expect(segment.id).toBe(`${segment.doc}:${index}`);
      expect(text.slice(segment.start, segment.end)).toBe(segment.fr);
      expect(segment.fr).toBe(segment.fr.trim());
      expect(segment.start).toBeGreaterThanOrEqual(previousEnd);
      expect(segment.kind === 'boilerplate').toBe(segment.reason !== undefined);
      previousEnd = segment.end;
      for (let i = segment.start; i < segment.end; i += 1) covered[i] = true;
    });
    const uncovered = Array.from({ length: text.length }, (_, i) => i).filter((i) => !/\s/u.test(text[i] ?? '') && !covered[i]);
    expect(uncovered).toEqual([]);
  });
});

describe('seed boilerplate and headlines', () => {
  it.each([
    ['000', 'date 2022-09', 'boilerplate', 'date-marker'],
    ['000', 'NOUVEAUVous pouvez désormais écouter', 'boilerplate', 'app-promo'],
    ['000', 'LES ÉTATS-UNIS DIT QUE', 'boilerplate', 'teaser-headline'],
    ['000', 'LES TROUPES RUSSES EN UKRAINE', 'boilerplate', 'teaser-headline'],
    ['000', 'CLIQUEZ ICI POUR OBTENIR', 'boilerplate', 'call-to-action'],
    ['000', 'L’Associated Press a contribué à ce rapport.', 'boilerplate', 'credit-line'],
    ['000', 'Le ministère russe de la Défense serait', 'body', undefined],
    ['001', 'La Russie achète des millions de roquettes et d’obus à la Corée du Nord, selon', 'title', undefined],
    ['001', 'La Russie achète des millions de roquettes et d’obus d’artillerie', 'body', undefined],
    ['001', 'Don Honorifique', 'boilerplate', 'donation-widget'],
    ['001', 'Support the Edogmyblog site !', 'boilerplate', 'donation-widget'],
    ['001', '2,00 $US', 'boilerplate', 'donation-widget'],
    ['001', 'Comment recent', 'boilerplate', 'reader-comment'],
    ['001', 'Le président russe, Vladimir Poutine', 'body', undefined],
    ['002', 'Selon les services de renseignement américains, Moscou', 'body', undefined],
    ['002', 'LIRE AUSSI: Qui est Liz Truss', 'boilerplate', 'call-to-action'],
    ['002', 'Le premier navire ukrainien destiné à la Corne de l’Afrique', 'boilerplate', 'related-link'],
    ['002', 'La Corée du Nord n’est pas une petite nation', 'boilerplate', 'reader-comment'],
    ['002', 'Bravo 👏🏿🔥', 'boilerplate', 'reader-comment'],
    ['002', 'En préparation de ces attaques', 'body', undefined],
    ['003', 'date 2022-09', 'boilerplate', 'date-marker'],
    ['003', 'La Russie se fournirait en armes et munitions auprès de la Corée du Nord', 'title', undefined],
    ['003', 'Rédigé par leral.net le Mardi 6 Septembre 2022 à 21:02 | | 0 commentaire(s)|', 'boilerplate', 'byline'],
    ['003', 'En proie à des difficultés d’approvisionnement', 'body', undefined],
    ['003', 'Difficultés d\'approvisionnement', 'body', undefined],
    ['004', 'La Corée du Nord tente d’envoyer des obus', 'title', undefined],
    ['004', 'La capitale ukrainienne Kyiv frappée par des drones kamikazes – en images', 'boilerplate', 'related-link'],
    ['004', 'Mis à jour : 02 novembre 2022, 15 h 53', 'boilerplate', 'update-timestamp'],
    ['004', 'Source link -38', 'boilerplate', 'source-link'],
    ['004', 'La Russie nie ces allégations', 'body', undefined],
  ])('seed %s: %s… is %s (%s)', (seed, prefix, kind, reason) => {
    const segment = find(seed, prefix);
    expect(segment.kind).toBe(kind);
    expect(segment.reason).toBe(reason);
  });

  it('seed 003: the glued title, byline and first sentence are three segments, the byline exactly', () => {
    const [marker, title, byline, first] = segmentsOf('003');
    expect(marker?.fr).toBe('date 2022-09');
    expect(title?.fr).toBe('La Russie se fournirait en armes et munitions auprès de la Corée du Nord');
    expect(byline?.fr).toBe('Rédigé par leral.net le Mardi 6 Septembre 2022 à 21:02 | | 0 commentaire(s)|');
    expect(first?.fr).toBe('En proie à des difficultés d’approvisionnement de son armée, Moscou aurait été contraint de se tourner vers Pyongyang.');
  });

  it('flags exactly the 19 known boilerplate segments of the seeds, nothing else', () => {
    const flagged = [...seeds.values()].flat().filter((segment) => segment.kind === 'boilerplate').length;
    expect(flagged).toBe(19);
  });
});

describe('seed hard splitting cases', () => {
  it('seed 004: "M. Kirby a déclaré …" is one sentence', () => {
    const segment = find('004', 'M. Kirby a déclaré que des indications');
    expect(plain(segment.fr).endsWith('pour la guerre en Ukraine.')).toBe(true);
    expect(plain(find('004', 'Citant les efforts occidentaux').fr)).toContain('M. Kirby a déclaré que les expéditions');
  });

  it('seed 002: quotes closed by a lone « stay inside their sentence', () => {
    expect(plain(find('002', '« Le ministère russe de la Défense').fr)).toMatch(/en Ukraine« , a déclaré un responsable par courriel, interrogé sur le rapport du journal\.$/u);
    expect(plain(find('002', 'Le Times a cité').fr)).toMatch(/qualifiée d' »opération militaire spéciale« \.$/u);
    expect(plain(find('002', 'Le mois dernier').fr)).toMatch(/« nombreuses défaillances« \.$/u);
    expect(find('002', 'Le responsable a déclaré que la Russie prévoyait').kind).toBe('body');
  });

  it('seed 001: a curly quote closing after the period ends the sentence', () => {
    expect(plain(find('001', '“Espérons que').fr)).toMatch(/\(drones\)\.”$/u);
    expect(find('001', 'Toute vente d’armes').kind).toBe('body');
  });

  it('seed 004: quotes with an incise stay one sentence', () => {
    expect(plain(find('004', '« Nous surveillons toujours cela').fr)).toBe(
      '« Nous surveillons toujours cela pour déterminer si les envois sont réellement reçus », a-t-il déclaré.',
    );
  });
});
