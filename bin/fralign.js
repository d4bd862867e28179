#!/usr/bin/env node
// Launcher. `--version` / `-V` answer from package.json before anything heavy loads. Otherwise the
// compiled CLI in dist/ runs: always in an installed package (it ships dist/ and no src/), and in a
// clone when dist/ is newer than every file under src/ (`npm ci` builds it through `prepare`). An
// edited clone runs the TypeScript sources through tsx (a devDependency), so it never runs stale code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (args.length === 1 && ['--version', '-V', '-v'].includes(args[0])) {
  console.log(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version);
} else if (builtIsFresh()) {
  await import('../dist/cli.js');
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    console.error('fralign: dist/ is missing or older than src/ and tsx is not installed; run `npm run build` (or `npm ci`) in this clone');
    process.exit(1);
  }
  register();
  await import('../src/cli.ts');
}

function builtIsFresh() {
  let builtAt;
  try {
    builtAt = statSync(path.join(root, 'dist', 'cli.js')).mtimeMs;
  } catch {
    return false;
  }
  const src = path.join(root, 'src');
  let files;
  try {
    files = readdirSync(src, { recursive: true });
  } catch {
    return true; // an installed package ships dist/ only
  }
  return files.every((file) => statSync(path.join(src, String(file))).mtimeMs <= builtAt);
}
