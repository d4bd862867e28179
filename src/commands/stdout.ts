// Data to standard output with back-pressure, ending quietly when the reader goes away (`| head`):
// after EPIPE nothing more is written and the caller is told, so it can stop work and exit 0.

let closed = false;
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
    else throw error;
  });
}

/** Writes the chunks in order; false once the reader has gone (the rest is dropped: nobody reads it). */
export async function writeStdout(chunks: Iterable<string>): Promise<boolean> {
  listen();
  for (const chunk of chunks) {
    if (closed) return false;
    if (chunk !== '' && !process.stdout.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          process.stdout.off('drain', done).off('close', done).off('error', done);
          resolve();
        };
        process.stdout.on('drain', done).on('close', done).on('error', done);
      });
    }
  }
  return !closed;
}
