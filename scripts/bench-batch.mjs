// `npm run bench -- --batch`: a class of fixture submissions (good and
// broken) graded in full by `rock-check batch` with its default --jobs,
// against the same gradings one after another in a shell loop, in the same
// command; then the batch again over the unchanged submissions.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

export const batchFixtures = [
  'good',
  'broken/rt003-type-row-missing',
  'broken/rt005-rocks-open-without-token',
  'broken/rt014-db-without-volume',
  'broken/rt001-image-does-not-build',
  'broken/cf010-inline-comment',
];

export async function benchBatch(root, timed) {
  const { materialize } = await tsImport('../test/support/materialize.ts', import.meta.url);
  const work = await mkdtemp(join(tmpdir(), 'rc-bench-batch-'));
  try {
    const cls = join(work, 'class');
    await mkdir(cls);
    for (const name of batchFixtures) {
      const m = await materialize(name, { git: true });
      await rename(m.dir, join(cls, name.replace(/^broken\//, '')));
    }
    const folders = batchFixtures.map((n) => join(cls, n.replace(/^broken\//, '')));
    const cli = join(root, 'bin/rock-check.js');
    // Warm the image cache once, so that neither side pays for the first pull of the base images.
    timed('warm-up', 'node', [cli, '--no-out', '--json', folders[0]], [0, 1]);
    const loopScript = `for d in "$@"; do node ${JSON.stringify(cli)} --no-out --json "$d" > /dev/null || [ $? -eq 1 ]; done`;
    const loop = timed('shell loop', 'bash', ['-c', loopScript, 'loop', ...folders]);
    const out = join(work, 'out');
    const batch = timed('batch', 'node', [cli, 'batch', cls, '--out', out], [0, 1]);
    const again = timed('batch, unchanged', 'node', [cli, 'batch', cls, '--out', out], [0, 1]);
    const counts = spawnSync('cut', ['-d,', '-f9', join(out, 'gradebook.csv')], { encoding: 'utf8' }).stdout.trim().split('\n').slice(1);
    const fmt = (ms) => `${(ms / 1000).toFixed(1)} s`;
    const status = spawnSync('node', ['-e', 'const os=require("os");console.log(os.availableParallelism()+" cores, "+Math.round(os.totalmem()/2**30)+" GiB")'], { encoding: 'utf8' }).stdout.trim();
    process.stdout.write(
      [
        `${folders.length} submissions (${batchFixtures.join(', ')}), full grading; machine: ${status}`,
        `shell loop, one after another: ${fmt(loop)}`,
        `rock-check batch, default --jobs: ${fmt(batch)}  (statuses: ${counts.join(' ')})`,
        `ratio     batch / loop = ${(batch / loop).toFixed(2)}   (goal ≤ 0.70)`,
        `rock-check batch again, unchanged submissions: ${fmt(again)}   (goal ≤ 5 s)`,
        '',
      ].join('\n'),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
