// JSONL inputs: one article per line, `{"id": "...", "text": "...", ...metadata}`.
import { FralignError } from '../errors.ts';
import type { Document, DocumentMeta } from '../types.ts';
import { parseDateMarker } from './date-marker.ts';
import { normaliseMeta } from './meta.ts';

/** A document, or the reason one line could not become a document. */
export type LineResult = { readonly ok: true; readonly doc: Document } | { readonly ok: false; readonly error: FralignError };

/**
 * Parses one JSONL line into a document. Every key other than `id` and `text` becomes metadata,
 * so nothing a user put in their corpus is lost on the way to the outputs.
 */
export function parseJsonlDocument(line: string, file: string, lineNumber: number): LineResult {
  const where = `${file}:${lineNumber}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail(where, `invalid JSON (${detail}); expected {"id": "...", "text": "..."} on each line`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return fail(where, `expected a JSON object {"id": "...", "text": "..."}, got ${got}`);
  }
  const record = value as Record<string, unknown>;
  const { id, text, ...rest } = record;
  if (typeof id !== 'string' && typeof id !== 'number') {
    return fail(where, `missing "id" (string); got ${id === undefined ? 'no id' : JSON.stringify(id)}`);
  }
  if (String(id).trim() === '') {
    return fail(where, `empty "id" ${JSON.stringify(id)}; give every line a non-empty unique id (ids name documents in every output)`);
  }
  if (typeof text !== 'string' || text.trim() === '') {
    return fail(where, `missing or empty "text" (string) for id ${JSON.stringify(String(id))}`);
  }
  const marker = parseDateMarker(text);
  const meta: DocumentMeta = { ...normaliseMeta(rest), ...(marker && rest['date'] === undefined ? { date: marker.date } : {}) };
  return { ok: true, doc: { id: String(id), path: where, text, meta } };
}

function fail(where: string, message: string): LineResult {
  return { ok: false, error: new FralignError('INPUT', `${where}: ${message}`) };
}
