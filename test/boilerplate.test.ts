// Boilerplate flagging: pattern rules one sentence at a time (table-driven), then whole composed
// articles in the style of several outlets (test/fixtures/boilerplate/<case>/input.txt +
// expected.json [+ meta.json]), where position rules (title, teaser, tail) also apply.

import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { matchPatternRule, segmentDocument } from '../src/segment/index.ts';
import type { DocumentMeta, SegmentKind } from '../src/types.ts';

describe('pattern rules flag widget and promo lines', () => {
  it.each([
    ['NOUVEAUVous pouvez désormais écouter les articles de Fox News !', 'app-promo'],
    ["Téléchargez l'application Franceinfo", 'app-promo'],
    ['Écoutez cet article', 'app-promo'],
    ['CLIQUEZ ICI POUR OBTENIR L’APPLICATION FOX NEWS', 'call-to-action'],
    ['LIRE AUSSI: Qui est Liz Truss désignée pour être la prochaine première ministre du Royaume-Uni', 'call-to-action'],
    ['À lire aussi Réforme des retraites : ce qui change au 1er septembre', 'call-to-action'],
    ['Abonnez-vous à notre newsletter', 'call-to-action'],
    ['Cet article est réservé aux abonnés', 'call-to-action'],
    ['L’Associated Press a contribué à ce rapport.', 'credit-line'],
    ['Reuters a contribué à cet article.', 'credit-line'],
    ['avec AFP', 'credit-line'],
    ['(AFP)', 'credit-line'],
    ['Crédit photo : Ludovic Marin / AFP', 'credit-line'],
    ['Rédigé par leral.net le Mardi 6 Septembre 2022 à 21:02 | | 0 commentaire(s)|', 'byline'],
    ['Par Claire Dubois', 'byline'],
    ['Par Claire Dubois | 12 mars 2024', 'byline'],
    ['Par Jean Martin, envoyé spécial à Kiev', 'byline'],
    ['Par Marie de La Tour', 'byline'],
    ['Propos recueillis par Anne Leclerc', 'byline'],
    ['Le Monde avec AFP', 'credit-line'],
    ['Le Figaro avec agences', 'credit-line'],
    ['Mis à jour : 02 novembre 2022, 15 h 53', 'update-timestamp'],
    ['Publié le 03/05/2023 à 07h30', 'update-timestamp'],
    ['Mis à jour le 02/11/2022 à 15h53.', 'update-timestamp'],
    ['Publié le 12 mars 2024 à 10h22, mis à jour à 11h05', 'update-timestamp'],
    ['Le 12 mars 2024 à 18h05', 'update-timestamp'],
    ['Source link -38', 'source-link'],
    ['https://www.lemonde.fr/international/article/2022/09/06/russie.html', 'source-link'],
    ['Don Honorifique', 'donation-widget'],
    ['Support the Edogmyblog site !', 'donation-widget'],
    ['2,00 $US', 'donation-widget'],
    ['10 €', 'donation-widget'],
    ['Comment recent', 'reader-comment'],
    ['Commentaires', 'reader-comment'],
    ['***', 'separator'],
    ['– – –', 'separator'],
    ['La capitale ukrainienne Kyiv frappée par des drones kamikazes – en images', 'related-link'],
  ])('%s → %s', (sentence, reason) => {
    expect(matchPatternRule(sentence)).toBe(reason);
  });
});

describe('pattern rules leave body sentences alone', () => {
  it.each([
    'Le journal compte désormais 500 000 abonnés numériques, a indiqué sa directrice.',
    "L'application StopCovid a été téléchargée 2 millions de fois en une semaine.",
    'Le rapport, publié lundi, indique que les renseignements ne fournissent aucun détail.',
    'Par ailleurs, le ministre a annoncé un don de 2 millions d’euros à la Croix-Rouge.',
    'Par Moscou, il faut entendre le Kremlin et ses relais.',
    "La source, proche du dossier, évoque 12 000 commentaires haineux reçus par l'élue.",
    'Mis en cause dans cette affaire, le maire a démissionné le 3 mars.',
    'Cliquer sur un lien frauduleux peut coûter cher, rappelle la gendarmerie.',
    'Lire un livre par semaine : le défi lancé par la ministre de la Culture.',
    "Le Japon a contribué à hauteur de 2 milliards d'euros au fonds.",
    'Soutenu par la majorité, le texte a été adopté.',
    '« Merci à tous », a conclu le président.',
    'Source de tensions, la réforme divise la majorité.',
    'Par Jean Martin, le gouvernement entend le ministre des Armées.',
    'Publié le 12 mars, le rapport a fait grand bruit.',
    'Mis à jour le 3 janvier, le logiciel corrige la faille.',
    'Les forces ukrainiennes avec le soutien de Reuters.',
  ])('%s', (sentence) => {
    expect(matchPatternRule(sentence)).toBeUndefined();
  });
});

interface ExpectedSegment {
  readonly fr: string;
  readonly kind: SegmentKind;
  readonly reason?: string;
}

const FIXTURES = fileURLToPath(new URL('./fixtures/boilerplate/', import.meta.url));
const articles = readdirSync(FIXTURES)
  .sort()
  .map((name) => {
    const folder = join(FIXTURES, name);
    const metaPath = join(folder, 'meta.json');
    return {
      name,
      text: readFileSync(join(folder, 'input.txt'), 'utf8'),
      meta: (existsSync(metaPath) ? JSON.parse(readFileSync(metaPath, 'utf8')) : {}) as DocumentMeta,
      expected: JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as ExpectedSegment[],
    };
  });

describe('composed articles in the style of several outlets', () => {
  it.each(articles.map((article) => [article.name, article] as const))('%s', (_name, article) => {
    const segments = segmentDocument({ id: article.name, path: `${article.name}/input.txt`, text: article.text, meta: article.meta });
    const got = segments.map(({ fr, kind, reason }) => (reason === undefined ? { fr, kind } : { fr, kind, reason }));
    expect(got).toEqual(article.expected);
  });
});

describe('news prose is not flagged', () => {
  // The split fixtures are article prose; only these ones contain boilerplate on purpose.
  const WITH_BOILERPLATE = new Set(['86-title-then-byline-lines', '87-emoji-comment-lines', '107-separator-lines']);
  const SPLIT_FIXTURES = fileURLToPath(new URL('./fixtures/split/', import.meta.url));
  const prose = readdirSync(SPLIT_FIXTURES)
    .filter((name) => !name.includes('seed') && !WITH_BOILERPLATE.has(name))
    .sort();

  it('no sentence of the ~100 prose split fixtures is boilerplate', () => {
    expect(prose.length).toBeGreaterThanOrEqual(95);
    const flagged = prose.flatMap((name) => {
      const text = readFileSync(join(SPLIT_FIXTURES, name, 'input.txt'), 'utf8');
      return segmentDocument({ id: name, path: name, text, meta: {} })
        .filter((segment) => segment.kind === 'boilerplate')
        .map((segment) => `${name}: ${segment.reason} ${segment.fr}`);
    });
    expect(flagged).toEqual([]);
  });
});
