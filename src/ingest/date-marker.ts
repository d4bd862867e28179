// Some scraped articles open with a `date YYYY-MM[-DD]` marker glued to the first sentence
// (seeds 000 and 003). It is metadata, not prose: ingest stores it in meta.date and the segmenter
// flags its span as boilerplate so the first sentence starts after it.

export interface DateMarker {
  /** The date as written, e.g. "2022-09". */
  readonly date: string;
  /** Offsets of the marker (leading whitespace included, trailing whitespace excluded). */
  readonly start: number;
  readonly end: number;
}

const DATE_MARKER = /^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b/u;

/** Finds a leading `date 2022-09` marker, or returns undefined. */
export function parseDateMarker(text: string): DateMarker | undefined {
  const match = DATE_MARKER.exec(text);
  if (!match || match[1] === undefined) return undefined;
  return { date: match[1], start: 0, end: match[0].length };
}
