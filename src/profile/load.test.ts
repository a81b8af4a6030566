import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { profilePath } from '../paths.js';
import { loadProfile, ProfileError } from './load.js';

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

describe('loadProfile', () => {
  it('loads the built-in profile', () => {
    const p = loadProfile();
    expect(p.id).toBe('rock-of-ages');
    expect(p.tables.find((t) => t.table === 'rockapi_rock')?.count).toBe(3);
  });

  it('lists every schema error with its line', () => {
    const dir = tempDir();
    const file = join(dir, 'p.yaml');
    writeFileSync(file, 'id: Bad Id\nname: x\nversion: 0\n');
    expect(() => loadProfile(file)).toThrow(ProfileError);
    try {
      loadProfile(file);
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toMatch(/p\.yaml:1:5: \/id must match pattern/);
      expect(msg).toMatch(/p\.yaml:3:10: \/version must be >= 1/);
      expect(msg).toMatch(/must have required property 'components'/);
    }
  });

  it('rejects broken YAML with a position', () => {
    const dir = tempDir();
    const file = join(dir, 'p.yaml');
    writeFileSync(file, 'id: [unclosed\n');
    expect(() => loadProfile(file)).toThrow(/not valid YAML:\n.*p\.yaml:\d+:\d+/);
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

  it('refuses a marker that leads out of the component folder', () => {
    const good = readFileSync(profilePath('rock-of-ages'), 'utf8');
    const file = write('markers.yaml', good.replace(/markers: \[[^\]]*\]/, 'markers: [../../etc/passwd]'));
    expect(() => loadProfile(file)).toThrow(/markers\/0 must match pattern/);
  });
});

/** Nine levels of ten aliases each: 10^9 nodes once expanded, 400 bytes written. */
function aliasBomb(): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}
