// `-` as an input: the bytes piped on standard input. Piped input (and /dev/stdin, /dev/fd/N from a
// shell's `<(...)`) has no file extension to go by, so its format is read from its bytes (input-kind.ts).

/** How `-` is named in document paths, ids and messages. */
export const STDIN_NAME = 'stdin';

/**
 * `-`, and /dev/stdin too: opening /dev/stdin fails (ENXIO) when standard input is a socket, as it is
 * under many process managers, so both read the stream the process already has.
 */
export const isStdin = (input: string): boolean => input === '-' || input === '/dev/stdin';
