// The one piece of advice for a damaged model file (no onnxruntime import: config readers use it too).
import path from 'node:path';

/**
 * What to do about a damaged model file. `fralign fetch-model` skips a model that is already there,
 * so "re-fetch" alone would change nothing: the folder has to go first.
 */
export function refetchAdvice(file: string): string {
  const folder = path.basename(path.dirname(file)) === 'onnx' ? path.dirname(path.dirname(file)) : path.dirname(file);
  return `replace it with a good copy (for a model \`fralign fetch-model\` downloaded: delete ${folder} first, since fetch-model skips a model that is already there, then run it again)`;
}
