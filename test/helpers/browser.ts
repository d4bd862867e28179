// Finds and launches a headless Chromium for the browser tests, never downloading one:
// 1. FRALIGN_CHROMIUM=/path/to/chromium, when set;
// 2. Debian's `chromium` (or `chromium-browser`) on PATH, when present (what .ci/run used to install);
// 3. otherwise the Chromium that the devDependency @sparticuz/chromium ships inside its npm tarball
//    (brotli-compressed; unpacked once into the temp folder on first use, no network).
// FRALIGN_BROWSER=bundled skips step 2, so the npm-shipped browser can be checked on a machine that has
// Debian's; FRALIGN_BROWSER=system refuses the fallback, so a missing Debian browser fails loudly.
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Flags both browsers run with: headless, root-safe, and no traffic of Chromium's own on a closed network. */
export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

export interface FoundBrowser {
  readonly executablePath: string;
  /** Where it came from, for failure messages. */
  readonly origin: 'FRALIGN_CHROMIUM' | 'system' | '@sparticuz/chromium';
}

const SYSTEM_NAMES = ['chromium', 'chromium-browser'] as const;

/** The first executable called `name` on PATH, or undefined. */
export function onPath(name: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser> {
  if (env.FRALIGN_CHROMIUM) return { executablePath: env.FRALIGN_CHROMIUM, origin: 'FRALIGN_CHROMIUM' };
  const mode = env.FRALIGN_BROWSER ?? 'auto';
  if (mode !== 'bundled') {
    for (const name of SYSTEM_NAMES) {
      const found = onPath(name, env.PATH);
      if (found) return { executablePath: found, origin: 'system' };
    }
    if (mode === 'system') {
      throw new Error('FRALIGN_BROWSER=system but no chromium on PATH; `apt-get install chromium`, or unset FRALIGN_BROWSER');
    }
  }
  // Imported only when needed: unpacking the ~60 MB binary takes a few seconds the first time.
  const { default: bundled } = await import('@sparticuz/chromium');
  // It unpacks into os.tmpdir()/chromium and reuses whatever is there, so give each version its own
  // folder: a binary left by another version is never picked up.
  // (Its exports map hides package.json, so it is read from where npm puts it.)
  const manifest = path.join(import.meta.dirname, '..', '..', 'node_modules', '@sparticuz', 'chromium', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = path.join(tmpdir(), `fralign-sparticuz-chromium-${version}`);
  try {
    mkdirSync(process.env.TMPDIR, { recursive: true });
    return { executablePath: await bundled.executablePath(), origin: '@sparticuz/chromium' };
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}

export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<{ browser: Browser; found: FoundBrowser }> {
  const found = await findChromium(env);
  try {
    const browser = await chromium.launch({ executablePath: found.executablePath, args: [...LAUNCH_ARGS] });
    return { browser, found };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`cannot start Chromium from ${found.origin} (${found.executablePath}): ${detail}`, { cause: error });
  }
}
