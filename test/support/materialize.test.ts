import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, FixtureError, fixtureChain, listFiles, listFixtures, loadFixture, materialize, modeOf, parseFixture } from './materialize.js';

const API = 'rock-of-ages-api';
const CLIENT = 'rock-of-ages-client';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
}

function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

describe('listFixtures', () => {
  it('lists good first, then the broken fixtures by name', () => {
    const names = listFixtures().map((f) => f.name);
    expect(names[0]).toBe('good');
    const broken = names.slice(1);
    expect(broken.length).toBeGreaterThan(0);
    expect(broken.every((n) => n.startsWith('broken/'))).toBe(true);
    expect(broken).toEqual([...broken].sort());
  });

  it('parses fixture.yaml into a typed description', () => {
    const f = loadFixture('broken/cf007-seed-not-executable');
    expect(f.base).toBe('good');
    expect(f.chmod).toEqual({ [`${API}/seed_database.sh`]: '644' });
    expect(f.expect).toEqual({ mode: 'static', exit: 1, failing: ['RC-CF007'], nothingStarted: false });
  });

  it('follows a chain of bases back to the complete submission', () => {
    expect(fixtureChain('broken/rt002-sslmode-require').map((f) => f.name)).toEqual([
      'good',
      'broken/cf002-sslmode-require',
      'broken/rt002-sslmode-require',
    ]);
  });

  it('names the missing fixture', () => {
    expect(() => loadFixture('broken/no-such-fixture')).toThrow(/no fixture named "broken\/no-such-fixture"/);
  });
});

describe('parseFixture', () => {
  const expectLine = 'expect: { mode: static, exit: 1, failing: [RC-CF004] }';

  it.each([
    ['an unknown key', `description: x\nbase: good\nremvoe: [a]\n${expectLine}`, /unknown key remvoe/],
    ['no description', `base: good\n${expectLine}`, /description/],
    ['no expectation', 'description: x\nbase: good\n', /expect is missing/],
    ['a bad mode', 'description: x\nexpect: { mode: quick, exit: 1, failing: [] }', /expect\.mode/],
    ['a non-octal chmod', `description: x\nchmod: { a.sh: "rwx" }\n${expectLine}`, /octal/],
    ['a path leaving the submission', `description: x\nremove: [../outside]\n${expectLine}`, /must stay inside/],
    ['an unknown expectation key', 'description: x\nexpect: { mode: full, exit: 1, failing: [], started: false }', /expect\.started/],
    ['an edit that is not a list', `description: x\nedits: { file: a, replace: b, with: c }\n${expectLine}`, /edits must be a list/],
    ['an edit without with', `description: x\nedits: [{ file: a, replace: b }]\n${expectLine}`, /edits\[0\] must have exactly/],
    ['an edit with an unknown key', `description: x\nedits: [{ file: a, replace: b, with: c, count: 2 }]\n${expectLine}`, /edits\[0\] must have exactly/],
    ['an edit of nothing', `description: x\nedits: [{ file: a, replace: "", with: c }]\n${expectLine}`, /empty replace/],
    ['an edit that changes nothing', `description: x\nedits: [{ file: a, replace: b, with: b }]\n${expectLine}`, /with itself/],
    ['an edit leaving the submission', `description: x\nedits: [{ file: ../a, replace: b, with: c }]\n${expectLine}`, /must stay inside/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseFixture('broken/x', text)).toThrow(FixtureError);
    expect(() => parseFixture('broken/x', text)).toThrow(message);
  });
});

describe('materialize', () => {
  it('copies the good submission with its modes and without fixture.yaml', async () => {
    let dir: string;
    {
      await using m = await materialize('good');
      dir = m.dir;
      const files = listFiles(dir);
      expect(files).toContain('docker-compose.yml');
      expect(files).toContain(`${API}/manage.py`);
      expect(files).toContain(`${API}/.env.local`);
      expect(files).toContain(`${CLIENT}/package.json`);
      expect(files).not.toContain('fixture.yaml');
      expect(modeOf(join(dir, API, 'seed_database.sh'))).toBe(0o755);
      expect(modeOf(join(dir, API, 'manage.py'))).toBe(0o755);
      expect(modeOf(join(dir, API, 'Dockerfile'))).toBe(0o644);
      expect(existsSync(join(dir, API, '.git'))).toBe(false);
    }
    expect(existsSync(dir)).toBe(false);
  });

  it('overlays files on the base and leaves the rest as it is', async () => {
    await using good = await materialize('good');
    await using broken = await materialize('broken/df002-python-latest');
    expect(read(broken.dir, `${API}/Dockerfile`).split('\n')[0]).toBe('FROM python:latest');
    expect(listFiles(broken.dir)).toEqual(listFiles(good.dir));
    for (const path of listFiles(good.dir).filter((p) => p !== `${API}/Dockerfile`)) {
      expect(read(broken.dir, path), path).toBe(read(good.dir, path));
    }
  });

  it('removes and chmods what fixture.yaml names', async () => {
    await using removed = await materialize('broken/df001-api-dockerfile-missing');
    expect(existsSync(join(removed.dir, API, 'Dockerfile'))).toBe(false);
    expect(existsSync(join(removed.dir, CLIENT, 'Dockerfile'))).toBe(true);
    await using chmodded = await materialize('broken/cf007-seed-not-executable');
    expect(modeOf(join(chmodded.dir, API, 'seed_database.sh'))).toBe(0o644);
  });

  it('keeps CRLF line endings byte for byte', async () => {
    await using m = await materialize('broken/cf007-seed-crlf');
    const bytes = readFileSync(join(m.dir, API, 'seed_database.sh'));
    expect(bytes.includes('#!/bin/bash\r\n')).toBe(true);
    expect(modeOf(join(m.dir, API, 'seed_database.sh'))).toBe(0o755);
  });

  it('applies edits to the base, byte for byte', async () => {
    expect(loadFixture('broken/cf001-engine-typo').edits).toEqual([
      { file: `${API}/rockproject/settings.py`, replace: "'ENGINE': 'django.db.backends.postgresql',", with: "'ENGINE': 'django.db.backends.postregsql'," },
    ]);
    await using good = await materialize('good');
    await using broken = await materialize('broken/cf001-engine-typo');
    const settings = `${API}/rockproject/settings.py`;
    expect(read(broken.dir, settings)).toBe(read(good.dir, settings).replace("backends.postgresql'", "backends.postregsql'"));
    expect(read(broken.dir, settings)).not.toBe(read(good.dir, settings));
    expect(modeOf(join(broken.dir, settings))).toBe(modeOf(join(good.dir, settings)));
  });

  it('applies every layer of a chained fixture', async () => {
    await using m = await materialize('broken/rt011-db-host-localhost');
    expect(read(m.dir, `${API}/.env.local`)).toContain('DB_HOST=localhost\n');
  });

  it('gives each materialization its own folder', async () => {
    await using a = await materialize('good');
    await using b = await materialize('good');
    expect(a.dir).not.toBe(b.dir);
  });
});

describe('applyEdits', () => {
  const submission = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'rc-edits-'));
    writeFileSync(join(dir, 'a.txt'), text);
    return { dir, [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }) };
  };
  const edit = (replace: string, by: string) => ({ name: 'broken/x', edits: [{ file: 'a.txt', replace, with: by }] });

  it('replaces the one occurrence and keeps every other byte, CRLF included', async () => {
    using s = submission('one\r\ntwo\r\nthree\r\n');
    await applyEdits(edit('two', 'deux'), s.dir);
    expect(readFileSync(join(s.dir, 'a.txt'), 'utf8')).toBe('one\r\ndeux\r\nthree\r\n');
  });

  it('applies edits in order, each to the result of the one before', async () => {
    using s = submission('a\nb\n');
    await applyEdits({ name: 'broken/x', edits: [{ file: 'a.txt', replace: 'a\n', with: 'c\n' }, { file: 'a.txt', replace: 'c\nb\n', with: '' }] }, s.dir);
    expect(readFileSync(join(s.dir, 'a.txt'), 'utf8')).toBe('');
  });

  it('refuses text the file does not hold, naming the fixture, file and text', async () => {
    using s = submission('one\ntwo\n');
    await expect(applyEdits(edit('three', '3'), s.dir)).rejects.toThrow(FixtureError);
    await expect(applyEdits(edit('three', '3'), s.dir)).rejects.toThrow('broken/x: the edit of a.txt replaces "three", which occurs 0 times there instead of once');
    expect(readFileSync(join(s.dir, 'a.txt'), 'utf8')).toBe('one\ntwo\n');
  });

  it('refuses text the file holds more than once, overlapping included', async () => {
    using s = submission('one\none\naaa\n');
    await expect(applyEdits(edit('one', '1'), s.dir)).rejects.toThrow('broken/x: the edit of a.txt replaces "one", which occurs 2 times there instead of once');
    await expect(applyEdits(edit('aa', 'b'), s.dir)).rejects.toThrow('replaces "aa", which occurs 2 times');
    expect(readFileSync(join(s.dir, 'a.txt'), 'utf8')).toBe('one\none\naaa\n');
  });

  it('refuses a file that does not exist', async () => {
    using s = submission('');
    await expect(applyEdits({ name: 'broken/x', edits: [{ file: 'b.txt', replace: 'x', with: 'y' }] }, s.dir)).rejects.toThrow(
      'broken/x: edits name b.txt, which does not exist',
    );
  });
});

describe('materialize with git', () => {
  it('makes the api and the client two repositories with one reproducible commit each', async () => {
    await using a = await materialize('good', { git: true });
    await using b = await materialize('good', { git: true });
    for (const component of [API, CLIENT]) {
      const repo = join(a.dir, component);
      expect(git(repo, 'rev-parse', '--show-toplevel').trim()).toBe(repo);
      expect(git(repo, 'log', '--format=%an <%ae> %aI %s')).toBe('Rock Student <student@example.com> 2025-01-15T10:00:00+00:00 Rock of Ages submission\n');
      expect(git(repo, 'status', '--porcelain')).toBe('');
      expect(git(repo, 'rev-parse', 'HEAD')).toBe(git(join(b.dir, component), 'rev-parse', 'HEAD'));
    }
    expect(existsSync(join(a.dir, '.git'))).toBe(false);
  });

  it('honours each repository\'s .gitignore and records exec bits', async () => {
    await using m = await materialize('good', { git: true });
    const apiFiles = git(join(m.dir, API), 'ls-files', '-s').split('\n');
    expect(apiFiles.some((l) => l.endsWith('\t.env.local'))).toBe(false);
    expect(apiFiles.some((l) => l.endsWith('\t.env.example'))).toBe(true);
    expect(apiFiles.find((l) => l.endsWith('\tseed_database.sh'))).toMatch(/^100755 /);
    expect(git(join(m.dir, CLIENT), 'ls-files').split('\n')).not.toContain('.env.local');
    expect(git(join(m.dir, CLIENT), 'ls-files').split('\n')).toContain('package-lock.json');
  });

  it('force-adds what gitForceAdd names, and uses git by default when the fixture asks for it', async () => {
    await using m = await materialize('broken/cf003-env-local-committed');
    expect(git(join(m.dir, API), 'ls-files', '--', '.env.local')).toBe('.env.local\n');
    expect(git(join(m.dir, CLIENT), 'ls-files', '--', '.env.local')).toBe('');
  });

  it('commits a mode set by chmod', async () => {
    await using m = await materialize('broken/cf007-seed-not-executable', { git: true });
    expect(git(join(m.dir, API), 'ls-files', '-s', '--', 'seed_database.sh')).toMatch(/^100644 /);
  });

  it('can be turned off for a fixture that asks for git', async () => {
    await using m = await materialize('broken/cf003-env-local-committed', { git: false });
    expect(existsSync(join(m.dir, API, '.git'))).toBe(false);
  });
});
