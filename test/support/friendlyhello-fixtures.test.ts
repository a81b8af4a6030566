import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packageRoot } from '../../src/paths.js';
import { fixtureChain, listFiles, listFixtures, loadFixture, materialize, modeOf } from './materialize.js';

/**
 * The friendlyhello + Redis fixtures (fixtures/friendlyhello-redis/) agree
 * with their profile, materialize, and each broken one really differs from
 * its base. Read from the profile's YAML itself, so they hold whatever the
 * loader makes of it.
 */
const PROFILE = 'friendlyhello-redis';
interface RawCriterion {
  id: string;
  area: string;
  level: 'required' | 'advice';
  layouts?: string[];
}
interface RawProfile {
  id: string;
  criteria: RawCriterion[];
  stack: { roles: Record<string, { aliases?: string[] }> };
}
const profile = parse(readFileSync(join(packageRoot, 'profiles', `${PROFILE}.yaml`), 'utf8')) as RawProfile;
const fixtures = listFixtures(PROFILE);
const broken = fixtures.filter((f) => f.name.startsWith(`${PROFILE}/broken/`));
const good = fixtures.filter((f) => !broken.includes(f));
const criterion = (id: string) => profile.criteria.find((c) => c.id === id);
const isRuntime = (id: string) => criterion(id)?.area === 'runtime';

describe('listFixtures for a profile', () => {
  it('lists the correct submissions first, then the broken fixtures by name, all of that profile', () => {
    expect(good.map((f) => f.name)).toEqual([`${PROFILE}/good-compose`, `${PROFILE}/good-own-spelling`, `${PROFILE}/good-run`]);
    expect(fixtures.slice(good.length)).toEqual(broken);
    expect(broken.map((f) => f.name)).toEqual(broken.map((f) => f.name).sort());
    expect(fixtures.every((f) => f.profile === PROFILE)).toBe(true);
  });

  it('still lists only Rock of Ages fixtures by default', () => {
    const names = listFixtures().map((f) => f.name);
    expect(names[0]).toBe('good');
    expect(names.filter((n) => n !== 'good' && !n.startsWith('broken/'))).toEqual([]);
    expect(listFixtures().every((f) => f.profile === 'rock-of-ages')).toBe(true);
  });

  it('follows bases into the profile\'s folder', () => {
    expect(fixtureChain(`${PROFILE}/broken/fh-rt007-redis-without-volume`).map((f) => f.name)).toEqual([
      `${PROFILE}/good-compose`,
      `${PROFILE}/broken/fh-co006-no-data-volume`,
      `${PROFILE}/broken/fh-rt007-redis-without-volume`,
    ]);
  });
});

describe('friendlyhello fixture expectations agree with the profile', () => {
  it('the profile is the one the fixtures name', () => {
    expect(profile.id).toBe(PROFILE);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s names only known criteria, once each, and a base of its own profile', (_name, f) => {
    expect(f.expect.failing.filter((id) => !criterion(id))).toEqual([]);
    expect(new Set(f.expect.failing).size).toBe(f.expect.failing.length);
    expect(fixtureChain(f.name).map((layer) => layer.profile)).toEqual(fixtureChain(f.name).map(() => PROFILE));
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s expects exit 1 exactly when a required criterion fails', (_name, f) => {
    const requiredFails = f.expect.failing.some((id) => criterion(id)?.level === 'required');
    expect(f.expect.exit).toBe(requiredFails ? 1 : 0);
  });

  it('the correct submissions fail nothing in a full run', () => {
    for (const f of good) expect(f.expect, f.name).toEqual({ mode: 'full', exit: 0, failing: [], nothingStarted: false });
  });

  it('static fixtures fail no runtime criterion', () => {
    for (const f of fixtures.filter((x) => x.expect.mode === 'static')) expect(f.expect.failing.filter(isRuntime), f.name).toEqual([]);
  });

  it('every static criterion has a fixture whose one defect fails exactly that criterion', () => {
    const isolated = new Set(broken.filter((f) => f.expect.mode === 'static' && f.expect.failing.length === 1).map((f) => f.expect.failing[0]));
    expect(profile.criteria.filter((c) => c.area !== 'runtime' && !isolated.has(c.id)).map((c) => c.id)).toEqual([]);
  });

  it('every runtime criterion is failed by some full-mode fixture, and all but FH-RT006 by one that fails no other runtime criterion after it', () => {
    const full = broken.filter((f) => f.expect.mode === 'full');
    const failed = new Set(full.flatMap((f) => f.expect.failing));
    expect(profile.criteria.filter((c) => c.area === 'runtime' && !failed.has(c.id)).map((c) => c.id)).toEqual([]);
    // The first runtime criterion a fixture fails is the one its defect targets; what follows is the cascade.
    const targeted = new Set(full.map((f) => f.expect.failing.filter(isRuntime)[0]));
    expect(profile.criteria.filter((c) => c.area === 'runtime' && !targeted.has(c.id)).map((c) => c.id)).toEqual(['FH-RT006']);
  });

  it('the run-layout fixtures expect nothing of the compose-only criteria', () => {
    const composeOnly = profile.criteria.filter((c) => c.layouts?.length === 1 && c.layouts[0] === 'compose').map((c) => c.id);
    for (const f of fixtures.filter((x) => fixtureChain(x.name).some((layer) => layer.remove.includes('docker-compose.yml')))) {
      expect(f.expect.failing.filter((id) => composeOnly.includes(id)), f.name).toEqual([]);
    }
  });

  it('every broken fixture has a description, and its name starts with a criterion it fails', () => {
    for (const f of broken) {
      expect(f.description.length, f.name).toBeGreaterThan(10);
      const leaf = f.name.slice(f.name.lastIndexOf('/') + 1);
      expect(f.expect.failing.filter((id) => leaf.startsWith(`${id.toLowerCase()}-`)), f.name).toHaveLength(1);
    }
  });
});

describe('each friendlyhello fixture materializes and really differs from its base', () => {
  it.each(broken.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    await using base = await materialize(f.base!, { git: false });
    await using mine = await materialize(f.name, { git: false });
    const baseFiles = listFiles(base.dir);
    const myFiles = listFiles(mine.dir);
    const changed = myFiles.filter((p) => {
      if (!baseFiles.includes(p)) return true;
      return !readFileSync(join(base.dir, p)).equals(readFileSync(join(mine.dir, p))) || modeOf(join(base.dir, p)) !== modeOf(join(mine.dir, p));
    });
    const removed = baseFiles.filter((p) => !myFiles.includes(p));
    // A chained fixture may only change the expectation (static -> full).
    if (good.some((g) => g.name === f.base)) expect(changed.length + removed.length, 'the fixture changes nothing').toBeGreaterThan(0);
    else expect(f.expect.mode).not.toBe(loadFixture(f.base!).expect.mode);
  });
});

describe('the correct submissions hold the lab\'s hand-in', () => {
  it('good-compose: Dockerfile, app.py, requirements.txt and docker-compose.yml; good-run the same without the compose file', async () => {
    await using compose = await materialize(`${PROFILE}/good-compose`);
    await using run = await materialize(`${PROFILE}/good-run`);
    expect(listFiles(compose.dir)).toEqual(['Dockerfile', 'app.py', 'docker-compose.yml', 'requirements.txt']);
    expect(listFiles(run.dir)).toEqual(['Dockerfile', 'app.py', 'requirements.txt']);
  });

  it('the app reaches Redis under the name the profile\'s run plan gives it', () => {
    const app = readFileSync(join(good[0].dir, 'app.py'), 'utf8');
    expect(profile.stack.roles.redis.aliases).toEqual(['redis']);
    expect(app).toContain('Redis(host="redis",');
    expect(app).toContain('<h3>Hello {name}!</h3>');
    expect(app).toContain("app.run(host='0.0.0.0', port=80)");
  });

  it('good-compose: web built from its folder on 4000:80, Redis from redis:7 with --appendonly yes and a named volume at /data, one user-defined network', () => {
    const compose = parse(readFileSync(join(good[0].dir, 'docker-compose.yml'), 'utf8')) as Record<string, any>;
    expect(compose.version).toBeUndefined();
    expect(compose.services.web).toMatchObject({ build: '.', ports: ['4000:80'], networks: ['backend-network'] });
    expect(compose.services.redis).toMatchObject({ image: 'redis:7', command: 'redis-server --appendonly yes', volumes: ['redis-data:/data'], networks: ['backend-network'] });
    expect(compose.services.redis.ports).toBeUndefined();
    expect(Object.keys(compose.volumes)).toEqual(['redis-data']);
  });

  it('good-own-spelling: other names, the long port syntax, a bind-mounted folder, Redis aliased redis on a user-defined network', async () => {
    await using m = await materialize(`${PROFILE}/good-own-spelling`);
    const compose = parse(readFileSync(join(m.dir, 'docker-compose.yml'), 'utf8')) as Record<string, any>;
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'cache']);
    expect(compose.services.app.ports).toEqual([{ target: 80, published: '8080', protocol: 'tcp' }]);
    expect(compose.services.cache).toMatchObject({ image: 'redis:alpine', volumes: ['./redis-data:/data'], networks: { lab: { aliases: ['redis'] } } });
    expect(compose.services.cache.command).toEqual(['redis-server', '--appendonly', 'yes']);
  });
});
