// `-` as an input: the bytes piped on standard input. Piped input (and /dev/stdin, /dev/fd/N from a
// shell's `<(...)`) has no file extension to go by, so its format is read from its first line.

/** How `-` is named in document paths, ids and messages. */
export const STDIN_NAME = 'stdin';

/**
 * `-`, and /dev/stdin too: opening /dev/stdin fails (ENXIO) when standard input is a socket, as it is
 * under many process managers, so both read the stream the process already has.
 */
export const isStdin = (input: string): boolean => input === '-' || input === '/dev/stdin';

export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Whether an input is JSONL: by extension, or, for a name without one (stdin, /dev/stdin, a FIFO),
 * when its first non-blank line is a JSON object. A .txt file is always one article.
 */
export function isJsonlInput(file: string, bytes: Uint8Array): boolean {
  const name = file.toLowerCase();
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return true;
  if (/\.[a-z0-9]+$/.test(name.split('/').pop() ?? '')) return false;
  const head = Buffer.from(bytes.subarray(0, 1 << 16)).toString('utf8');
  const firstLine = head.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
  if (!firstLine.startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(firstLine);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    // A first line longer than the sniffed head still counts when it looks like an object.
    return firstLine.length >= head.length - 1;
  }
}
