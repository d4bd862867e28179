// Entry of a decode worker. Plain JavaScript on purpose: a worker thread starts with a fresh module
// loader, so it cannot load decode-worker.ts until tsx is registered in it, whichever way the main
// thread runs (bin/fralign.js, `npx tsx`, vitest). Registering here makes all three behave alike.
import { register } from 'tsx/esm/api';

register();
await import('./decode-worker.ts');
