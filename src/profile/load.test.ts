import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { profilePath } from '../paths.js';
import { courseCheckNames } from '../rules/course-checks.js';
import { roleChecks } from '../rules/roles/registry.js';
import { builtinProfile, defaultProfile, loadProfile, ProfileError, profileFile } from './load.js';
import { isCourseProfile, type Profile } from './profile.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder of this file's, removed when its tests end. */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rc-profile-'));
  made.push(dir);
  return dir;
}

/** A file of `text` in a temporary folder. */
function written(text: string, name = 'p.yaml'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

/** A built-in profile's text with `edit` applied to its YAML document. */
function edited(id: string, edit: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(readFileSync(profilePath(id), 'utf8'));
  edit(doc);
  return written(doc.toString());
}

/** The ProfileError message loading `file` throws. */
function refusal(file: string): string {
  try {
    loadProfile(file);
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileError);
    return (e as Error).message;
  }
  throw new Error(`${file} loaded`);
}

/** The position (line:col) of a path in a profile file, from the parser. */
function lineColOf(file: string, path: (string | number)[]): string {
  const text = readFileSync(file, 'utf8');
  const node = parseDocument(text).getIn(path, true) as { range: [number, number] };
  const before = text.slice(0, node.range[0]).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

describe('loadProfile of Rock of Ages', () => {
  it('is a course profile, version 1 of its rubric', () => {
    const p = loadProfile();
    expect(p.kind).toBe('course');
    expect(p.id).toBe('rock-of-ages');
    expect(p.version).toBe(1);
    expect(p.tables.find((t) => t.table === 'rockapi_rock')?.count).toBe(3);
    expect(defaultProfile()).toEqual(p);
  });

  it("holds the old profile form's values, field for field", () => {
    const old = parse(readFileSync(new URL('./testdata/rock-of-ages-old-form.yaml', import.meta.url), 'utf8')) as Omit<Profile, 'kind' | 'stack'>;
    const p = loadProfile();
    const fields = ['id', 'name', 'version', 'components', 'database', 'env', 'settings', 'drivers', 'seed', 'tables', 'content', 'routes', 'workflows', 'runtime'] as const;
    for (const field of fields) expect(p[field], field).toEqual(old[field]);
    expect(p.criteria.map(({ check: _check, ...rest }) => rest)).toEqual(old.criteria);
  });

  it('names every course check once', () => {
    const checks = loadProfile().criteria.map((c) => c.check);
    expect(new Set(checks).size).toBe(checks.length);
    expect([...checks].sort()).toEqual([...courseCheckNames].sort());
  });

  it('declares its roles and layouts', () => {
    const { stack } = loadProfile();
    expect(Object.keys(stack.roles)).toEqual(['database', 'api', 'client']);
    expect(stack.layouts).toEqual(['compose', 'run']);
    expect(stack.builtinPlan).toBe('rock-of-ages-network');
    expect(stack.roles.client.optional).toBe(true);
  });
});

describe('loadProfile of friendlyhello + Redis', () => {
  it('is a roles profile whose scenario takes the stack roles', () => {
    const p = builtinProfile('friendlyhello-redis');
    expect(p.kind).toBe('roles');
    expect(isCourseProfile(p)).toBe(false);
    expect((p.scenario as { roles: unknown }).roles).toEqual({ redis: {}, web: {} });
  });

  it('names only registered checks, the runtime ones and scenario', () => {
    const allowed = new Set([...Object.keys(roleChecks), 'runtime/images-build', 'runtime/stack-ready', 'scenario']);
    const p = builtinProfile('friendlyhello-redis');
    expect(p.criteria.filter((c) => !allowed.has(c.check)).map((c) => `${c.id} ${c.check}`)).toEqual([]);
  });
});

describe('loadProfile refuses', () => {
  it('every schema error, each with its line', () => {
    const file = written('id: Bad Id\nname: x\nversion: 2\nrevision: 0\n');
    const msg = refusal(file);
    expect(msg).toMatch(/p\.yaml:1:5: \/id must match pattern/);
    expect(msg).toMatch(/p\.yaml:4:11: \/revision must be >= 1/);
    expect(msg).toMatch(/must have required property 'stack'/);
  });

  it('a profile in the old form, saying where to look', () => {
    const file = new URL('./testdata/rock-of-ages-old-form.yaml', import.meta.url).pathname;
    expect(refusal(file)).toMatch(new RegExp(`rock-of-ages-old-form\\.yaml:${lineColOf(file, ['version'])}: /version is 1: this profile is in the old form.*From the old profile form`));
  });

  it('broken YAML, with a position', () => {
    expect(() => loadProfile(written('id: [unclosed\n'))).toThrow(/not valid YAML:\n.*p\.yaml:\d+:\d+/);
  });

  it('a criterion ID listed twice, at the second', () => {
    const file = edited('rock-of-ages', (doc) => doc.setIn(['criteria', 1, 'id'], 'RC-DF001'));
    expect(refusal(file)).toContain(`:${lineColOf(file, ['criteria', 1, 'id'])}: criterion RC-DF001 is listed twice (also criteria/0)`);
  });

  it("a check unknown to the profile's kind, listing the known ones", () => {
    const course = edited('rock-of-ages', (doc) => doc.setIn(['criteria', 0, 'check'], 'image/exposes'));
    expect(refusal(course)).toMatch(new RegExp(`:${lineColOf(course, ['criteria', 0, 'check'])}: unknown check 'image/exposes' for a course profile; the checks are: .*dockerfile/present-and-parseable`));
    const roles = edited('friendlyhello-redis', (doc) => doc.setIn(['criteria', 0, 'check'], 'rock-of-ages/seeded-row-counts'));
    expect(refusal(roles)).toMatch(/unknown check 'rock-of-ages\/seeded-row-counts' for a roles profile; the checks are: .*runtime\/stack-ready, scenario/);
  });

  it("a roles check's params that its schema refuses, at the param", () => {
    const file = edited('friendlyhello-redis', (doc) => doc.setIn(['criteria', 1, 'params', 'ports', 0], 'eighty'));
    const [check] = [parse(readFileSync(file, 'utf8')).criteria[1].check as string];
    expect(refusal(file)).toMatch(new RegExp(`:${lineColOf(file, ['criteria', 1, 'params', 'ports', 0])}: params/ports/0 must be .*\\(the params of ${check}\\)`));
  });

  it('params given to a course check', () => {
    const file = edited('rock-of-ages', (doc) => doc.setIn(['criteria', 0, 'params'], { role: 'api' }));
    expect(refusal(file)).toContain(`:${lineColOf(file, ['criteria', 0, 'params'])}: check dockerfile/present-and-parseable takes no params (a course's checks read their parameters from packs:)`);
  });

  it('a layout the stack does not accept', () => {
    const file = edited('friendlyhello-redis', (doc) => doc.setIn(['stack', 'layouts'], doc.createNode(['run'])));
    expect(refusal(file)).toMatch(/layout compose is not one of stack\.layouts \(run\)/);
  });

  it('a scenario criterion without steps, and steps of no scenario criterion', () => {
    const file = edited('friendlyhello-redis', (doc) => {
      const steps = doc.getIn(['scenario', 'criteria', 'FH-RT006']);
      doc.deleteIn(['scenario', 'criteria', 'FH-RT006']);
      doc.setIn(['scenario', 'criteria', 'FH-RT099'], steps);
    });
    const msg = refusal(file);
    const at = (path: (string | number)[]) => lineColOf(file, path);
    const rt006 = (parse(readFileSync(file, 'utf8')).criteria as { id: string }[]).findIndex((c) => c.id === 'FH-RT006');
    expect(msg).toContain(`:${at(['criteria', rt006, 'check'])}: criterion FH-RT006 runs the scenario, but scenario.criteria has no steps for FH-RT006`);
    expect(msg).toContain(`:${at(['scenario', 'criteria', 'FH-RT099'])}: scenario.criteria.FH-RT099 is not a criterion of the profile whose check is scenario`);
  });

  it("a scenario's own problem, at its node", () => {
    const file = edited('friendlyhello-redis', (doc) => doc.setIn(['scenario', 'criteria', 'FH-RT005', 'steps', 0, 'connect', 'from'], 'nosuchrole'));
    const msg = refusal(file);
    expect(msg).toMatch(new RegExp(`:${lineColOf(file, ['scenario', 'criteria', 'FH-RT005', 'steps', 0, 'connect', 'from'])}: scenario/criteria/FH-RT005/steps/0/connect/from .*nosuchrole`));
  });

  it('a course profile without the roles its checks read', () => {
    const file = edited('rock-of-ages', (doc) => doc.deleteIn(['stack', 'roles', 'client']));
    expect(refusal(file)).toMatch(/\/stack\/roles must have required property 'client'/);
  });
});

describe('profileFile and builtinProfile', () => {
  it('name a built-in profile by its id, and pass a path through', () => {
    expect(profileFile('friendlyhello-redis')).toBe(profilePath('friendlyhello-redis'));
    expect(profileFile('./mine.yaml')).toBe('./mine.yaml');
    expect(profileFile('mine.yml')).toBe('mine.yml');
    expect(profileFile('course/rubric')).toBe('course/rubric');
    expect(builtinProfile('rock-of-ages').id).toBe('rock-of-ages');
  });

  it('refuse an unknown id, listing the built-in ones', () => {
    expect(() => profileFile('nope')).toThrow(ProfileError);
    expect(() => profileFile('nope')).toThrow(/no built-in profile 'nope': the built-in profiles are ([a-z0-9-]+, )*friendlyhello-redis, ([a-z0-9-]+, )*rock-of-ages/);
    expect(() => profileFile('..')).toThrow(/no built-in profile/);
    expect(() => builtinProfile('./p.yaml')).toThrow(/is a path, not a built-in profile's id/);
  });
});

describe('loadProfile of a hostile file', () => {
  const dir = tempDir();
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it.each([
    ['an alias bomb', () => write('bomb.yaml', aliasBomb()), /aliases expand to more than 100000 nodes/],
    ['nesting 50 000 levels deep', () => write('deep.yaml', `id: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`), /nested too deep/],
    ['a folder', () => dir, /not a regular file/],
    ['/dev/zero', () => '/dev/zero', /not a regular file/],
    ['a file over 1 MiB', () => write('huge.yaml', `# ${'x'.repeat(1024 * 1024)}\n`), /larger than 1 MiB/],
  ])('refuses %s with a ProfileError', (_name, make, message) => {
    expect(() => loadProfile(make())).toThrow(message);
    expect(() => loadProfile(make())).toThrow(ProfileError);
  });

  it('refuses points of 1e308', () => {
    const good = readFileSync(profilePath('rock-of-ages'), 'utf8');
    const file = write('points.yaml', good.replace(/points: \d+/, 'points: 1e308'));
    expect(() => loadProfile(file)).toThrow(/points must be <= 1000/);
  });

  it("refuses a marker that leads out of the role's folder", () => {
    const good = readFileSync(profilePath('rock-of-ages'), 'utf8');
    const file = write('markers.yaml', good.replace(/markers: \[[^\]]*\]/, 'markers: [../../etc/passwd]'));
    expect(() => loadProfile(file)).toThrow(/\/stack\/roles\/api\/match\/markers\/0 must match pattern/);
  });

  it('refuses a check name or criterion ID holding control characters, without printing them', () => {
    const file = edited('rock-of-ages', (doc) => {
      doc.setIn(['criteria', 0, 'check'], 'dockerfile/\u001b[2Jpresent');
      doc.setIn(['criteria', 1, 'id'], 'RC-DF\u009b002');
    });
    const msg = refusal(file);
    expect(msg).toMatch(/\/criteria\/0\/check must match pattern/);
    expect(msg).toMatch(/\/criteria\/1\/id must match pattern/);
    expect(msg).not.toMatch(/[\u001b\u009b]/);
  });
});

/** Nine levels of ten aliases each: 10^9 nodes once expanded, 400 bytes written. */
function aliasBomb(): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}
