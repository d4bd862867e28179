// `fralign stories --out DIR`: group the documents of DIR/sentences.jsonl into stories.
import { defineCommand } from 'citty';
import { openRunFolder } from '../output/index.ts';
import { runStoriesStage, storiesPath } from '../stories/stage.ts';
import { storiesArg, storiesModeFromArgs } from './shard-args.ts';

export default defineCommand({
  meta: {
    name: 'stories',
    description: 'Group documents into stories (versions of one news story; near-duplicates marked): DIR/sentences.jsonl → DIR/stories.jsonl',
  },
  args: {
    out: { type: 'string', description: 'Folder holding sentences.jsonl (from `fralign split`); stories.jsonl goes there too', default: 'out', alias: 'o' },
    ...storiesArg,
    quiet: { type: 'boolean', description: 'Print only errors', default: false, alias: 'q' },
  },
  async run({ args }) {
    const mode = storiesModeFromArgs(args.stories);
    await openRunFolder(args.out, { create: false });
    const result = await runStoriesStage(args.out, { mode });
    if (!args.quiet) console.log(`stories: ${summariseStories(result)} → ${storiesPath(args.out)}`);
    return 0;
  },
});

export function summariseStories(result: { stories: number; documents: number; duplicates: number; largest: number }): string {
  const duplicates = result.duplicates > 0 ? `, ${result.duplicates} documents in near-duplicate groups` : '';
  return `${result.documents} documents in ${result.stories} ${result.stories === 1 ? 'story' : 'stories'} (largest ${result.largest})${duplicates}`;
}
