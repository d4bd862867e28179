// Reading the pipeline's own JSONL outputs back (later stages start from earlier stages' files).
import { readFile } from 'node:fs/promises';
import { FralignError } from '../errors.ts';

/**
 * Parses a JSONL file into records. A missing file is MISSING_STAGE_OUTPUT with `hint` (the command
 * that makes it); a malformed line is an OUTPUT error naming file:line.
 */
export async function readJsonlFile<T>(file: string, hint: string): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FralignError('MISSING_STAGE_OUTPUT', `${file} not found; ${hint}`);
    }
    throw error;
  }
  return parseJsonl<T>(text, file);
}

/** Parses JSONL text; blank lines are ignored, a bad line throws naming `file:line`. */
export function parseJsonl<T>(text: string, file: string): T[] {
  const records: T[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined || line.trim() === '') continue;
    try {
      records.push(JSON.parse(line) as T);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new FralignError('OUTPUT', `${file}:${i + 1}: invalid JSON line (${detail}); rerun the stage that writes this file`);
    }
  }
  return records;
}
