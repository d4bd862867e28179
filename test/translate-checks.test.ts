// Translation checks (src/translate/checks.ts): each flags its planted error and stays silent on the
// tiny model's exact training pairs (test/fixtures/tiny-pairs.tsv: real news sentences and their English).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTranslation, missingNames, missingNumbers } from '../src/translate/checks.ts';

const PAIRS = readFileSync(path.join(import.meta.dirname, 'fixtures', 'tiny-pairs.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => line.split('\t') as [string, string]);

describe('translation checks', () => {
  it('say nothing on any of the tiny model\'s training pairs', () => {
    const flagged = PAIRS.map(([fr, en]) => [fr, en, checkTranslation(fr, en)] as const).filter(([, , flags]) => flags.length > 0);
    expect(PAIRS.length).toBeGreaterThan(100);
    expect(flagged).toEqual([]);
  });

  it.each([
    ['number', 'La Russie a acheté 1 500 obus.', 'Russia bought shells.'],
    ['number', 'Le chômage atteint 3,5 % en 2022.', 'Unemployment reached 35% in 2022.'],
    ['number', 'Le chômage atteint 3,5 % en 2022.', 'Unemployment reached 3.5% in 2021.'],
    ['number', 'Il a reçu 1,5 million d’euros.', 'He received 15 million euros.'],
    ['name', 'Emmanuel Macron a rencontré Olaf Scholz à Berlin.', 'Emmanuel Macron met him in Berlin.'],
    ['name', 'L’OTAN et l’ONU ont condamné l’attaque.', 'They condemned the attack.'],
    ['untranslated', 'La Corée du Nord expédie des obus à la Russie.', 'La Corée du Nord expédie des obus à la Russie.'],
    ['length-ratio', 'La Corée du Nord tente d’envoyer des obus d’artillerie à la Russie pour les utiliser en Ukraine.', 'North Korea is trying.'],
    ['length-ratio', 'La Russie achète des roquettes à la Corée du Nord, selon Washington.', 'Russia is buying rockets from North Korea, according to Washington, and Russia is buying rockets from North Korea again and again.'],
  ])('flags %s: %s → %s', (flag, fr, en) => {
    expect(checkTranslation(fr, en)).toContain(flag);
  });

  it.each([
    ['1 500 obus', '1,500 shells'],
    ['1 500 obus', '1500 shells'],
    ['1.500 obus', '1,500 shells'],
    ['3,5 %', '3.5%'],
    ['1,5 million d’euros', '1.5 million euros'],
    ['1,5 million d’euros', '1,500,000 euros'],
    ['1 500 000 euros', '1.5 million euros'],
    ['2,3 milliards', '2.3 billion'],
    ['3 enfants', 'three children'],
    ['à 15 h 53', 'at 3:53 p.m.'],
    ['le 02 novembre 2022', 'on 2 November 2022'],
  ])('numbers: %s and %s are the same', (fr, en) => {
    expect(missingNumbers(fr, en)).toEqual([]);
  });

  it.each([
    ['L’Allemagne soutient l’OTAN.', 'Germany supports NATO.'],
    ['Mercredi, l’ONU a parlé.', 'On Wednesday, the UN spoke.'],
    ['Selon la Maison Blanche, les États-Unis hésitent.', 'According to the White House, the United States is hesitating.'],
    ['Moscou accuse Kiev.', 'Moscow accuses Kyiv.'],
    ['CLIQUEZ ICI POUR OBTENIR L’APPLICATION', 'CLICK HERE TO GET THE APP'],
  ])('names that translate are not missing: %s → %s', (fr, en) => {
    expect(missingNames(fr, en)).toEqual([]);
  });
});
