// Decoding a file's bytes into text, refusing what is not UTF-8 prose (binary, wrong encoding, empty).
import { FralignError } from '../errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes UTF-8 bytes; throws an INPUT error naming `source` when the bytes are empty, binary
 * (NUL bytes) or not valid UTF-8. A leading BOM is dropped by the decoder, as editors expect.
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
  } catch {
    throw new FralignError(
      'INPUT',
      `${source}: not valid UTF-8; re-encode it (e.g. \`iconv -f latin1 -t utf-8\`) and run again`,
    );
  }
  if (text.trim() === '') {
    throw new FralignError('INPUT', `${source}: only whitespace; expected French article text`);
  }
  return text;
}
