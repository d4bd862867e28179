// What the clustering keeps of a document: its term hashes (sorted, with kinds), a MinHash
// signature, its headline and its date. Compact, so a corpus's evidence fits where its text would not.
import { DEFAULT_MINHASH, hash32, minHashSignature } from './minhash.ts';
import { analyseText, type TermKind } from './tokens.ts';

/** The document as the stories stage sees it: its title and body text, headline and date. */
export interface StoryDocument {
  readonly id: string;
  /** Title and body segments in document order (boilerplate left out). */
  readonly sentences: readonly string[];
  /** The first title segment, or null. */
  readonly title: string | null;
  readonly date?: string;
}

export const KIND_CODE: Readonly<Record<TermKind, number>> = { word: 0, name: 1, number: 2 };

export interface DocumentEvidence {
  readonly id: string;
  readonly title: string | null;
  readonly date?: string;
  /** Distinct term hashes, ascending (a hash, not a dictionary id: independent of input order). */
  readonly terms: Uint32Array;
  /** KIND_CODE of each term, same order. */
  readonly kinds: Uint8Array;
  readonly signature: Uint32Array;
  /**
   * Distinct term hashes of each sentence, ascending, one sentence after the other: sentence k is
   * sentenceTerms[sentenceEnds[k - 1] .. sentenceEnds[k]) (see sentenceSets). Two flat arrays, not
   * one array per sentence: a typed array costs ~200 bytes of its own, a corpus has millions of sentences.
   */
  readonly sentenceTerms: Uint32Array;
  readonly sentenceEnds: Uint32Array;
}

/** Each sentence's distinct term hashes, ascending (views into the document's flat array). */
export function sentenceSets(evidence: Pick<DocumentEvidence, 'sentenceTerms' | 'sentenceEnds'>): Uint32Array[] {
  const sets: Uint32Array[] = [];
  let start = 0;
  for (const end of evidence.sentenceEnds) {
    sets.push(evidence.sentenceTerms.subarray(start, end));
    start = end;
  }
  return sets;
}

export function documentEvidence(doc: StoryDocument): DocumentEvidence {
  const byHash = new Map<number, number>();
  const hashes = new Map<string, number>();
  const tokens: string[] = [];
  // Each sentence is analysed once: its terms make the sentence's set and add to the document's.
  const sentences = doc.sentences.map((sentence) => {
    const analysed = analyseText(sentence);
    for (const token of analysed.tokens) tokens.push(token);
    const own = new Set<number>();
    for (const [term, kind] of analysed.terms) {
      let h = hashes.get(term);
      if (h === undefined) hashes.set(term, (h = hash32(term)));
      own.add(h);
      // Two terms with one hash (rare) merge; the stronger kind wins so the result is order-free.
      byHash.set(h, Math.max(byHash.get(h) ?? 0, KIND_CODE[kind]));
    }
    return Uint32Array.from(own).sort();
  });
  const terms = Uint32Array.from(byHash.keys()).sort();
  const kinds = Uint8Array.from(terms, (h) => byHash.get(h) as number);
  const sentenceEnds = new Uint32Array(sentences.length);
  let total = 0;
  sentences.forEach((set, k) => {
    total += set.length;
    sentenceEnds[k] = total;
  });
  const sentenceTerms = new Uint32Array(total);
  sentences.forEach((set, k) => sentenceTerms.set(set, (sentenceEnds[k] as number) - set.length));
  return {
    id: doc.id,
    title: doc.title,
    ...(doc.date !== undefined ? { date: doc.date } : {}),
    terms,
    kinds,
    signature: minHashSignature(tokens, DEFAULT_MINHASH),
    sentenceTerms,
    sentenceEnds,
  };
}
