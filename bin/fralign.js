#!/usr/bin/env node
// Thin launcher: run the TypeScript CLI through tsx so `npx fralign` works without a build step.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli.ts');
