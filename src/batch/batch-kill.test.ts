import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { leftovers } from '../../helpers/stack/test-support.js';
import { materialize } from '../../test/support/materialize.js';
import { dockerClient } from '../cleanup/docker-client.js';
import { labelFilter } from '../cleanup/labels.js';
import { cli, query, readCsv, startCli } from './test-support.js';

/**
 * A full-mode batch killed with SIGKILL while its gradings have containers
 * up, then the same command again: every student graded once, in the
 * gradebook once, and nothing of the killed gradings left in Docker.
 */
let work: string;
const cls = () => join(work, 'class');
const out = () => join(work, 'out');

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rc-batch-kill-'));
  await mkdir(cls());
  for (const [name, as] of [
    ['good', 'alice'],
    ['broken/rt005-rocks-open-without-token', 'bob'],
  ]) {
    const m = await materialize(name, { git: true });
    await rename(m.dir, join(cls(), as));
  }
}, 120_000);

afterAll(() => rm(work, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('SIGKILL mid-batch, then the same command: every row once, the killed gradings regraded, nothing left in Docker', { timeout: 900_000 }, async () => {
  const docker = await dockerClient();
  const args = ['batch', cls(), '--out', out(), '--jobs', '2'];
  const first = startCli(args);
  let killedRuns: string[] = [];
  for (let i = 0; i < 600 && first.child.exitCode === null; i++) {
    await sleep(1_000);
    const open = (() => {
      try {
        return query(out(), 'SELECT run_id FROM attempts').map((r) => String(r.run_id));
      } catch {
        return [];
      }
    })();
    const up = await Promise.all(open.map(async (id) => (await docker.listContainers({ all: true, filters: JSON.stringify({ label: labelFilter(id) }) })).length));
    if (up.some((n) => n > 0)) {
      killedRuns = open;
      first.child.kill('SIGKILL');
      break;
    }
  }
  const killed = await first.done;
  expect(killed.signal, `the batch was killed while a grading had containers up\n${killed.stdout}\n${killed.stderr}`).toBe('SIGKILL');
  expect(killedRuns.length).toBeGreaterThan(0);
  const finishedBefore = query(out(), 'SELECT student FROM gradings').map((r) => r.student);

  const again = await cli(args);
  expect(again.code, again.stderr).toBe(1);
  const rows = readCsv(join(out(), 'gradebook.csv'));
  expect(rows.map((r) => [r.student, r.status])).toEqual([
    ['alice', 'pass'],
    ['bob', 'fail'],
  ]);
  expect(rows.find((r) => r.student === 'bob')!.failed_criteria.split(' ')).toContain('RC-RT005');
  expect(query(out(), 'SELECT student, count(*) AS n FROM gradings GROUP BY student ORDER BY student')).toEqual([
    { student: 'alice', n: 1 },
    { student: 'bob', n: 1 },
  ]);
  expect(again.stdout).toContain(`${2 - finishedBefore.length} graded, ${finishedBefore.length} unchanged`);
  expect(query(out(), 'SELECT * FROM attempts')).toEqual([]);
  for (const id of killedRuns) expect(await leftovers(docker, id), `run ${id}`).toEqual([]);
  const temp = await readdir(tmpdir());
  for (const id of killedRuns) expect(temp.filter((f) => f.startsWith(`rock-check-${id}-`)), `private copies of run ${id}`).toEqual([]);
});
