import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** fralign's own version, from package.json (recorded in every manifest). */
export const VERSION: string = (require('../package.json') as { version: string }).version;
