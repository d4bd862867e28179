// `meta.date` as a day number, when it can be read: versions of one story are published within days.

/**
 * Days since 1970 of the first day and the last day a date string can mean: "2022-09-14" is one
 * day, "2022-09" the whole month, "2022" the whole year. Undefined when the string is not a date.
 */
export function dateRange(date: string | undefined): readonly [number, number] | undefined {
  if (date === undefined) return undefined;
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/u.exec(date.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  const toDay = (y: number, m: number, d: number): number => Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
  if (month === undefined) return [toDay(year, 1, 1), toDay(year + 1, 1, 1) - 1];
  if (day === undefined) return [toDay(year, month, 1), toDay(year, month + 1, 1) - 1];
  return [toDay(year, month, day), toDay(year, month, day)];
}

/** Days between the closest days two ranges can mean (0 when they overlap). */
export function dateGapDays(a: readonly [number, number], b: readonly [number, number]): number {
  return Math.max(0, a[0] - b[1], b[0] - a[1]);
}
