// `fralign inspect DIR` in the terminal: aligned sentences side by side, or grouped per fact. Pure.
import picocolors from 'picocolors';
import type { AlignmentPair, FactGroup, Segment } from '../types.ts';
import { documentLabels, documentSources, selectDocs, selectGroups, selectPairs, type RunOutputs, type SelectionOptions } from './outputs.ts';
import { displayWidth, padEnd, wrapText } from './wrap.ts';

type Colors = ReturnType<typeof picocolors.createColors>;

export interface TerminalOptions extends SelectionOptions {
  /** Total line width in columns. Default 100; at least 40 is used. */
  readonly width?: number;
  /** ANSI colours. Default false (the command turns it on for a TTY without NO_COLOR). */
  readonly color?: boolean;
  /** Show at most this many pairs (or facts). Default: all. */
  readonly limit?: number;
  /** Skip this many matching pairs (or facts) first: with `limit`, one page of a large run. Default 0. */
  readonly offset?: number;
  /** 'pairs': one block per alignment pair, doc A | doc B. 'facts': one block per fact group. Default 'pairs'. */
  readonly view?: 'pairs' | 'facts';
}

const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 40;
const GUTTER = ' │ ';

/**
 * Colour for a person at a terminal, as `--help` decides it (commands/help.ts): FORCE_COLOR (not
 * "0"/"false") turns it on even into a pipe; NO_COLOR (non-empty, no-color.org) or TERM=dumb off.
 */
export function shouldUseColor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY === true && env.TERM !== 'dumb';
}

/** Columns to lay out for: COLUMNS when set to a whole number (as `ls` and `--help` read it), else the terminal's, else 100. */
export function terminalColumns(columns: number | undefined, env: Readonly<Record<string, string | undefined>>): number {
  const fromEnv = /^\d+$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS) : 0;
  return fromEnv > 0 ? fromEnv : (columns ?? DEFAULT_WIDTH);
}

/** Renders the run as plain text (with ANSI colours when `color`), ending with a newline. */
export function renderTerminal(outputs: RunOutputs, options: TerminalOptions = {}): string {
  return [...renderTerminalChunks(outputs, options)].join('');
}

/**
 * The same text in pieces (one per block, each ending with a newline), for writing to stdout as it
 * is made: a run with hundreds of thousands of pairs never becomes one string.
 */
export function* renderTerminalChunks(outputs: RunOutputs, options: TerminalOptions = {}): Generator<string> {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH));
  const c = picocolors.createColors(options.color ?? false);
  const flags = translationFlags(outputs.sentences);
  // Outlet names; an outlet's versions are told apart by id only where they meet (in one fact group).
  const sources = documentSources(outputs);
  const labels = new Map([...sources].map(([doc, source]) => [doc, source]));
  const blocks =
    options.view === 'facts' ? renderFacts(outputs, options, width, flags, labels, c) : renderPairs(outputs, options, width, flags, labels, c);
  for (const lines of blocks) yield `${lines.join('\n')}\n`;
}

/**
 * Article text made inert for a terminal: ESC (and with it every CSI/OSC sequence: title changes,
 * screen clears, OSC 52 clipboard writes), the other C0 controls, DEL, C1 controls and bidi
 * overrides are shown as visible `\xNN` / `\uNNNN` escapes, so nothing is hidden and nothing runs.
 * Tabs become a space (they would break the column layout); line breaks are kept for wrapping.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    if (ch === '\t') return ' ';
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** wrapText over terminal-safe text. */
function wrapSafe(text: string, width: number): string[] {
  return wrapText(terminalSafe(text), width);
}

function page<T>(items: readonly T[], options: TerminalOptions): T[] {
  const from = options.offset ?? 0;
  return options.limit === undefined ? items.slice(from) : items.slice(from, from + options.limit);
}

function shownLabel(shown: number, options: TerminalOptions): string {
  const from = options.offset ?? 0;
  return from === 0 || shown === 0 ? `${shown}` : `${from + 1}–${from + shown}`;
}

/** Segment id → " [length-cap]"-style suffix for translations a user should double-check. */
type FlagNotes = ReadonlyMap<string, string>;

function translationFlags(sentences: readonly Segment[]): FlagNotes {
  const notes = new Map<string, string>();
  for (const segment of sentences) {
    if (segment.en_flags && segment.en_flags.length > 0) notes.set(segment.id, ` [${segment.en_flags.join(', ')}]`);
  }
  return notes;
}

/** Document id → what people read (its outlet when known): documentLabels. */
type Labels = ReadonlyMap<string, string>;

function* renderPairs(outputs: RunOutputs, options: TerminalOptions, width: number, flags: FlagNotes, labels: Labels, c: Colors): Generator<string[]> {
  const matching = selectPairs(outputs, options);
  const shown = page(matching, options);
  const from = options.offset ?? 0;
  yield [header(outputs, `${shownLabel(shown.length, options)} of ${countLabel(matching.length, outputs.alignments.length, 'pair')}`, options, width, labels, c)];
  if (shown.length === 0) yield ['', c.yellow('No alignment pair matches these filters.')];
  for (let i = 0; i < shown.length; i++) yield ['', ...pairBlock(shown[i]!, from + i + 1, width, flags, labels, c)];
  const after = matching.length - from - shown.length;
  if (after > 0) yield ['', c.dim(`… ${after} more pairs (raise --limit to see them)${options.limit !== undefined ? ` · next page: --offset ${from + shown.length}` : ''}`)];
}

function pairBlock(pair: AlignmentPair, n: number, width: number, flags: FlagNotes, labels: Labels, c: Colors): string[] {
  const column = Math.floor((width - GUTTER.length) / 2);
  const gradeText = pair.grade === 2 ? 'grade 2 (same information)' : 'grade 1 (partial overlap)';
  const scoreColor = pair.grade === 2 ? c.green : c.yellow;
  const head = `#${n}  score ${formatScore(pair.score)}`;
  const styledHead = `${c.bold(`#${n}`)}  ${scoreColor(`score ${formatScore(pair.score)}`)}`;
  // On a narrow terminal the grade goes on its own line rather than past the edge.
  const lines =
    head.length + 2 + gradeText.length <= width
      ? [c.gray('─'.repeat(width)), `${styledHead}  ${c.dim(gradeText)}`]
      : [c.gray('─'.repeat(width)), styledHead, c.dim(gradeText)];
  const left = sideLines(sideLabel(pair.a, pair.a_doc, labels), pair.a_fr, withFlags(pair.a_en, flags.get(pair.a)), column);
  const right = sideLines(sideLabel(pair.b, pair.b_doc, labels), pair.b_fr, withFlags(pair.b_en, flags.get(pair.b)), column);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const l = left[i] ?? { text: '', style: 'fr' as const };
    const r = right[i] ?? { text: '', style: 'fr' as const };
    lines.push(`${style(padEnd(l.text, column), l.style, c)}${c.gray(GUTTER)}${style(r.text, r.style, c)}`.trimEnd());
  }
  return lines;
}

/** A side's heading: the outlet, then the sentence id (`Le Monde · 000_lemonde:3`); the id alone when no outlet is known. */
function sideLabel(id: string, doc: string, labels: Labels): string {
  const source = labels.get(doc);
  return source === undefined ? id : `${source} · ${id}`;
}

interface StyledLine {
  readonly text: string;
  readonly style: 'id' | 'fr' | 'en';
}

function sideLines(id: string, fr: string, en: string | undefined, column: number): StyledLine[] {
  const lines: StyledLine[] = wrapSafe(id, column).map((text) => ({ text, style: 'id' }));
  lines.push(...wrapSafe(fr, column).map((text) => ({ text, style: 'fr' as const })));
  if (en !== undefined) lines.push(...wrapSafe(`en: ${en}`, column).map((text) => ({ text, style: 'en' as const })));
  return lines;
}

function withFlags(en: string | undefined, note: string | undefined): string | undefined {
  // A sentence left untranslated on purpose (source-other: not French) still shows why.
  if (en === undefined) return note === undefined ? undefined : `(not translated)${note}`;
  return en + (note ?? '');
}

function style(text: string, kind: StyledLine['style'], c: Colors): string {
  if (text === '') return text;
  return kind === 'id' ? c.cyan(text) : kind === 'en' ? c.dim(text) : text;
}

function* renderFacts(outputs: RunOutputs, options: TerminalOptions, width: number, flags: FlagNotes, labels: Labels, c: Colors): Generator<string[]> {
  const docs = selectDocs(outputs, options.docs, options.story);
  const matching = selectGroups(outputs, docs).filter(
    (group) => options.minScore === undefined || group.score >= options.minScore,
  );
  const shown = page(matching, options);
  const from = options.offset ?? 0;
  yield [header(outputs, `${shownLabel(shown.length, options)} of ${countLabel(matching.length, outputs.groups.length, 'fact')}`, options, width, labels, c)];
  if (shown.length === 0) yield ['', c.yellow('No fact group matches these filters.')];
  // A loop, not Math.max(...docs): thousands of versions would overflow the call stack.
  let labelWidth = 3;
  const groupLabels = shown.map((group) => documentLabels(outputs, group.docs, labels));
  for (const perGroup of groupLabels) for (const label of perGroup.values()) labelWidth = Math.max(labelWidth, displayWidth(terminalSafe(label)));
  // Long outlet names or ids must not squeeze the text: the label column takes at most a third.
  labelWidth = Math.min(labelWidth, Math.max(3, Math.floor(width / 3)));
  for (const [k, group] of shown.entries()) yield ['', ...factBlock(group, labelWidth, width, flags, groupLabels[k]!, c)];
  const after = matching.length - from - shown.length;
  if (after > 0) yield ['', c.dim(`… ${after} more facts (raise --limit to see them)${options.limit !== undefined ? ` · next page: --offset ${from + shown.length}` : ''}`)];
}

function factBlock(group: FactGroup, labelWidth: number, width: number, flags: FlagNotes, labels: Labels, c: Colors): string[] {
  const outlets = group.docs.length === 1 ? `only ${terminalSafe(labels.get(group.docs[0]!) ?? group.docs[0]!)}` : `${group.docs.length} outlets`;
  const id = terminalSafe(group.id);
  const score = `score ${formatScore(group.score)}`;
  const lines =
    id.length + outlets.length + score.length + 4 <= width
      ? [c.gray('─'.repeat(width)), `${c.bold(id)}  ${outlets}  ${c.dim(score)}`]
      : [c.gray('─'.repeat(width)), c.bold(id), ...wrapText(outlets, width), c.dim(score)];
  const textWidth = Math.max(10, width - labelWidth - GUTTER.length);
  const members = [...group.members].sort((x, y) => (x.doc === y.doc ? x.start - y.start : x.doc < y.doc ? -1 : 1));
  for (const member of members) {
    const en = withFlags(member.en, flags.get(member.id));
    const body = [
      ...wrapSafe(member.fr, textWidth).map((text) => ({ text, style: 'fr' as const })),
      ...(en === undefined ? [] : wrapSafe(`en: ${en}`, textWidth).map((text) => ({ text, style: 'en' as const }))),
    ];
    body.forEach((line, i) => {
      const label = i === 0 ? c.cyan(padEnd(fitLabel(terminalSafe(labels.get(member.doc) ?? member.doc), labelWidth), labelWidth)) : ' '.repeat(labelWidth);
      lines.push(`${label}${c.gray(GUTTER)}${style(line.text, line.style, c)}`.trimEnd());
    });
  }
  return lines;
}

/** A label cut to the column with an ellipsis (the full name is in the header and the JSON). */
function fitLabel(label: string, width: number): string {
  if (displayWidth(label) <= width) return label;
  let cut = label;
  while (cut.length > 0 && displayWidth(cut) > width - 1) cut = [...cut].slice(0, -1).join('');
  return `${cut}…`;
}

function header(outputs: RunOutputs, counts: string, options: TerminalOptions, width: number, labels: Labels, c: Colors): string {
  const filters = [
    options.story === undefined ? undefined : `story ${options.story}`,
    // What the names given on the command line matched (outlets, with the id when needed).
    options.docs && options.docs.length > 0 ? docsFilter(outputs, options, labels) : undefined,
    options.minScore === undefined ? undefined : `score ≥ ${options.minScore}`,
    options.limit === undefined ? undefined : `limit ${options.limit}`,
    options.offset ? `offset ${options.offset}` : undefined,
  ].filter((f) => f !== undefined);
  const text = terminalSafe(`fralign inspect ${outputs.dir} — ${counts}`) + (filters.length > 0 ? terminalSafe(` (${filters.join(' · ')})`) : '');
  return wrapText(text, width).map((line) => c.bold(line)).join('\n');
}

/** What --docs matched: the documents (outlet · id) when few, else the names as given and how many documents. */
function docsFilter(outputs: RunOutputs, options: TerminalOptions, labels: Labels): string {
  const docs = selectDocs(outputs, options.docs, options.story);
  if (docs.length > 6) return `docs ${options.docs!.join(', ')} (${docs.length} documents)`;
  return `docs ${docs.map((doc) => (labels.has(doc) ? `${labels.get(doc)} · ${doc}` : doc)).join(', ')}`;
}

function countLabel(matching: number, total: number, noun: string): string {
  return matching === total ? `${total} ${noun}s` : `${matching} matching ${noun}s (${total} in the run)`;
}

export function formatScore(score: number): string {
  return score.toFixed(3);
}
