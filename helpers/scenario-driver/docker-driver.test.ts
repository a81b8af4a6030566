import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanAll } from '../../src/cleanup/clean-all.js';
import { dockerClient } from '../../src/cleanup/docker-client.js';
import type { Finding } from '../../src/model/finding.js';
import { defaultProfile } from '../../src/profile/load.js';
import { loadScenario } from '../../src/scenario/load.js';
import { ScenarioRun } from '../../src/scenario/run-scenario.js';
import type { Scenario } from '../../src/scenario/types.js';
import { ComposeStack } from '../stack/compose-stack.js';
import type { StartedStack } from '../stack/stack.js';
import { diskSubmission, dockerDescribe, leftovers } from '../stack/test-support.js';
import { DockerDriver } from './docker-driver.js';
import type { RoleBinding } from './parts.js';

const profile = defaultProfile();
const runId = `sd-${Date.now().toString(36)}`;
const PASSWORD = 'localpassword123';
/** Reaches SQL only as a parameter: as text it would end the statement. */
const AWKWARD = "it's'; DROP TABLE pg_class; --";

const roles: Record<string, RoleBinding> = {
  db: { component: 'database' },
  api: { component: 'api' },
  cache: { service: 'cache', port: 6379 },
  client: { absent: 'the submission has no client' },
  gone: { service: 'no-such-service' },
};

const scenario = load({
  roles: { db: {}, api: {}, cache: {}, client: { optional: true }, gone: {} },
  phases: ['data', 'network', 'change'],
  criteria: {
    'SD-DB001': {
      phase: 'data',
      steps: [
        { sql: { role: 'db', query: 'SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', params: ['rockofages'] }, expect: { json: [{ path: '$[0].n', one: 1 }] } },
        { redis: { role: 'cache', command: ['SET', 'awkward', AWKWARD] }, expect: { json: [{ path: '$', one: 'OK' }] } },
        { redis: { role: 'cache', command: ['GET', 'awkward'] }, capture: { value: { json: '$' } } },
        { sql: { role: 'db', query: 'SELECT $1::text AS v', params: ['{{value}}'] }, expect: { json: [{ path: '$[0].v', one: AWKWARD }] } },
        { sql: { role: 'db', query: 'SELECT n FROM generate_series(1, 50) AS n' }, expect: { json: [{ path: '$[*].n', count: 10 }] } },
      ],
    },
    'SD-RD001': {
      phase: 'data',
      steps: [
        { redis: { role: 'cache', command: ['SET', 'counter', 41] }, expect: { json: [{ path: '$', one: 'OK' }] } },
        { redis: { role: 'cache', command: ['INCR', 'counter'] }, expect: { json: [{ path: '$', one: 42 }] } },
        { redis: { role: 'cache', command: ['GET', 'counter'] }, expect: { json: [{ path: '$', asNumber: { eq: 42 } }] } },
        { redis: { role: 'cache', command: ['DBSIZE'] }, expect: { json: [{ path: '$', gte: 1 }] } },
      ],
    },
    'SD-EX001': {
      phase: 'data',
      steps: [
        { exec: { role: 'cache', argv: ['redis-cli', 'CONFIG', 'GET', 'appendonly'] }, expect: { stdout: [{ regex: '(^|\\n)yes(\\n|$)' }] } },
        { exec: { role: 'api', argv: ['ls', '/no-such-folder; echo shell'] }, expect: { exitCode: { ne: 0 }, stdout: [''], stderr: [{ contains: 'No such file' }] } },
      ],
    },
    'SD-IN001': {
      phase: 'data',
      steps: [
        {
          inspect: { role: 'db' },
          retry: { count: 30, interval: 500 },
          expect: { json: [{ path: '$.health', one: 'healthy' }, { path: '$.env.POSTGRES_USER', one: 'rockadmin' }, { path: '$.ports[*].published', all: true }] },
        },
        {
          inspect: { role: 'cache' },
          expect: {
            json: [
              { path: "$.mounts[?@.destination == '/data']", one: { schema: { properties: { type: { const: 'volume' }, named: { const: true }, rw: { const: true } }, required: ['named'] } } },
              { path: "$.mounts[?@.destination == '/scratch'].named", one: false },
              { path: '$.ports[?@.container == 6379].published', one: false },
              { path: '$.health', one: 'none' },
            ],
          },
        },
        { inspect: { role: 'api' }, expect: { json: [{ path: '$.uid', one: 0 }, { path: '$.ports[?@.container == 80].published', one: true }] } },
      ],
    },
    'SD-IN002': { phase: 'data', steps: [{ inspect: { role: 'db' }, expect: { json: [{ path: '$.env.POSTGRES_PASSWORD', one: 'something else' }] } }] },
    'SD-HT001': { phase: 'data', steps: [{ http: { role: 'api', path: '/' }, expect: { status: 200, text: [{ contains: 'nginx' }] } }] },
    'SD-HT002': { phase: 'data', steps: [{ http: { role: 'client', path: '/' } }] },
    'SD-EX002': { phase: 'data', steps: [{ exec: { role: 'gone', argv: ['true'] } }] },
    'SD-NW001': {
      phase: 'network',
      steps: [
        { connect: { from: 'api', to: 'cache', names: ['cache'], port: 6379 } },
        { connect: { from: 'api', to: 'db', port: 5432 } },
      ],
    },
    'SD-NW002': { phase: 'network', steps: [{ connect: { from: 'api', to: 'cache', names: ['no-such-name', 'postgres-db'] } }] },
    'SD-NW003': { phase: 'network', steps: [{ isolation: {} }] },
    'SD-CH001': {
      phase: 'change',
      steps: [
        { redis: { role: 'cache', command: ['SET', 'kept', 'yes'] } },
        { exec: { role: 'cache', argv: ['touch', '/scratch/marker'] } },
        { recreate: { role: 'cache' } },
        { redis: { role: 'cache', command: ['GET', 'kept'] }, retry: { count: 20, interval: 500 }, expect: { json: [{ path: '$', one: 'yes' }] } },
        { exec: { role: 'cache', argv: ['ls', '/scratch/marker'] }, expect: { exitCode: { ne: 0 } } },
        { exec: { role: 'cache', argv: ['touch', '/scratch/marker'] } },
        { recreate: { role: 'cache', renewAnonymousVolumes: false } },
        { exec: { role: 'cache', argv: ['ls', '/scratch/marker'] }, retry: { count: 10, interval: 500 } },
      ],
    },
    'SD-CH002': {
      phase: 'change',
      steps: [{ restart: { role: 'api' } }, { http: { role: 'api', path: '/' }, expect: { status: 200 } }],
    },
  },
});

async function volumeNames(docker: Dockerode): Promise<Set<string>> {
  return new Set(((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name));
}

/** The volumes the run's containers mount now (other gradings on the machine may create volumes meanwhile). */
async function mountedVolumes(docker: Dockerode, projectName: string): Promise<string[]> {
  const filters = JSON.stringify({ label: [`com.docker.compose.project=${projectName}`] });
  const containers = await docker.listContainers({ all: true, filters });
  return containers.flatMap((c) => c.Mounts).flatMap((m) => (m.Type === 'volume' && m.Name ? [m.Name] : []));
}

function load(s: unknown): Scenario {
  const r = loadScenario(s);
  if (!r.ok) throw new Error(`invalid test scenario: ${JSON.stringify(r.problems)}`);
  return r.scenario;
}

dockerDescribe('DockerDriver on a compose stack (Docker)', { timeout: 120_000 }, () => {
  let docker: Dockerode;
  let started: StartedStack | undefined;
  let driver: DockerDriver;
  let run: ScenarioRun;

  const volumesUsed = new Set<string>();
  const noteVolumes = async () => {
    for (const v of await mountedVolumes(docker, started!.info.compose!.projectName)) volumesUsed.add(v);
  };

  beforeAll(async () => {
    docker = await dockerClient();
    const dir = join(import.meta.dirname, 'testdata', 'stack');
    started = await new ComposeStack(diskSubmission(dir, { components: {}, compose: 'docker-compose.yml' }), profile).withRunId(runId).withBootTimeout(90_000).start();
    expect(started.info.boot).toMatchObject({ ok: true, findings: [] });
    await noteVolumes();
    driver = new DockerDriver({ docker, runtime: started.info, profile, roles });
    run = new ScenarioRun(scenario, { driver, runId, knownSecrets: [PASSWORD], locate: () => 'docker-compose.yml', limits: { sql: { timeoutMs: 5_000, maxRows: 10 } } });
  }, 120_000);

  afterAll(async () => {
    if (started?.info.compose) await noteVolumes();
    await started?.stop();
    if (!docker) return;
    await cleanAll(docker, { runId });
    expect(await leftovers(docker, runId)).toEqual([]);
    // Anonymous volumes carry no label of the run: none the run's containers mounted may be left either.
    expect(volumesUsed.size).toBeGreaterThan(0);
    const left = await volumeNames(docker);
    expect([...volumesUsed].filter((v) => left.has(v))).toEqual([]);
  });

  const messages = async (id: string) => ((await run.verdict(id)) as Finding[]).map((f) => f.message);

  it('runs SQL with parameters only, a value captured from Redis included, and reads at most the row cap', async () => {
    expect(await run.verdict('SD-DB001')).toEqual([]);
  });

  it('sends Redis commands as an argv and reads typed replies', async () => {
    expect(await run.verdict('SD-RD001')).toEqual([]);
  });

  it('runs an argv in a container, never through a shell', async () => {
    expect(await run.verdict('SD-EX001')).toEqual([]);
  });

  it('shows health, uid, env, mounts (named or anonymous) and ports; env credentials never reach a message', async () => {
    expect(await run.verdict('SD-IN001')).toEqual([]);
    const [f] = (await run.verdict('SD-IN002')) as Finding[];
    expect(f.message).toMatch(/^inspecting db showed health \w+, uid \d+;/);
    expect(JSON.stringify(f)).toContain('POSTGRES_PASSWORD');
    expect(JSON.stringify(f)).not.toContain(PASSWORD);
  });

  it("sends http to the role's published port", async () => {
    expect(await run.verdict('SD-HT001')).toEqual([]);
  });

  it('an absent role is not applicable; a service the stack lacks is down, reported by the boot', async () => {
    expect(await run.verdict('SD-HT002')).toEqual({ notApplicable: 'the submission has no client' });
    expect(await messages('SD-EX002')).toEqual(['cannot be checked: the gone is not running (it was not started; see RC-RT002)']);
  });

  it('looks names up from inside one container: each must resolve to the target, and its port accept', async () => {
    expect(await run.verdict('SD-NW001')).toEqual([]);
    const [f] = (await run.verdict('SD-NW002')) as Finding[];
    expect(f.message).toBe('inside api, "no-such-name" does not resolve (getent) (and 1 more)');
    expect(f.hint).toMatch(/^unmet: inside api, "postgres-db" resolves to [0-9.]+, not to the cache container$/m);
  });

  it("resolves none of the stack's names from outside its network, and sees a leak from a container on it", async () => {
    expect(await run.verdict('SD-NW003')).toEqual([]);
    const inside = new DockerDriver({ docker, runtime: started!.info, profile, roles, outsiderNetwork: started!.info.network });
    const leak = await inside.isolation(['cache'], { timeoutMs: 30_000 });
    expect(leak).toMatchObject({ lookups: [{ name: 'cache', leaked: [expect.stringMatching(/^[0-9.]+$/)] }], network: started!.info.network });
  });

  it('recreates a container (named volume kept, anonymous renewed unless asked) and restarts one, each ready again', async () => {
    expect(await run.verdict('SD-CH001')).toEqual([]);
    expect(await run.verdict('SD-CH002')).toEqual([]);
  });

  it('keeps every answer within its bounds and reports what went wrong as data', async () => {
    const sql = { timeoutMs: 500, maxRows: 3 };
    expect(await driver.sql('db', 'SELECT n FROM generate_series(1, 5) AS n', [], sql)).toEqual({ rows: [{ n: 1 }, { n: 2 }, { n: 3 }], more: true });
    expect(await driver.sql('db', 'SELECT n FROM generate_series(1, 3) AS n', [], sql)).toEqual({ rows: [{ n: 1 }, { n: 2 }, { n: 3 }] });
    expect(await driver.sql('db', 'SELECT pg_sleep(5)', [], sql)).toMatchObject({ sqlstate: '57014' });
    expect(await driver.sql('db', 'SELECT * FROM no_such_table', [], sql)).toMatchObject({ sqlstate: '42P01', error: expect.stringContaining('no_such_table') });
    expect(await driver.sql('db', 'SELECT 1; SELECT 2', [], sql)).toMatchObject({ sqlstate: '42601' });
    expect(await driver.sql('db', "SELECT now()::timestamp AS t, '\\x01ff'::bytea AS b", [], sql)).toMatchObject({ rows: [{ t: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:/), b: '\\x01ff' }] });

    const exec = { timeoutMs: 5_000, maxOutputBytes: 1024 };
    const big = await driver.exec('cache', ['head', '-c', '100000', '/dev/zero'], exec);
    expect(big).toMatchObject({ exitCode: 0, cut: true });
    expect('stdout' in big && big.stdout.length).toBeLessThanOrEqual(1024);
    expect(await driver.exec('cache', ['sleep', '3'], { ...exec, timeoutMs: 500 })).toMatchObject({ exitCode: null });
    expect(await driver.exec('cache', ['no-such-command'], exec)).toMatchObject({ exitCode: 126, stdout: expect.stringContaining('executable file not found') });

    expect(await driver.redis('cache', ['NO-SUCH-COMMAND'], { timeoutMs: 5_000 })).toEqual({ error: expect.stringMatching(/^ERR unknown command/) });
    expect(await driver.redis('cache', ['GET', 'no-such-key'], { timeoutMs: 5_000 })).toEqual({ reply: null });
    expect(await driver.redis('cache', ['SET', 'dash', '-h'], { timeoutMs: 5_000 })).toEqual({ reply: 'OK' });
    expect(await driver.redis('cache', ['GET', 'dash'], { timeoutMs: 5_000 })).toEqual({ reply: '-h' });
    expect(await driver.redis('cache', ['-h', 'elsewhere'], { timeoutMs: 5_000 })).toEqual({ error: '"-h" is not a Redis command' });
    expect(await driver.redis('api', ['PING'], { timeoutMs: 5_000 })).toEqual({ error: 'the container has no redis-cli to send the command with' });

    const noCompose = new DockerDriver({ docker, runtime: { ...started!.info, compose: undefined }, profile, roles });
    expect(await noCompose.recreate('api', { renewAnonymousVolumes: true }, { timeoutMs: 10_000 })).toEqual({
      error: "only a stack started from a compose file has a service to recreate; the course's docker run commands do not",
    });
  });
});
