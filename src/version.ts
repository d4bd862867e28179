import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
/** fralign's own version, from package.json (recorded in every manifest). */
export const VERSION: string = (require('../package.json') as { version: string }).version;

/**
 * The installed version of a dependency, for the manifest. Some packages (transformers.js) do not
 * export their package.json, so walk up from the resolved entry point instead of requiring it.
 */
export function dependencyVersion(name: string): string | undefined {
  let dir: string;
  try {
    dir = path.dirname(require.resolve(name));
  } catch {
    return undefined;
  }
  for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === name) return pkg.version;
  }
  return undefined;
}
