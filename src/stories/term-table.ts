// Document frequencies of a corpus's term hashes in flat typed arrays (open addressing): a Map of
// millions of 32-bit keys costs tens of bytes per entry in V8 (most hashes are above the small-int
// range, so each key is a heap number); this costs 12 bytes per slot. Pure.

/** term hash → dense id → document frequency (and any per-term array a caller sizes by `size`). */
export class TermTable {
  private keys: Uint32Array;
  /** Dense id + 1 of the term in each slot; 0 = empty. */
  private ids: Int32Array;
  private dfs: Int32Array;
  private count = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Uint32Array(capacity);
    this.ids = new Int32Array(capacity);
    this.dfs = new Int32Array(Math.max(16, expected));
  }

  /** Distinct terms seen. */
  get size(): number {
    return this.count;
  }

  /** The dense id of `term`, or -1 when it was never added. */
  id(term: number): number {
    const mask = this.keys.length - 1;
    for (let slot = hashSlot(term, mask); ; slot = (slot + 1) & mask) {
      const id = this.ids[slot] as number;
      if (id === 0) return -1;
      if (this.keys[slot] === term) return id - 1;
    }
  }

  /** Documents containing `term` (0 when unseen). */
  df(term: number): number {
    const id = this.id(term);
    return id < 0 ? 0 : (this.dfs[id] as number);
  }

  dfOf(id: number): number {
    return this.dfs[id] as number;
  }

  /** Counts one more document containing `term`; returns its dense id. */
  add(term: number): number {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    for (let slot = hashSlot(term, mask); ; slot = (slot + 1) & mask) {
      const id = this.ids[slot] as number;
      if (id === 0) {
        const fresh = this.count++;
        if (fresh >= this.dfs.length) {
          const dfs = new Int32Array(this.dfs.length * 2);
          dfs.set(this.dfs);
          this.dfs = dfs;
        }
        this.keys[slot] = term;
        this.ids[slot] = fresh + 1;
        this.dfs[fresh] = 1;
        return fresh;
      }
      if (this.keys[slot] === term) {
        this.dfs[id - 1] = (this.dfs[id - 1] as number) + 1;
        return id - 1;
      }
    }
  }

  private grow(): void {
    const { keys, ids } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.ids = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let old = 0; old < keys.length; old++) {
      const id = ids[old] as number;
      if (id === 0) continue;
      let slot = hashSlot(keys[old] as number, mask);
      while (this.ids[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = keys[old] as number;
      this.ids[slot] = id;
    }
  }
}

/** The terms are already hashes; a multiply spreads the low bits a mask keeps. */
function hashSlot(term: number, mask: number): number {
  return Math.imul(term, 0x9e3779b1) >>> 0 & mask;
}

/** Document frequencies of every term of `docs` (each document's terms are distinct). */
export function documentFrequencies(docs: readonly { readonly terms: Uint32Array }[]): TermTable {
  const table = new TermTable(docs.length * 4);
  for (const d of docs) for (const t of d.terms) table.add(t);
  return table;
}
