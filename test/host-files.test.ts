import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dockerDescribe } from '../helpers/stack/test-support.js';
import { gradeSubmission } from '../src/grade/grade-submission.js';
import { defaultProfile } from '../src/profile/load.js';
import { formats } from '../src/report/formats/index.js';
import { materialize } from './support/materialize.js';
import { runEvents } from './support/run-events.js';

/**
 * A file of the machine that grades, outside the submission, holding a
 * marker: whatever the compose file does to reach it, the grade refuses the
 * setting (RC-CO008, and at runtime RC-RT002 before anything is built), no
 * Docker object of the run is ever created, and the marker appears in no
 * format of the report.
 */
const MARKER = `host-secret-${randomBytes(6).toString('hex')}`;
let host: string;

beforeAll(async () => {
  host = await mkdtemp(join(tmpdir(), 'rc-host-'));
  await writeFile(join(host, 'secret.env'), `LEAKED=${MARKER}\n${MARKER}\n`);
  await writeFile(join(host, 'secret.txt'), `${MARKER}\n`);
  await writeFile(join(host, 'Dockerfile'), `FROM busybox\n${MARKER}\n`);
  await writeFile(join(host, 'compose.yml'), `services:\n  leak:\n    image: busybox\n    environment: [LEAKED=${MARKER}]\n    command: echo ${MARKER}\n`);
});
afterAll(() => rm(host, { recursive: true, force: true }));

type Case = { name: string; edit: (compose: string) => string; prepare?: (dir: string) => Promise<void> };

const API_BUILD = '    build:\n      context: ./rock-of-ages-api\n      dockerfile: Dockerfile\n';
const cases: Case[] = [
  { name: 'build context outside', edit: (c) => c.replace('      context: ./rock-of-ages-api\n', () => `      context: ${host}\n`) },
  { name: 'Dockerfile outside', edit: (c) => c.replace(API_BUILD, () => `    build:\n      context: ./rock-of-ages-api\n      dockerfile: ${host}/Dockerfile\n`) },
  { name: 'env_file outside', edit: (c) => c.replace('      - ./rock-of-ages-api/.env.local\n', () => `      - ./rock-of-ages-api/.env.local\n      - path: ${host}/secret.env\n        required: false\n`) },
  {
    name: 'secret file outside',
    edit: (c) => `${c.replace(API_BUILD, () => `${API_BUILD}    secrets: [leak]\n`)}\nsecrets:\n  leak:\n    file: ${host}/secret.txt\n`,
  },
  { name: 'include of an outside file', edit: (c) => `include:\n  - ${host}/compose.yml\n${c}` },
  { name: 'extends.file outside', edit: (c) => c.replace(API_BUILD, () => `${API_BUILD}    extends: {file: ${host}/compose.yml, service: leak}\n`) },
  {
    name: 'a link inside the submission pointing outside',
    edit: (c) => c,
    prepare: async (dir) => {
      await unlink(join(dir, 'rock-of-ages-api', '.env.local'));
      await symlink(join(host, 'secret.env'), join(dir, 'rock-of-ages-api', '.env.local'));
    },
  },
  { name: 'a variable the grader could set', edit: (c) => c.replace('      - ./rock-of-ages-api/.env.local\n', () => '      - ./rock-of-ages-api/.env.local\n      - ${HOME}/secret.env\n') },
];

dockerDescribe('a file outside the submission never reaches Docker or the report', { timeout: 300_000 }, () => {
  for (const c of cases) {
    it(c.name, async () => {
      await using m = await materialize('good');
      const composePath = join(m.dir, 'docker-compose.yml');
      const edited = c.edit(await readFile(composePath, 'utf8'));
      await writeFile(composePath, edited);
      await c.prepare?.(m.dir);
      const runId = `hf${randomBytes(4).toString('hex')}`;
      const since = Date.now();
      const outcome = await gradeSubmission({ source: { target: m.dir }, profile: defaultProfile(), mode: 'full', runId });
      expect(await runEvents(runId, since, Date.now())).toEqual([]);
      if (outcome.kind !== 'report') throw new Error(`no report: ${outcome.kind}`);
      const report = outcome.report;
      expect(report.errors).toEqual([]);
      const failing = report.criteria.filter((x) => x.status === 'fail').map((x) => x.id);
      expect(failing).toEqual(expect.arrayContaining(['RC-CO008', 'RC-RT001', 'RC-RT002']));
      for (const [name, format] of Object.entries(formats)) {
        // Docker's classic builder upper-cases an unknown instruction, so the marker is looked for in any case.
        expect(format.render(report).toLowerCase().includes(MARKER), `${name} report`).toBe(false);
      }
    });
  }
});
