// Margin scoring (Artetxe & Schwenk 2019, as in LASER bitext mining): a pair's similarity divided
// by how similar each side is to its other neighbours. A sentence full of the story's common words
// ("la Russie", "la Corée du Nord") is close to everything; the margin discounts such hubs and
// rewards a pair that stands out from its neighbourhood.
//
// The neighbourhood is taken per document pair: x's k nearest sentences *in y's document*, and
// y's k nearest in x's. Versions of one story repeat a fact across all outlets, so a corpus-wide
// neighbourhood would be full of true matches and punish exactly the facts everyone reports.

/** Top-k similarity lists per (item, other document), kept as a flat typed array. */
export class NeighbourTable {
  private readonly top: Float64Array;

  constructor(
    readonly items: number,
    readonly documents: number,
    readonly k: number,
  ) {
    this.top = new Float64Array(items * documents * k);
  }

  /** Records that `item` has a neighbour in document `doc` with this similarity. */
  offer(item: number, doc: number, similarity: number): void {
    const base = (item * this.documents + doc) * this.k;
    // Insertion into a descending list of length k.
    let slot = this.k - 1;
    if (similarity <= (this.top[base + slot] as number)) return;
    while (slot > 0 && similarity > (this.top[base + slot - 1] as number)) {
      this.top[base + slot] = this.top[base + slot - 1] as number;
      slot--;
    }
    this.top[base + slot] = similarity;
  }

  /** Mean of the k best similarities of `item` in `doc`; `available` caps k for short documents. */
  meanTop(item: number, doc: number, available: number): number {
    const k = Math.max(1, Math.min(this.k, available));
    const base = (item * this.documents + doc) * this.k;
    let sum = 0;
    for (let r = 0; r < k; r++) sum += this.top[base + r] as number;
    return sum / k;
  }
}

/** Ratio margin: sim / mean(kNN mean of x, kNN mean of y). 0 when there is no neighbourhood. */
export function ratioMargin(similarity: number, neighbourMeanX: number, neighbourMeanY: number): number {
  const denominator = (neighbourMeanX + neighbourMeanY) / 2;
  return denominator > 0 ? similarity / denominator : 0;
}
