import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultProfile } from '../../src/profile/load.js';
import { listFiles, listFixtures, loadFixture, materialize, modeOf } from './materialize.js';

const profile = defaultProfile();
const fixtures = listFixtures();
const broken = fixtures.filter((f) => f.name !== 'good');
const criterion = (id: string) => profile.criteria.find((c) => c.id === id);
const isRuntime = (id: string) => criterion(id)?.area === 'runtime';

describe('fixture expectations agree with the profile', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s names only known criteria, once each', (_name, f) => {
    expect(f.expect.failing.filter((id) => !criterion(id))).toEqual([]);
    expect(new Set(f.expect.failing).size).toBe(f.expect.failing.length);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s expects exit 1 exactly when a required criterion fails', (_name, f) => {
    const requiredFails = f.expect.failing.some((id) => criterion(id)?.level === 'required');
    expect(f.expect.exit).toBe(requiredFails ? 1 : 0);
  });

  it('static fixtures fail no runtime criterion; only full runs may promise that nothing starts', () => {
    for (const f of fixtures.filter((x) => x.expect.mode === 'static')) {
      expect(f.expect.failing.filter(isRuntime), f.name).toEqual([]);
      expect(f.expect.nothingStarted, f.name).toBe(false);
    }
  });

  it('the good fixture fails nothing in a full run', () => {
    expect(fixtures[0].expect).toEqual({ mode: 'full', exit: 0, failing: [], nothingStarted: false });
  });

  it('every static criterion has a fixture whose one defect fails exactly that criterion', () => {
    const isolated = new Set(
      broken.filter((f) => f.expect.mode === 'static' && f.expect.failing.length === 1).map((f) => f.expect.failing[0]),
    );
    const missing = profile.criteria.filter((c) => c.area !== 'runtime' && !isolated.has(c.id)).map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it('every runtime criterion is failed by some full-mode fixture', () => {
    const failed = new Set(broken.filter((f) => f.expect.mode === 'full').flatMap((f) => f.expect.failing));
    const missing = profile.criteria.filter((c) => c.area === 'runtime' && !failed.has(c.id)).map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it('every broken fixture has a description and a base', () => {
    for (const f of broken) {
      expect(f.base, f.name).toBeDefined();
      expect(f.description.length, f.name).toBeGreaterThan(10);
    }
  });
});

describe('each broken fixture really differs from its base', () => {
  it.each(broken.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    await using base = await materialize(f.base!, { git: false });
    await using mine = await materialize(f.name, { git: false });
    const baseFiles = listFiles(base.dir);
    const myFiles = listFiles(mine.dir);
    const changed = myFiles.filter((p) => {
      if (!baseFiles.includes(p)) return true;
      const a = readFileSync(join(base.dir, p));
      const b = readFileSync(join(mine.dir, p));
      return !a.equals(b) || modeOf(join(base.dir, p)) !== modeOf(join(mine.dir, p));
    });
    const removed = baseFiles.filter((p) => !myFiles.includes(p));
    const differs = changed.length + removed.length + f.gitForceAdd.length;
    // A chained fixture may only change the expectation (e.g. static → full).
    if (f.base === 'good') expect(differs, 'the fixture changes nothing').toBeGreaterThan(0);
    else expect(f.expect.mode).not.toBe(loadFixture(f.base!).expect.mode);
  });
});

describe('the good fixture holds what the profile expects', () => {
  const api = join(fixtures[0].dir, 'rock-of-ages-api');
  const client = join(fixtures[0].dir, 'rock-of-ages-client');
  const seed = (name: string) =>
    JSON.parse(readFileSync(join(api, profile.seed.fixturesDir, `${name}.json`), 'utf8')) as { model: string; pk: unknown; fields: Record<string, unknown> }[];
  const envFile = (path: string) =>
    Object.fromEntries(
      readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );

  it('seeds the profile\'s row counts', () => {
    for (const t of profile.tables) {
      const rows = seed(t.fixture);
      expect(rows.length, t.fixture).toBe(t.count);
      expect(rows.every((r) => r.model === t.model), t.fixture).toBe(true);
    }
  });

  it('seeds the profile\'s users, tokens, types and rocks', () => {
    const users = seed('users');
    const tokens = seed('tokens');
    for (const u of profile.content.users) {
      const row = users.find((r) => r.pk === u.id);
      expect(row?.fields).toMatchObject({ username: u.username, first_name: u.firstName, last_name: u.lastName });
      expect(tokens.find((t) => t.pk === u.token)?.fields.user).toBe(u.id);
    }
    const types = seed('types');
    expect(types.map((t) => t.fields.label)).toEqual(profile.content.types);
    const typeId = (label: string) => types.find((t) => t.fields.label === label)?.pk;
    expect(
      seed('rocks').map((r) => ({ name: r.fields.name, weight: r.fields.weight, owner: r.fields.user, type: r.fields.type })),
    ).toEqual(profile.content.rocks.map((r) => ({ name: r.name, weight: r.weight, owner: r.owner, type: typeId(r.type) })));
  });

  it('loads every fixture from the seed script, in order', () => {
    const script = readFileSync(join(api, profile.seed.script), 'utf8');
    const loads = [...script.matchAll(/loaddata (\w+)/g)].map((m) => m[1]);
    expect(loads).toEqual(profile.seed.loads);
    expect(script.includes('\r')).toBe(false);
    expect(modeOf(join(api, profile.seed.script))).toBe(0o755);
  });

  it('points the api\'s local env file at the compose database', () => {
    const env = envFile(join(api, '.env.local'));
    expect(env).toEqual({
      DB_NAME: profile.database.name,
      DB_USER: profile.database.user,
      DB_PASSWORD: profile.database.password,
      DB_HOST: profile.database.alias,
      DB_PORT: String(profile.database.port),
      [profile.env.sslmodeKey]: 'disable',
    });
    expect(Object.keys(envFile(join(api, profile.env.exampleFile)))).toEqual(profile.env.dbKeys);
  });

  it('names the profile\'s services, ports and database in the compose file', () => {
    const compose = parse(readFileSync(join(fixtures[0].dir, 'docker-compose.yml'), 'utf8'));
    const db = compose.services[profile.database.alias];
    expect(db.image).toMatch(new RegExp(`^${profile.database.image}:1[56]$`));
    expect(db.environment).toEqual({
      POSTGRES_DB: profile.database.name,
      POSTGRES_USER: profile.database.user,
      POSTGRES_PASSWORD: profile.database.password,
    });
    expect(profile.components.api.serviceNames).toContain('api');
    expect(compose.services.api.ports).toEqual([`${profile.components.api.port}:${profile.components.api.port}`]);
    expect(compose.services.client.ports).toEqual([`${profile.components.client.port}:${profile.components.client.port}`]);
    expect(db.volumes).toEqual([`postgres_data:${profile.database.dataDir}`]);
  });

  it('gives the client the api URL the browser uses', () => {
    expect(envFile(join(client, '.env.local'))).toEqual({ VITE_API_URL: `http://localhost:${profile.components.api.port}` });
    expect(readFileSync(join(client, '.gitignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['*.local', 'node_modules']));
  });
});
