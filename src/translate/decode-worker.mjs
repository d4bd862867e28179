// Entry of a decode worker. Plain JavaScript on purpose: a worker thread starts with a fresh module
// loader, so it cannot load decode-worker.ts until tsx is registered in it, whichever way the main
// thread runs (bin/fralign.js, `npx tsx`, vitest). Registering here makes all three behave alike.
// The build copies this file into dist/translate/, where the compiled decode-worker.js sits beside it.
import { existsSync } from 'node:fs';

const compiled = new URL('./decode-worker.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./decode-worker.ts');
}
