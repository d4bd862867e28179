export { writeFileAtomic, writeJsonAtomic, writeJsonlAtomic, jsonLines, removeStaleTemps } from './atomic-write.ts';
export { readJsonlFile, streamJsonlFile, parseJsonl, checkSegment, checkSegmentSpan, checkPair, checkGroup, type LineCheck } from './read-jsonl.ts';
export { OUTPUT_FILES, RUN_DATA, outputPath, type OutputFile } from './files.ts';
export { checkUserOutput, resolveUserOutput, writeUserOutput, writeChunks, type UserOutputOptions, type ResolvedOutput } from './user-output.ts';
export { openRunFolder, checkOutArg, LOCK_FILE } from './run-folder.ts';
export { readManifest, updateManifest, markOutputsStale, documentLengths, sha256OfFile, DEPENDENT_STAGES, type RunManifest, type StageRecord, type StageName, type ModelRecord } from './manifest.ts';
