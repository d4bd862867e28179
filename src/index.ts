// Library entry: re-exports only. Each stage is a plain function over the types in ./types.ts.
export * from './types.ts';
export * from './errors.ts';
