// Library entry: re-exports only. Each stage is a plain function over the types in ./types.ts.
export * from './types.ts';
export * from './errors.ts';
export { ingest, parseDateMarker, parseJsonlDocument, decodeUtf8Text, type IngestResult, type InputFile, type DateMarker } from './ingest/index.ts';
export { segmentDocument, splitText } from './segment/index.ts';
export * from './translate/index.ts';
export { alignSegments, DEFAULT_ALIGN_OPTIONS, type AlignmentResult, type AlignOptions } from './align/index.ts';
export { runAlignStage } from './align/stage.ts';
export { loadRunOutputs } from './inspect/load.ts';
export { renderHtml } from './inspect/html.ts';
export { renderTerminal } from './inspect/terminal.ts';
export * from './output/index.ts';
export { runSplitStage, segmentAll } from './pipeline/split.ts';
export { runReportStage } from './pipeline/report.ts';
export { clusterStories, documentEvidence, DEFAULT_STORY_OPTIONS, type StoryOptions, type StoryClustering, type StoryDocument } from './stories/index.ts';
export { runStoriesStage, readStories } from './stories/stage.ts';
export { mergeRuns } from './pipeline/merge.ts';
export { parseShard, type Shard } from './pipeline/shard.ts';
