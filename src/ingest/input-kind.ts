// What a file named on the command line is, from its name and its first bytes: an article, a JSONL
// corpus (plain or gzip-compressed), or something that is not an article at all (README.md,
// package.json, a JSON array...), which is refused in one line instead of being split as French.
import { FralignError } from '../errors.ts';

export type InputKind = 'text' | 'jsonl' | 'jsonl-gz';

const EXPECTED = 'fralign reads .txt articles (plain text, one per file), .jsonl or .jsonl.gz corpora (one {"id": ..., "text": ...} object per line) and folders of *.txt';
const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** True when the bytes start like gzip data. */
export const isGzip = (head: Uint8Array): boolean => head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];

/**
 * Decides how to read `name` (the path as given, or `stdin`). A name without an extension (stdin,
 * /dev/fd/N, a FIFO) is sniffed: a first line that is a JSON object means JSONL, a whole JSON
 * document or gzip data is refused, anything else is one article. Throws INPUT naming the file.
 */
export function inputKind(name: string, head: Uint8Array): InputKind {
  const byName = kindByName(name);
  if (byName !== undefined) return byName;
  if (isGzip(head)) {
    throw new FralignError('INPUT', `${name}: gzip-compressed data; ${EXPECTED}; name the file NAME.jsonl.gz or pipe it through \`gunzip -c\``);
  }
  const text = Buffer.from(head).toString('utf8');
  const firstLine = text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
  if (firstLine.startsWith('{') && parsesAsObject(firstLine, text)) return 'jsonl';
  if (/^\s*[[{]/.test(text) && parsesAsJson(text)) throw notJsonl(name);
  return 'text';
}

/**
 * What the name alone says: a kind, a refusal (throws INPUT), or undefined for a name without an
 * extension, whose bytes decide (inputKind).
 */
export function kindByName(name: string): InputKind | undefined {
  const base = (name.split('/').pop() ?? name).toLowerCase();
  if (/\.(jsonl|ndjson)\.gz$/.test(base)) return 'jsonl-gz';
  if (/\.(jsonl|ndjson)$/.test(base)) return 'jsonl';
  if (base.endsWith('.txt')) return 'text';
  const extension = /\.([a-z0-9]+)$/.exec(base)?.[1];
  if (extension === 'json') throw notJsonl(name);
  if (extension === 'gz') {
    throw new FralignError('INPUT', `${name}: compressed file that is not .jsonl.gz; ${EXPECTED}; decompress it, or name a gzip-compressed JSONL corpus NAME.jsonl.gz`);
  }
  if (extension !== undefined) {
    throw new FralignError('INPUT', `${name}: not an article (a .${extension} file); ${EXPECTED}; if it is an article, rename it to .txt`);
  }
  return undefined;
}

/**
 * For a stream with no extension (stdin, a pipe), decided from its start so a JSONL corpus can be
 * read as it arrives: true when `head` holds the first non-blank line complete and that line is a
 * JSON object, which is exactly when inputKind on the whole stream says 'jsonl'. False means "not
 * known yet": read the rest and ask inputKind.
 */
export function startsAsJsonl(head: Uint8Array): boolean {
  if (isGzip(head)) return false;
  const text = Buffer.from(head).toString('utf8');
  const lines = text.split('\n');
  // The last piece has no newline after it yet: it may be cut off.
  const firstLine = lines.slice(0, -1).find((line) => line.trim() !== '')?.trim();
  if (firstLine === undefined || !firstLine.startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(firstLine);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * Watches chunks arriving from a stream: true once a complete non-blank line has gone by, i.e. once
 * the bytes seen are enough for startsAsJsonl to answer. Carries the line in progress across chunks,
 * so each byte is looked at once.
 */
export function firstLineWatcher(): (chunk: Uint8Array) => boolean {
  let content = false;
  let found = false;
  return (chunk) => {
    for (let i = 0; i < chunk.length && !found; i++) {
      const byte = chunk[i]!;
      if (byte === 0x0a) {
        found = content;
        content = false;
      } else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) content = true;
    }
    return found;
  };
}

function notJsonl(name: string): FralignError {
  return new FralignError(
    'INPUT',
    `${name}: a JSON document, not JSONL; ${EXPECTED}; for a JSON array of articles run \`jq -c '.[]' FILE > NAME.jsonl\` and pass NAME.jsonl`,
  );
}

/** The first line is one JSON object (or, cut off by the sniffed head, looks like the start of one). */
function parsesAsObject(firstLine: string, head: string): boolean {
  try {
    const value: unknown = JSON.parse(firstLine);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return firstLine.length >= head.length - 1;
  }
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
