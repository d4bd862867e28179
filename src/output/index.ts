export { writeFileAtomic, writeJsonAtomic, writeJsonlAtomic, jsonLines } from './atomic-write.ts';
export { readJsonlFile, parseJsonl, checkSegment, checkPair, checkGroup, type LineCheck } from './read-jsonl.ts';
export { OUTPUT_FILES, outputPath, type OutputFile } from './files.ts';
export { readManifest, updateManifest, type RunManifest, type StageRecord, type StageName, type ModelRecord } from './manifest.ts';
