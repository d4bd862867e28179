// `fralign inspect DIR` in the terminal: aligned sentences side by side, or grouped per fact. Pure.
import picocolors from 'picocolors';
import type { AlignmentPair, FactGroup, Segment } from '../types.ts';
import { selectDocs, selectGroups, selectPairs, type RunOutputs, type SelectionOptions } from './outputs.ts';
import { padEnd, wrapText } from './wrap.ts';

type Colors = ReturnType<typeof picocolors.createColors>;

export interface TerminalOptions extends SelectionOptions {
  /** Total line width in columns. Default 100; at least 40 is used. */
  readonly width?: number;
  /** ANSI colours. Default false (the command turns it on for a TTY without NO_COLOR). */
  readonly color?: boolean;
  /** Show at most this many pairs (or facts). Default: all. */
  readonly limit?: number;
  /** 'pairs': one block per alignment pair, doc A | doc B. 'facts': one block per fact group. Default 'pairs'. */
  readonly view?: 'pairs' | 'facts';
}

const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 40;
const GUTTER = ' │ ';

/**
 * Colour only for a person at a terminal: never when output is piped, nor when NO_COLOR is set to
 * anything non-empty (the no-color.org convention).
 */
export function shouldUseColor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  return isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/** Renders the run as plain text (with ANSI colours when `color`), ending with a newline. */
export function renderTerminal(outputs: RunOutputs, options: TerminalOptions = {}): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH));
  const c = picocolors.createColors(options.color ?? false);
  const flags = translationFlags(outputs.sentences);
  const lines =
    options.view === 'facts' ? renderFacts(outputs, options, width, flags, c) : renderPairs(outputs, options, width, flags, c);
  return `${lines.join('\n')}\n`;
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

function renderPairs(outputs: RunOutputs, options: TerminalOptions, width: number, flags: FlagNotes, c: Colors): string[] {
  const matching = selectPairs(outputs, options);
  const shown = options.limit === undefined ? matching : matching.slice(0, options.limit);
  const lines = [header(outputs, `${shown.length} of ${countLabel(matching.length, outputs.alignments.length, 'pair')}`, options, width, c)];
  if (shown.length === 0) lines.push('', c.yellow('No alignment pair matches these filters.'));
  shown.forEach((pair, i) => lines.push('', ...pairBlock(pair, i + 1, width, flags, c)));
  if (shown.length < matching.length) {
    lines.push('', c.dim(`… ${matching.length - shown.length} more pairs (raise --limit to see them)`));
  }
  return lines;
}

function pairBlock(pair: AlignmentPair, n: number, width: number, flags: FlagNotes, c: Colors): string[] {
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
  const left = sideLines(pair.a, pair.a_fr, withFlags(pair.a_en, flags.get(pair.a)), column);
  const right = sideLines(pair.b, pair.b_fr, withFlags(pair.b_en, flags.get(pair.b)), column);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const l = left[i] ?? { text: '', style: 'fr' as const };
    const r = right[i] ?? { text: '', style: 'fr' as const };
    lines.push(`${style(padEnd(l.text, column), l.style, c)}${c.gray(GUTTER)}${style(r.text, r.style, c)}`.trimEnd());
  }
  return lines;
}

interface StyledLine {
  readonly text: string;
  readonly style: 'id' | 'fr' | 'en';
}

function sideLines(id: string, fr: string, en: string | undefined, column: number): StyledLine[] {
  const lines: StyledLine[] = wrapText(id, column).map((text) => ({ text, style: 'id' }));
  lines.push(...wrapText(fr, column).map((text) => ({ text, style: 'fr' as const })));
  if (en !== undefined) lines.push(...wrapText(`en: ${en}`, column).map((text) => ({ text, style: 'en' as const })));
  return lines;
}

function withFlags(en: string | undefined, note: string | undefined): string | undefined {
  return en === undefined ? undefined : en + (note ?? '');
}

function style(text: string, kind: StyledLine['style'], c: Colors): string {
  if (text === '') return text;
  return kind === 'id' ? c.cyan(text) : kind === 'en' ? c.dim(text) : text;
}

function renderFacts(outputs: RunOutputs, options: TerminalOptions, width: number, flags: FlagNotes, c: Colors): string[] {
  const docs = selectDocs(outputs, options.docs);
  const matching = selectGroups(outputs, docs).filter(
    (group) => options.minScore === undefined || group.score >= options.minScore,
  );
  const shown = options.limit === undefined ? matching : matching.slice(0, options.limit);
  const lines = [header(outputs, `${shown.length} of ${countLabel(matching.length, outputs.groups.length, 'fact')}`, options, width, c)];
  if (shown.length === 0) lines.push('', c.yellow('No fact group matches these filters.'));
  const labelWidth = Math.max(...docs.map((doc) => doc.length), 3);
  for (const group of shown) lines.push('', ...factBlock(group, labelWidth, width, flags, c));
  if (shown.length < matching.length) {
    lines.push('', c.dim(`… ${matching.length - shown.length} more facts (raise --limit to see them)`));
  }
  return lines;
}

function factBlock(group: FactGroup, labelWidth: number, width: number, flags: FlagNotes, c: Colors): string[] {
  const outlets = group.docs.length === 1 ? `only ${group.docs[0]}` : `${group.docs.length} outlets`;
  const score = `score ${formatScore(group.score)}`;
  const lines =
    group.id.length + outlets.length + score.length + 4 <= width
      ? [c.gray('─'.repeat(width)), `${c.bold(group.id)}  ${outlets}  ${c.dim(score)}`]
      : [c.gray('─'.repeat(width)), c.bold(group.id), ...wrapText(outlets, width), c.dim(score)];
  const textWidth = Math.max(10, width - labelWidth - GUTTER.length);
  const members = [...group.members].sort((x, y) => (x.doc === y.doc ? x.start - y.start : x.doc < y.doc ? -1 : 1));
  for (const member of members) {
    const en = withFlags(member.en, flags.get(member.id));
    const body = [
      ...wrapText(member.fr, textWidth).map((text) => ({ text, style: 'fr' as const })),
      ...(en === undefined ? [] : wrapText(`en: ${en}`, textWidth).map((text) => ({ text, style: 'en' as const }))),
    ];
    body.forEach((line, i) => {
      const label = i === 0 ? c.cyan(padEnd(member.doc, labelWidth)) : ' '.repeat(labelWidth);
      lines.push(`${label}${c.gray(GUTTER)}${style(line.text, line.style, c)}`.trimEnd());
    });
  }
  return lines;
}

function header(outputs: RunOutputs, counts: string, options: TerminalOptions, width: number, c: Colors): string {
  const filters = [
    // The resolved ids, so a prefix given on the command line shows what it matched.
    options.docs && options.docs.length > 0 ? `docs ${selectDocs(outputs, options.docs).join(',')}` : undefined,
    options.minScore === undefined ? undefined : `score ≥ ${options.minScore}`,
    options.limit === undefined ? undefined : `limit ${options.limit}`,
  ].filter((f) => f !== undefined);
  const text = `fralign inspect ${outputs.dir} — ${counts}${filters.length > 0 ? ` (${filters.join(' · ')})` : ''}`;
  return wrapText(text, width).map((line) => c.bold(line)).join('\n');
}

function countLabel(matching: number, total: number, noun: string): string {
  return matching === total ? `${total} ${noun}s` : `${matching} matching ${noun}s (${total} in the run)`;
}

export function formatScore(score: number): string {
  return score.toFixed(3);
}
