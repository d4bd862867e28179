#!/usr/bin/env node
// `npm run build` (also run by `npm ci` through `prepare`, and by `npm pack` through `prepack`):
// src/ → dist/ (.js + .d.ts) with tsc, plus every file under src/ that is not TypeScript (the
// plain-JavaScript worker entry, onnx.proto), which the code finds beside itself at run time.
// Built into a scratch folder beside dist/ and swapped in by rename, so a `fralign` started while
// the build runs (bin/fralign.js, other tests) finds either the old complete dist/, none (and runs
// the sources through tsx), or the new complete one — never a half-written tree.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const fresh = path.join(root, `.dist-build-${process.pid}`);
const stale = path.join(root, `.dist-old-${process.pid}`);
const src = path.join(root, 'src');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

if (process.argv.includes('--if-stale') && builtIsFresh()) process.exit(0);
try {
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', fresh], { cwd: root, stdio: 'inherit' });
  for (const file of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!file.isFile() || file.name.endsWith('.ts')) continue;
    const from = path.join(file.parentPath, file.name);
    cpSync(from, path.join(fresh, path.relative(src, from)));
  }
  if (existsSync(dist)) renameSync(dist, stale);
  renameSync(fresh, dist);
} finally {
  rmSync(fresh, { recursive: true, force: true });
  rmSync(stale, { recursive: true, force: true });
}

/** The same test as bin/fralign.js: dist/cli.js exists and no file under src/ is newer. */
function builtIsFresh() {
  let builtAt;
  try {
    builtAt = statSync(path.join(dist, 'cli.js')).mtimeMs;
  } catch {
    return false;
  }
  return readdirSync(src, { recursive: true }).every((file) => statSync(path.join(src, String(file))).mtimeMs <= builtAt);
}
