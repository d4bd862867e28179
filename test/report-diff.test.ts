// The report's pure pieces: word diff, trigram similarity and the most central sentence, outlet names.
import { describe, expect, it } from 'vitest';
import { diffWords, tokenize } from '../src/report/diff.ts';
import { shortIds } from '../src/report/model.ts';
import { cosine, mostCentral, trigrams } from '../src/report/similarity.ts';

const show = (sentence: string, reference: string) =>
  diffWords(sentence, reference)
    .map((p) => (p.kind === 'same' ? p.text : p.kind === 'add' ? `[+${p.text}${p.salient ? '!' : ''}]` : `[-${p.text}${p.salient ? '!' : ''}]`))
    .join('');

describe('diffWords', () => {
  it.each([
    ['identical sentences have no marks', 'La Russie achète des obus.', 'La Russie achète des obus.', 'La Russie achète des obus.'],
    ['a changed quantity is marked on both sides, as a number', 'La Russie achète des centaines d’obus.', 'La Russie achète des millions d’obus.', 'La Russie achète des [+centaines!][-millions!] d’obus.'],
    ['a changed name is marked as a name', 'Révélé par le Washington Post.', 'Révélé par le New York Times.', 'Révélé par le [+Washington!] [+Post!][-New!][-York!][-Times!].'],
    ['dropped words go before the final punctuation', 'Moscou manque de munitions.', 'Moscou manque de munitions en Ukraine.', 'Moscou manque de munitions[-en][-Ukraine!].'],
    ['digits count as numbers and punctuation never counts', 'Une hausse de 3 %, selon eux', 'Une hausse de 5 % selon eux.', 'Une hausse de [+3!][-5!] %, selon eux'],
    ['case and apostrophe style do not count as differences', 'l’Ukraine est en guerre', "L'Ukraine est en guerre", 'l’Ukraine est en guerre'],
  ])('%s', (_name, sentence, reference, expected) => {
    expect(show(sentence, reference)).toBe(expected);
  });

  it('keeps every character of the sentence, in order', () => {
    const sentence = "Selon « Le Monde », 2 000 obus — d'artillerie — ont été livrés (dit-on) !";
    const text = diffWords(sentence, 'Rien à voir.').filter((p) => p.kind !== 'drop').map((p) => p.text).join('');
    expect(text).toBe(sentence);
  });

  it('splits an elided article from its word and keeps French numbers whole', () => {
    expect(tokenize("d'obus 2 000 et 1,5 million").map((t) => t.text)).toEqual(["d'", 'obus', '2 000', 'et', '1,5', 'million']);
  });
});

describe('similarity', () => {
  it('is 1 for the same words whatever the case and punctuation, 0 with nothing in common', () => {
    expect(cosine(trigrams('La Russie, achète.'), trigrams('la russie achète'))).toBeCloseTo(1, 10);
    expect(cosine(trigrams('abc'), trigrams('xyz'))).toBe(0);
    expect(cosine(trigrams(''), trigrams('xyz'))).toBe(0);
  });

  it('picks as reference the wording closest to all the others', () => {
    const sentences = [
      'Le trafic sera très perturbé mardi.',
      'Le trafic sera perturbé mardi sur les lignes TGV.',
      'Le trafic sera très perturbé mardi sur les lignes TGV.',
      'Grève : le trafic TGV très perturbé.',
    ];
    expect(mostCentral(sentences)).toBe(2);
  });
});

describe('shortIds', () => {
  it('uses the number before the hash when it is unique, the id (shortened) otherwise', () => {
    expect(Object.fromEntries(shortIds(['001_a381a8de4f316d59', '002_791b76ca8c774dff', 'x_1', 'x_2', 'lemonde']))).toEqual({
      '001_a381a8de4f316d59': '001', '002_791b76ca8c774dff': '002', x_1: 'x_1', x_2: 'x_2', lemonde: 'lemonde',
    });
  });
});
