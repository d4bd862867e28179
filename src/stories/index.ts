// Stage `stories`: documents → stories (versions of one news story). Pure; the I/O is in stage.ts.
export { clusterStories, evidencePairs, linkingPairs, scoreDocumentPairs, type EvidencePair, type ScoredDocumentPair, type StoryClustering } from './cluster.ts';
export { documentEvidence, type DocumentEvidence, type StoryDocument } from './evidence.ts';
export { DEFAULT_STORY_OPTIONS, resolveStoryOptions, type StoryOptions } from './options.ts';
export { nearDuplicatePairs, minHashSignature, estimatedJaccard } from './minhash.ts';
export { dateRange, dateGapDays } from './dates.ts';
