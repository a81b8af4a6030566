import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.js';
import type { RoleState } from './driver.js';
import { FakeDriver } from './fake-driver.js';
import { loadScenario } from './load.js';
import { ScenarioRun } from './run-scenario.js';
import { localServer, sendJson } from './test-support.js';
import type { Scenario } from './types.js';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

interface ApiOptions {
  registerStatus?: number;
  /** Lists rocks without a token (a broken permission class). */
  openRocks?: boolean;
  /** The key POST /rocks takes the type under. */
  createKey?: string;
  /** GET /health answers 503 this many times first. */
  readyAfter?: number;
}

/** A small token-auth api on 127.0.0.1, in the course's shape. */
async function courseApi(opts: ApiOptions = {}) {
  const tokens = new Map<string, string>();
  const rocks: { id: number; name: string; owner: string }[] = [{ id: 1, name: 'Orpha', owner: 'jane' }];
  const seen: string[] = [];
  let health = 0;
  const server = await localServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(`${req.method} ${url.pathname}${url.search} ${req.body}`);
    const who = tokens.get(String(req.headers.authorization ?? '').replace(/^Token /, ''));
    const route = `${req.method} ${url.pathname}`;
    if (route === 'POST /register') {
      if (opts.registerStatus && opts.registerStatus >= 400) return sendJson(res, opts.registerStatus, { message: 'registration is broken' });
      const token = randomBytes(20).toString('hex');
      tokens.set(token, JSON.parse(req.body).email);
      return sendJson(res, opts.registerStatus ?? 200, { token });
    }
    if (route === 'GET /health') return health++ < (opts.readyAfter ?? 0) ? sendJson(res, 503, { ready: false }) : sendJson(res, 200, { ready: true });
    if (!who && !(opts.openRocks && route === 'GET /rocks')) return sendJson(res, 401, { detail: 'Authentication credentials were not provided.' });
    if (route === 'GET /rocks') return sendJson(res, 200, url.searchParams.get('mine') === 'true' ? rocks.filter((r) => r.owner === who) : rocks);
    if (route === 'POST /rocks') {
      const body = JSON.parse(req.body);
      const key = opts.createKey ?? 'typeId';
      if (!(key in body)) return sendJson(res, 400, { message: `${key} is required` });
      const rock = { id: rocks.length + 1, name: body.name, owner: who! };
      rocks.push(rock);
      return sendJson(res, 201, rock);
    }
    return sendJson(res, 404, { detail: 'Not found.' });
  });
  servers.push(server);
  return { base: server.base, seen };
}

function load(s: unknown): Scenario {
  const r = loadScenario(s);
  if (!r.ok) throw new Error(`invalid test scenario: ${JSON.stringify(r.problems)}`);
  return r.scenario;
}

function run(s: unknown, driver: FakeDriver, limits = {}) {
  return new ScenarioRun(load(s), { driver, runId: 'run1', locate: (at) => at?.path ?? 'docker-compose.yml', limits });
}

const register = { http: { role: 'api', method: 'POST', path: '/register', json: { email: 'rc-{{$run}}-{{$rand}}@example.com', password: 'Rc-{{$rand}}' } }, expect: { status: 200 }, capture: { token: { json: '$.token', secret: true }, email: { request: '$.json.email' } } };

/** register → capture the token → a request with it; another criterion: 401 without it. */
const authScenario = {
  roles: { api: {} },
  auth: { scheme: 'Token' },
  phases: ['api'],
  fixtures: { me: { criterion: 'RC-AU001', steps: [register] } },
  criteria: {
    'RC-AU001': {
      phase: 'api',
      steps: [{ use: 'me' }, { http: { role: 'api', path: '/rocks', auth: { token: '{{me.token}}' } }, expect: { status: 200, json: [{ path: '$[*].name', some: 'Orpha' }] } }],
    },
    'RC-AU002': {
      phase: 'api',
      steps: [
        {
          http: { role: 'api', path: '/rocks' },
          expect: { status: 401, json: [{ path: '$.detail', type: 'string' }] },
          hints: { status: { '200': 'set IsAuthenticated as the default permission class in REST_FRAMEWORK' } },
        },
      ],
    },
    'RC-AU003': {
      phase: 'api',
      steps: [{ use: 'me' }, { http: { role: 'api', path: '/rocks', query: { mine: 'true' }, auth: { token: '{{me.token}}' } }, expect: { status: 200, json: [{ path: '$[*]', count: 0 }] } }],
    },
  },
};

describe('a scenario against a local api', () => {
  it('passes on a server that does what the course asks', async () => {
    const api = await courseApi();
    const r = run(authScenario, new FakeDriver({ api: api.base }));
    expect(await r.verdict('RC-AU001')).toEqual([]);
    expect(await r.verdict('RC-AU002')).toEqual([]);
    expect(await r.verdict('RC-AU003')).toEqual([]);
    // The fixture ran once for both criteria that use it.
    expect(api.seen.filter((s) => s.startsWith('POST /register'))).toHaveLength(1);
    expect(api.seen).toContainEqual(expect.stringMatching(/^POST \/register \{"email":"rc-run1-[0-9a-f]{12}@example\.com","password":"Rc-[0-9a-f]{12}"\}$/));
  });

  it('fails the criterion whose check does not hold, saying what was sent, what came back and what to change', async () => {
    const api = await courseApi({ openRocks: true });
    const r = run(authScenario, new FakeDriver({ api: api.base }));
    expect(await r.verdict('RC-AU001')).toEqual([]);
    const [f] = (await r.verdict('RC-AU002')) as Finding[];
    expect(f).toMatchObject({ ruleId: 'RC-AU002', severity: 'error', file: 'docker-compose.yml' });
    expect(f.message).toBe('GET /rocks answered 200 [{"id":1,"name":"Orpha","owner":"jane"}]; expected status 401 (and 1 more)');
    expect(f.hint?.split('\n')).toEqual([
      'set IsAuthenticated as the default permission class in REST_FRAMEWORK',
      '',
      'sent GET /rocks',
      'got status 200 (application/json)',
      'got body [{"id":1,"name":"Orpha","owner":"jane"}]',
      'unmet: expected status 401',
      'unmet: $.detail has no node; expected exactly one, a string',
    ]);
  });

  it('a fixture that fails is reported by its own criterion in full, and cascades to the others', async () => {
    const api = await courseApi({ registerStatus: 500 });
    const r = run(authScenario, new FakeDriver({ api: api.base }));
    const [own] = (await r.verdict('RC-AU001')) as Finding[];
    expect(own.message).toMatch(/^POST \/register answered 500 \{"message":"registration is broken"\}; expected status 200$/);
    expect(own.hint).toMatch(/sent body \{"email":"rc-run1-[0-9a-f]{12}@example\.com","password":"Rc\*{8}[0-9a-f]{2}"\}/);
    expect(await r.verdict('RC-AU003')).toEqual([
      {
        ruleId: 'RC-AU003',
        severity: 'error',
        file: 'docker-compose.yml',
        message: 'cannot be checked: POST /register answered 500 {"message":"registration is broken"}; expected status 200 (see RC-AU001)',
      },
    ]);
    expect(await r.verdict('RC-AU002')).toEqual([]);
  });

  it('a role that is not running cascades to the criterion that reports why; an optional one that is absent is not applicable', async () => {
    const down: RoleState = { state: 'down', reason: 'the api exited with code 1', see: 'RC-RT002' };
    const r = run(authScenario, new FakeDriver({}, {}, { api: down }));
    expect(await r.verdict('RC-AU002')).toEqual([
      { ruleId: 'RC-AU002', severity: 'error', file: 'docker-compose.yml', message: 'cannot be checked: the api is not running (the api exited with code 1; see RC-RT002)' },
    ]);
    expect(await r.verdict('RC-AU003')).toEqual([expect.objectContaining({ message: 'cannot be checked: the api is not running (the api exited with code 1; see RC-RT002)' })]);

    const optional = { ...authScenario, roles: { api: { optional: true } } };
    const none = run(optional, new FakeDriver({}, {}, { api: { state: 'absent', why: 'the submission has no api' } }));
    expect(await none.verdict('RC-AU002')).toEqual({ notApplicable: 'the submission has no api' });
  });
});

describe('one absence is charged once', () => {
  it('a step whose capture failed earlier is skipped, not reported again', async () => {
    const api = await courseApi();
    const scenario = {
      roles: { api: {} },
      phases: ['api'],
      criteria: {
        'RC-ON001': {
          phase: 'api',
          steps: [
            { http: { role: 'api', path: '/health' }, capture: { token: { json: '$.token' } }, continueOnFail: true },
            { http: { role: 'api', path: '/rocks', auth: { token: '{{token}}' } } },
            { http: { role: 'api', path: '/health' }, expect: { json: [{ path: '$.ready', one: false }] } },
          ],
        },
      },
    };
    const findings = (await run(scenario, new FakeDriver({ api: api.base })).verdict('RC-ON001')) as Finding[];
    expect(findings.map((f) => f.message)).toEqual([
      'GET /health answered 200 {"ready":true}; could not capture token: $.token has no node',
      "GET /health answered 200 {\"ready\":true}; $['ready'] is true; expected false",
    ]);
    expect(api.seen.filter((s) => s.startsWith('GET /rocks'))).toEqual([]);
  });
});

describe('variants and stick', () => {
  const createRock = (id: string) => ({
    phase: 'api',
    steps: [
      { use: 'me' },
      {
        http: { role: 'api', method: 'POST', path: '/rocks', auth: { token: '{{me.token}}' }, json: { name: `rock ${id}`, weight: 2.5 } },
        variants: [{ json: { typeId: 1 } }, { json: { type_id: 1 } }, { json: { type: 1 } }],
        stick: 'createKey',
        expect: { status: 201, json: [{ path: '$.id', type: 'integer' }] },
        hint: 'the course\'s client posts {"name", "weight", "typeId"}',
      },
    ],
  });
  const scenario = {
    roles: { api: {} },
    auth: { scheme: 'Token' },
    phases: ['first', 'api'],
    fixtures: { me: { criterion: 'RC-VA001', steps: [register] } },
    criteria: { 'RC-VA001': { ...createRock('one'), phase: 'first' }, 'RC-VA002': createRock('two') },
  };

  it('the first variant that passes wins, and sticks for the rest of the run', async () => {
    const api = await courseApi({ createKey: 'type_id' });
    const r = run(scenario, new FakeDriver({ api: api.base }));
    expect(await r.verdict('RC-VA001')).toEqual([]);
    expect(await r.verdict('RC-VA002')).toEqual([]);
    const posts = api.seen.filter((s) => s.startsWith('POST /rocks'));
    expect(posts).toEqual([
      'POST /rocks {"name":"rock one","weight":2.5,"typeId":1}',
      'POST /rocks {"name":"rock one","weight":2.5,"type_id":1}',
      'POST /rocks {"name":"rock two","weight":2.5,"type_id":1}',
    ]);
  });

  it('when no variant passes, the finding lists each one', async () => {
    const api = await courseApi({ createKey: 'kind' });
    const [f] = (await run(scenario, new FakeDriver({ api: api.base })).verdict('RC-VA001')) as Finding[];
    expect(f.message).toBe(
      'none of the 3 accepted forms passed: POST /rocks with a token answered 400 {"message":"kind is required"}; expected status 201 (and 1 more); ' +
        'POST /rocks with a token answered 400 {"message":"kind is required"}; expected status 201 (and 1 more); ' +
        'POST /rocks with a token answered 400 {"message":"kind is required"}; expected status 201 (and 1 more)',
    );
    expect(f.hint).toContain('sent body {"name":"rock one","weight":2.5,"type":1}');
  });
});

describe('retries', () => {
  const scenario = (count: number) => ({
    roles: { api: {} },
    phases: ['api'],
    criteria: { 'RC-RE001': { phase: 'api', steps: [{ http: { role: 'api', path: '/health' }, retry: { count, interval: 20 }, expect: { json: [{ path: '$.ready', one: true }] } }] } },
  });

  it('polls until the service is ready, then stops', async () => {
    const api = await courseApi({ readyAfter: 3 });
    expect(await run(scenario(10), new FakeDriver({ api: api.base })).verdict('RC-RE001')).toEqual([]);
    expect(api.seen).toHaveLength(4);
  });

  it('reports the last attempt when it never becomes ready', async () => {
    const api = await courseApi({ readyAfter: 100 });
    const [f] = (await run(scenario(2), new FakeDriver({ api: api.base })).verdict('RC-RE001')) as Finding[];
    expect(api.seen).toHaveLength(3);
    expect(f.message).toBe('GET /health answered 503 {"ready":false}; expected status 2xx (and 1 more)');
    expect(f.hint?.split('\n')[0]).toBe('tried 3 times, 20 apart; the last attempt:');
  });

  it('never waits past the step budget', async () => {
    const api = await courseApi({ readyAfter: 100 });
    const started = Date.now();
    await run(scenario(100), new FakeDriver({ api: api.base }), { stepBudgetMs: 150 }).verdict('RC-RE001');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(api.seen.length).toBeLessThan(20);
  });
});

describe('hostile answers', () => {
  it('redacts secrets and escapes control characters in what a finding quotes', async () => {
    let token = '';
    const server = await localServer((req, res: ServerResponse) => {
      if (req.url === '/register') {
        token = randomBytes(20).toString('hex');
        return sendJson(res, 200, { token });
      }
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`\u001b[31mfailed\u001b[0m for ${token}\n::error::forged\r\u202e "password": "hunter2-secret"`);
    });
    servers.push(server);
    const scenario = {
      roles: { api: {} },
      phases: ['api'],
      fixtures: { me: { criterion: 'RC-HO001', steps: [{ ...register, http: { ...register.http, json: { email: 'a@b.c', password: 'S3cret-pass-word' } } }] } },
      criteria: { 'RC-HO001': { phase: 'api', steps: [{ use: 'me' }, { http: { role: 'api', path: '/x', auth: { token: '{{me.token}}' } } }] } },
    };
    const [f] = (await run(scenario, new FakeDriver({ api: server.base })).verdict('RC-HO001')) as Finding[];
    const text = `${f.message}\n${f.hint}`;
    expect(token).toHaveLength(40);
    expect(text).not.toContain(token);
    expect(text).not.toContain('hunter2-secret');
    expect(f.message).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
    expect(f.hint!.split('\n').join('')).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
    expect(f.message).toContain('\\x1b[31mfailed\\x1b[0m for ');
    expect(f.message).toContain('::error::forged \\u202e');
    expect(f.hint).toContain('got body \\x1b[31mfailed\\x1b[0m for ');
    expect(f.hint).toContain('\\n::error::forged\\r\\u202e');
    expect(f.hint).toContain(`sent header Authorization: Bearer ${token.slice(0, 2)}********${token.slice(-2)}`);
  });
});

describe('size and time bounds', () => {
  const scenario = {
    roles: { api: {} },
    phases: ['api'],
    criteria: {
      'RC-BO001': { phase: 'api', steps: [{ http: { role: 'api', path: '/stream' }, expect: { json: [{ path: '$', count: 1 }] } }] },
      'RC-BO002': { phase: 'api', steps: [{ http: { role: 'api', path: '/huge' }, expect: { json: [{ path: '$', count: 1 }] } }] },
      'RC-BO003': { phase: 'api', steps: [{ http: { role: 'api', path: '/big-json' }, capture: { all: { json: '$' } } }] },
    },
  };

  it('a body that streams forever, a huge body and a huge capture are cut and reported, never waited for or kept', async () => {
    const server = await localServer((req, res) => {
      if (req.url === '/big-json') return sendJson(res, 200, { blob: 'x'.repeat(50_000) });
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/huge') return res.end(`["${'x'.repeat(3 * 1024 * 1024)}"]`);
      res.write('[');
      const timer = setInterval(() => res.write('1,'), 5);
      res.on('close', () => clearInterval(timer));
    });
    servers.push(server);
    const started = Date.now();
    const r = run(scenario, new FakeDriver({ api: server.base }), { http: { timeoutMs: 1000, maxRequestBytes: 1024, maxResponseBytes: 1024 * 1024 }, concurrency: 1 });
    const [stream] = (await r.verdict('RC-BO001')) as Finding[];
    const [huge] = (await r.verdict('RC-BO002')) as Finding[];
    const [capture] = (await r.verdict('RC-BO003')) as Finding[];
    expect(Date.now() - started).toBeLessThan(5000);
    expect(stream.message).toMatch(/^GET \/stream answered 200 \[.*; the body did not end in time \(\d+ characters read\), so it is not read as JSON$/);
    expect(huge.message).toMatch(/; the body was cut at the size bound \(1048576 characters read\), so it is not read as JSON$/);
    expect(huge.message.length).toBeLessThan(400);
    expect(huge.hint!.length).toBeLessThan(3000);
    expect(capture.message).toMatch(/could not capture all: the value is 50011 characters long, more than the 16384 a capture keeps$/);
  });
});

describe('request bounds', () => {
  it('a request over the size bound, values filled in, is not sent', async () => {
    const api = await courseApi();
    const scenario = {
      roles: { api: {} },
      phases: ['api'],
      criteria: {
        'RC-BO004': {
          phase: 'api',
          steps: [{ http: { role: 'api', path: '/health' }, capture: { ready: { json: '$.ready' } } }, { http: { role: 'api', method: 'POST', path: '/register', json: { pad: 'x'.repeat(600), again: 'x'.repeat(600), ready: '{{ready}}' } } }],
        },
      },
    };
    const [f] = (await run(scenario, new FakeDriver({ api: api.base }), { http: { timeoutMs: 1000, maxRequestBytes: 1024, maxResponseBytes: 4096 } }).verdict('RC-BO004')) as Finding[];
    expect(f.message).toMatch(/^the http step was not run: with its values filled in it is \d+ characters long, more than the 1024 a request may carry$/);
    expect(api.seen.filter((s) => s.startsWith('POST'))).toEqual([]);
  });
});

describe('steps beyond http, through the driver', () => {
  it('sql with params, recreate, and a retried count compared with a captured one', async () => {
    let counts = [3, 0, 3];
    const driver = new FakeDriver(
      {},
      {
        sql: (_role, query) => (query.includes('$1') ? { rows: [{ n: 1 }] } : { rows: [{ r: counts.shift() ?? 3 }] }),
        recreate: () => ({ ok: true }),
      },
    );
    const scenario = {
      roles: { db: {} },
      phases: ['seed', 'persistence'],
      criteria: {
        'RC-DB001': { phase: 'seed', steps: [{ sql: { role: 'db', query: 'SELECT count(*) AS n FROM t WHERE name = $1', params: ['{{$run}}'] }, expect: { json: [{ path: '$[0].n', one: 1 }] } }] },
        'RC-DB002': {
          phase: 'persistence',
          steps: [
            { sql: { role: 'db', query: 'SELECT count(*) AS r FROM rocks' }, capture: { before: { json: '$[0]' } } },
            { recreate: { role: 'db' } },
            { sql: { role: 'db', query: 'SELECT count(*) AS r FROM rocks' }, retry: { count: 5, interval: 10 }, expect: { json: [{ path: '$[0].r', gte: '{{before.r}}' }] } },
          ],
        },
      },
    };
    const r = run(scenario, driver);
    expect(await r.verdict('RC-DB002')).toEqual([]);
    expect(await r.verdict('RC-DB001')).toEqual([]);
    expect(driver.calls.map((c) => c.method)).toEqual(['sql', 'sql', 'recreate', 'sql', 'sql']);
    expect(driver.calls[0].detail).toEqual({ query: 'SELECT count(*) AS n FROM t WHERE name = $1', params: ['run1'] });
    expect(driver.calls[2].detail).toEqual({ renewAnonymousVolumes: true });
    counts = [];
  });

  it('an SQL error gets the hint of its SQLSTATE class', async () => {
    const driver = new FakeDriver({}, { sql: () => ({ error: 'relation "rockapi_rock" does not exist', sqlstate: '42P01' }) });
    const scenario = {
      roles: { db: {} },
      phases: ['seed'],
      criteria: { 'RC-DB003': { phase: 'seed', steps: [{ sql: { role: 'db', query: 'SELECT 1 FROM rockapi_rock' }, hints: { sqlstate: { '42': 'run the migrations first' } }, hint: 'load the fixtures' }] } },
    };
    const [f] = (await run(scenario, driver).verdict('RC-DB003')) as Finding[];
    expect(f.message).toBe('SQL on db: SELECT 1 FROM rockapi_rock: SQL error 42P01: relation "rockapi_rock" does not exist');
    expect(f.hint?.split('\n')[0]).toBe('run the migrations first');
  });

  it('connect and isolation say which name went where', async () => {
    const driver = new FakeDriver(
      {},
      {
        inspect: () => ({ facts: { health: 'healthy', uid: 1000, env: { DB_HOST: 'postgres-db', DB_PASSWORD: 'pg-Secret-123' }, mounts: [], ports: [] } }),
        connect: (_from, _to, names) => ({ lookups: (names ?? []).map((name) => ({ name, tool: 'getent', addresses: name === 'postgres-db' ? ['172.18.0.5'] : [], reachesTarget: false })) }),
        isolation: () => ({ lookups: [{ name: 'db', leaked: ['172.18.0.2'] }, { name: 'api', leaked: [] }], network: 'rc_run1_default' }),
      },
    );
    const scenario = {
      roles: { api: {}, db: {} },
      phases: ['network'],
      criteria: {
        'RC-NE001': { phase: 'network', steps: [{ inspect: { role: 'api' }, capture: { dbHost: { json: '$.env.DB_HOST' } } }, { connect: { from: 'api', to: 'db', names: ['{{dbHost}}', 'db'], port: 5432 } }] },
        'RC-NE002': { phase: 'network', steps: [{ isolation: {} }] },
      },
    };
    const r = run(scenario, driver);
    expect(((await r.verdict('RC-NE001')) as Finding[])[0].message).toBe('inside api, "postgres-db" resolves to 172.18.0.5, not to the db container (and 1 more)');
    expect(((await r.verdict('RC-NE001')) as Finding[])[0].hint).toContain('unmet: inside api, "db" does not resolve (getent)');
    expect(driver.calls.find((c) => c.method === 'connect')?.detail).toEqual({ to: 'db', names: ['postgres-db', 'db'], port: 5432 });
    expect(((await r.verdict('RC-NE002')) as Finding[]).map((f) => f.message)).toEqual([
      'a container outside the stack\'s network resolves "db" to 172.18.0.2, a container of the stack; only containers on rc_run1_default should',
    ]);
  });

  it('stops retrying a health that a HEALTHCHECK which cannot run keeps unhealthy, and says why', async () => {
    const healthCheck = { exitCode: 1, output: '/bin/sh: 1: curl: not found', cannotRun: true };
    const driver = new FakeDriver({}, { inspect: () => ({ facts: { health: 'unhealthy', healthCheck, uid: 1000, env: {}, mounts: [], ports: [] } }) });
    const scenario = {
      roles: { backend: {} },
      phases: ['app'],
      criteria: { 'TD-RT004': { phase: 'app', steps: [{ inspect: { role: 'backend' }, retry: { count: 60, interval: '2s' }, expect: { json: [{ path: '$.health', one: 'healthy' }] } }] } },
    };
    const [f] = (await run(scenario, driver).verdict('TD-RT004')) as Finding[];
    expect(driver.calls.filter((c) => c.method === 'inspect')).toHaveLength(1);
    expect(f.message).toMatch(/^inspecting backend showed health unhealthy \(its HEALTHCHECK command cannot run: \/bin\/sh: 1: curl: not found\), uid 1000; /);
  });

  it('keeps retrying an unhealthy container whose check runs: it may become healthy', async () => {
    let n = 0;
    const healthCheck = { exitCode: 7, output: 'curl: (7) Failed to connect', cannotRun: false };
    const driver = new FakeDriver({}, { inspect: () => ({ facts: { health: ++n < 3 ? 'unhealthy' : 'healthy', healthCheck, uid: 1000, env: {}, mounts: [], ports: [] } }) });
    const scenario = {
      roles: { backend: {} },
      phases: ['app'],
      criteria: { 'TD-RT004': { phase: 'app', steps: [{ inspect: { role: 'backend' }, retry: { count: 5, interval: '10ms' }, expect: { json: [{ path: '$.health', one: 'healthy' }] } }] } },
    };
    expect(await run(scenario, driver).verdict('TD-RT004')).toEqual([]);
    expect(n).toBe(3);
  });

  it('exec checks the exit code by default; redis replies compare as numbers with asNumber', async () => {
    const driver = new FakeDriver({}, { exec: () => ({ exitCode: 1, stdout: '', stderr: 'cat: /etc/x: No such file' }), redis: (_r, argv) => ({ reply: argv[0] === 'GET' ? '12' : 2 }) });
    const scenario = {
      roles: { web: {}, redis: {} },
      phases: ['app'],
      criteria: {
        'FH-EX001': { phase: 'app', steps: [{ exec: { role: 'web', argv: ['cat', '/etc/x'] } }] },
        'FH-RE001': { phase: 'app', steps: [{ redis: { role: 'redis', command: ['GET', 'counter'] }, expect: { json: [{ path: '$', asNumber: { gte: 10 } }] } }] },
        'FH-RE002': { phase: 'app', steps: [{ redis: { role: 'redis', command: ['GET', 'counter'] }, expect: { json: [{ path: '$', gte: 10 }] } }] },
      },
    };
    const r = run(scenario, driver);
    expect(((await r.verdict('FH-EX001')) as Finding[])[0].message).toBe('in web: cat /etc/x ended with exit code 1: cat: /etc/x: No such file; expected exit code 0');
    expect(await r.verdict('FH-RE001')).toEqual([]);
    expect(((await r.verdict('FH-RE002')) as Finding[])[0].message).toBe('redis on redis: GET counter replied "12"; $ is a string "12", not a number; expected >= 10');
  });
});

describe('phases', () => {
  it('run in order; a criterion with a destructive step runs after the rest of its phase', async () => {
    const order: string[] = [];
    const driver = new FakeDriver(
      {},
      {
        sql: async (_role, query) => {
          order.push(query);
          await new Promise((resolve) => setTimeout(resolve, query.includes('slow') ? 50 : 1));
          return { rows: [{ n: 1 }] };
        },
        restart: () => {
          order.push('restart');
          return { ok: true };
        },
      },
    );
    const q = (text: string) => ({ sql: { role: 'db', query: text } });
    const scenario = {
      roles: { db: {} },
      phases: ['one', 'two'],
      criteria: {
        'RC-PH004': { phase: 'two', steps: [{ restart: { role: 'db' } }] },
        'RC-PH003': { phase: 'two', steps: [q('SELECT two')] },
        'RC-PH001': { phase: 'one', steps: [q('SELECT one slow')] },
        'RC-PH002': { phase: 'one', steps: [q('SELECT one fast')] },
      },
    };
    const r = run(scenario, driver);
    expect(await r.verdict('RC-PH004')).toEqual([]);
    expect(order).toEqual(['SELECT one slow', 'SELECT one fast', 'SELECT two', 'restart']);
  });
});
