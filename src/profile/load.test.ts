import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile, ProfileError } from './load.js';

describe('loadProfile', () => {
  it('loads the built-in profile', () => {
    const p = loadProfile();
    expect(p.id).toBe('rock-of-ages');
    expect(p.tables.find((t) => t.table === 'rockapi_rock')?.count).toBe(3);
  });

  it('lists every schema error with its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rc-profile-'));
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
    const dir = mkdtempSync(join(tmpdir(), 'rc-profile-'));
    const file = join(dir, 'p.yaml');
    writeFileSync(file, 'id: [unclosed\n');
    expect(() => loadProfile(file)).toThrow(/not valid YAML:\n.*p\.yaml:\d+:\d+/);
  });
});
