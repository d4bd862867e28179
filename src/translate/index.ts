// The translate stage's public API.
export { DEFAULT_MODEL_ID, DEFAULT_MODELS_DIR, MODEL_DTYPES, resolveModel, type ModelDtype, type ResolvedModel, type ResolveModelOptions } from './model.ts';
export { DEFAULT_LENGTH_CAP, type LengthCap, type TranslationOutput, type Translator, type GenerationSettings } from './engine.ts';
export { createOrtTranslator, type OrtEngineOptions } from './ort-engine.ts';
export { createReferenceTranslator } from './reference-engine.ts';
export { TranslationCache, cacheKey } from './cache.ts';
export { DEFAULT_BATCH_SIZE, translateSegments, translateSegmentsWithStats, type TranslateProgress, type TranslateSegmentsOptions, type TranslateStats } from './stage.ts';
export { setupTranslation, type TranslationSetup, type TranslationSetupOptions } from './setup.ts';
export { defaultCacheDir, runTranslateStage, type TranslateStageOptions, type TranslateStageResult } from './run-stage.ts';
