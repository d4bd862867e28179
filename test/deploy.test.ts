// The container recipe cannot be built here (no container engine), so what can be checked is
// checked: the Dockerfile installs the packed tarball with scripts/install-tarball.sh (the script
// test/package-install.test.ts runs), and the Kubernetes manifest runs `--shard auto` with
// FRALIGN_SHARD_COUNT equal to each Indexed Job's completions, on the image the Dockerfile builds.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.ts';

const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const manifest = readFileSync(path.join(ROOT, 'deploy', 'kubernetes.yaml'), 'utf8');
const jobs = manifest.split(/^---$/m).map((doc) => ({ name: /name: (fralign-[\w-]+)/.exec(doc)?.[1] ?? '', doc }));

describe('Dockerfile', () => {
  it('installs the packed tarball with scripts/install-tarball.sh and nothing else', () => {
    const runs = dockerfile.split('\n').filter((line) => /^RUN /.test(line));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatch(/^RUN bash \/tmp\/install-tarball\.sh \/usr\/local \/tmp\/fralign-\*\.tgz/);
    expect(dockerfile).toMatch(/^COPY scripts\/install-tarball\.sh /m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["fralign"\]/m);
    expect(readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')).toMatch(/^!fralign-\*\.tgz$/m);
  });
});

describe('deploy/kubernetes.yaml', () => {
  it('has the five steps docs/scale.md applies, in order', () => {
    expect(jobs.map((job) => job.name)).toEqual(['fralign-fetch-model', 'fralign-pass1', 'fralign-cache', 'fralign-pass2', 'fralign-merge']);
    expect(readFileSync(path.join(ROOT, 'docs', 'scale.md'), 'utf8')).toContain('for job in fetch-model pass1 cache pass2 merge; do');
  });

  it.each(['fralign-pass1', 'fralign-pass2'])('%s: an Indexed Job with --shard auto and FRALIGN_SHARD_COUNT = completions', (name) => {
    const doc = jobs.find((job) => job.name === name)?.doc ?? '';
    expect(doc).toMatch(/completionMode: Indexed/);
    expect(doc).toMatch(/--shard auto/);
    const completions = /completions: (\d+)/.exec(doc)?.[1];
    expect(completions).toBeDefined();
    expect(doc).toContain(`{ name: FRALIGN_SHARD_COUNT, value: "${completions}" }`);
    expect(doc).toContain('{ name: FRALIGN_MODELS, value: /data/models }');
  });

  it('runs one image in every Job', () => {
    const images = new Set([...manifest.matchAll(/image: (\S+)/g)].map((match) => match[1]));
    expect([...images]).toEqual(['registry.example/fralign:0.1.0']);
  });
});
