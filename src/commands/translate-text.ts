// `fralign translate-text [FILE...]`: French lines (standard input by default) → English lines on
// standard output, one per input line, as they come (a pipe stage, or a terminal to try the model).
// Messages go to stderr; a reader that goes away (`| head`) ends it quietly.
import { open } from 'node:fs/promises';
import { defineCommand } from 'citty';
import { FralignError } from '../errors.ts';
import { isStdin, STDIN_NAME } from '../ingest/stdin.ts';
import { loadDetector } from '../lang/detect.ts';
import { setupTranslation } from '../translate/setup.ts';
import { translateLines, type TextLineResult } from '../translate/text.ts';
import { downloadReporter } from './progress.ts';
import { writeStdout } from './stdout.ts';
import { translateArgs, translateOptionsFromArgs } from './translate-args.ts';

const { 'include-boilerplate': _boilerplate, ...modelArgs } = translateArgs;

export default defineCommand({
  meta: {
    name: 'translate-text',
    description:
      'Translate French text to English: one line in, one line out (stdin or FILEs → stdout), as it comes. Each line is split into ' +
      'sentences, checked for language (English passed through, other languages left as they are: flags source-en / source-other) ' +
      'and translated with the engine, cache and flags of `fralign translate`. --jsonl reads {"fr": …} (or {"text": …}) objects and ' +
      'writes each back with "en", "en_flags" and "lang"',
  },
  args: {
    files: { type: 'positional', required: false, valueHint: 'FILE...', description: 'Files of French text, one sentence or paragraph per line (default, or `-`: standard input)' },
    jsonl: { type: 'boolean', description: 'Lines are JSON objects with a "fr" (or "text") string; each is written back with "en", "en_flags" and "lang" added (implied for .jsonl files)', default: false },
    'cache-dir': { type: 'string', valueHint: 'FOLDER', description: 'Keep translations in this cache folder across calls (default: in memory for this call only)' },
    ...modelArgs,
  },
  async run({ args }) {
    const quiet = Boolean(args.quiet);
    const files = (args._ as string[]).length > 0 ? (args._ as string[]) : ['-'];
    const options = translateOptionsFromArgs(args);
    const setup = await setupTranslation({
      ...options,
      ...(args['cache-dir'] ? { cacheDir: String(args['cache-dir']) } : {}),
      ...(quiet ? {} : { onDownloadProgress: downloadReporter() }),
    });
    const detect = await loadDetector();
    let lines = 0;
    const flagged: Record<string, number> = {};
    try {
      for (const file of files) {
        const jsonl = Boolean(args.jsonl) || /\.(jsonl|ndjson)$/iu.test(file);
        const name = isStdin(file) ? STDIN_NAME : file;
        for await (const batch of lineBatches(file)) {
          const inputs = batch.lines.map((line, i) => (jsonl ? jsonInput(line, `${name}:${batch.first + i}`) : { text: line }));
          const { results } = await translateLines(inputs.map((input) => input.text), { translator: setup.translator, cache: setup.cache, batchSize: setup.batchSize, detect });
          const text = results.map((result, i) => formatLine(result, inputs[i] as InputLine, jsonl)).join('');
          for (const result of results) for (const flag of result.flags) flagged[flag] = (flagged[flag] ?? 0) + 1;
          lines += results.length;
          if (!(await writeStdout([text]))) return 0;
        }
      }
    } finally {
      await setup.translator.close();
    }
    if (!quiet) {
      const flags = Object.entries(flagged).map(([flag, n]) => `${n} ${flag}`).join(', ');
      console.error(`translate-text: ${lines} line${lines === 1 ? '' : 's'} with ${setup.model.id} ${setup.model.dtype}${flags ? `; lines flagged: ${flags} (--jsonl shows each line's en_flags)` : ''}`);
    }
    return 0;
  },
});

interface InputLine {
  readonly text: string;
  /** JSONL mode: the object read, written back with en/en_flags/lang. */
  readonly record?: Readonly<Record<string, unknown>>;
}

function jsonInput(line: string, where: string): InputLine {
  if (line.trim() === '') return { text: '' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new FralignError('INPUT', `${where}: not a JSON line (${(error as Error).message}); with --jsonl every line is an object such as {"fr": "…"}`);
  }
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const text = record ? (typeof record['fr'] === 'string' ? record['fr'] : record['text']) : undefined;
  if (!record || typeof text !== 'string') {
    throw new FralignError('INPUT', `${where}: expected a JSON object with a string "fr" (or "text") field, got ${line.slice(0, 60)}`);
  }
  return { text: text.replace(/[\r\n]+/gu, ' '), record };
}

function formatLine(result: TextLineResult, input: InputLine, jsonl: boolean): string {
  if (!jsonl) return `${result.en}\n`;
  if (!input.record) return '\n'; // a blank line stays a blank line
  return `${JSON.stringify({ ...input.record, en: result.en, en_flags: result.flags, lang: result.lang })}\n`;
}

/**
 * The lines of a file or of stdin in batches of what has arrived: a file read in chunks of 64 KiB
 * gives hundreds of lines per batch, a person typing gives one line at a time, answered at once.
 */
async function* lineBatches(file: string): AsyncGenerator<{ first: number; lines: string[] }> {
  const stream = isStdin(file) ? process.stdin : await openFile(file);
  let rest = '';
  let next = 1;
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of stream) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    const parts = rest.split('\n');
    rest = parts.pop() as string;
    if (parts.length === 0) continue;
    yield { first: next, lines: parts.map((line) => line.replace(/\r$/u, '')) };
    next += parts.length;
  }
  rest += decoder.decode();
  if (rest !== '') yield { first: next, lines: [rest.replace(/\r$/u, '')] };
}

async function openFile(file: string): Promise<NodeJS.ReadableStream> {
  try {
    const handle = await open(file, 'r');
    return handle.createReadStream();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FralignError('INPUT', `${file}: cannot read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, expected a text file' : String(code)})`);
  }
}
