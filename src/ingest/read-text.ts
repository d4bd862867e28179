// Decoding a file's bytes into text, refusing what is not UTF-8 prose (binary, wrong encoding, empty).
import { FralignError } from '../errors.ts';

/**
 * `ignoreBOM: true` keeps a leading byte-order mark in the text, so the text (and every offset into
 * it) is exactly what `fs.readFileSync(file, 'utf8')` in Node and `open(file, encoding='utf-8')` in
 * Python return. See docs/reliability.md ("Offsets and the BOM").
 */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Where the first byte that is not valid UTF-8 sits: 1-based line and 0-based byte offset. */
export function firstInvalidUtf8(bytes: Uint8Array): { line: number; offset: number } | undefined {
  let line = 1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b === 0x0a) line++;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return { line, offset: i };
    if (length > 1) {
      try {
        utf8.decode(bytes.subarray(i, i + length));
      } catch {
        return { line, offset: i };
      }
    }
    i += length;
  }
  return undefined;
}

/** True when the bytes hold at least one valid multi-byte UTF-8 sequence (so the file is mostly UTF-8 already). */
function hasUtf8Sequences(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length - 1; i++) {
    const b = bytes[i]!;
    if (b >= 0xc2 && b <= 0xdf && (bytes[i + 1]! & 0xc0) === 0x80) return true;
  }
  return false;
}

/**
 * Decodes UTF-8 bytes; throws an INPUT error naming `source` when the bytes are empty, binary
 * (NUL bytes) or not valid UTF-8. A leading BOM is kept (see `utf8` above).
 */
export function decodeUtf8Text(bytes: Uint8Array, source: string): string {
  if (bytes.length === 0) {
    throw new FralignError('INPUT', `${source}: empty file; expected French article text (remove it or add content)`);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new FralignError('INPUT', `${source}: binary file (NUL byte at offset ${nul}); expected a UTF-8 text article`);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG') {
      throw new FralignError(
        'INPUT',
        `${source}: too large to read as one document (${Math.round(bytes.length / 2 ** 20)} MiB; JavaScript holds at most 512 Mi characters in one string); split it into smaller articles, or JSONL with one document per line`,
      );
    }
    const where = firstInvalidUtf8(bytes);
    const at = where ? ` at line ${where.line} (byte offset ${where.offset})` : '';
    // iconv from latin-1 only helps a file that is all latin-1; on a mostly UTF-8 file it would
    // garble every accent that is already right.
    const advice = hasUtf8Sequences(bytes)
      ? 'the rest of the file is UTF-8, so fix that byte by hand (do not re-encode the whole file)'
      : 're-encode it (e.g. `iconv -f latin1 -t utf-8`) and run again';
    throw new FralignError('INPUT', `${source}: not valid UTF-8${at}; ${advice}`);
  }
  if (text.trim() === '') {
    throw new FralignError('INPUT', `${source}: only whitespace; expected French article text`);
  }
  return text;
}
