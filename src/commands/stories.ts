// `fralign stories DIR`: group the documents of DIR/sentences.jsonl into stories.
import { defineCommand } from 'citty';
import { openRunFolder } from '../output/index.ts';
import { runStoriesStage, storiesPath } from '../stories/stage.ts';
import { storiesArg, storiesModeFromArgs } from './shard-args.ts';
import { runDirAlias, runDirArg } from './contract.ts';

export default defineCommand({
  meta: {
    name: 'stories',
    description: 'Group documents into stories (versions of one news story; near-duplicates marked): DIR/sentences.jsonl → DIR/stories.jsonl',
  },
  args: {
    dir: { type: 'positional', required: false, description: 'Run folder holding sentences.jsonl (from `fralign split`); stories.jsonl goes there too' },
    ...runDirAlias,
    ...storiesArg,
    quiet: { type: 'boolean', description: 'Print only errors', default: false, alias: 'q' },
  },
  async run({ args }) {
    const dir = runDirArg('stories', args);
    const mode = storiesModeFromArgs(args.stories);
    await openRunFolder(dir, { create: false });
    const result = await runStoriesStage(dir, { mode });
    if (!args.quiet) console.error(`stories: ${summariseStories(result)} → ${storiesPath(dir)}`);
    return 0;
  },
});

export function summariseStories(result: { stories: number; documents: number; duplicates: number; largest: number }): string {
  const duplicates = result.duplicates > 0 ? `, ${result.duplicates} documents in near-duplicate groups` : '';
  return `${result.documents} documents in ${result.stories} ${result.stories === 1 ? 'story' : 'stories'} (largest ${result.largest})${duplicates}`;
}
