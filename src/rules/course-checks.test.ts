import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../profile/load.js';
import { courseCheckNames, courseProbes, courseRules, profileIdOf } from './course-checks.js';

describe('course check names', () => {
  it('are unique, one per rule and runtime check, in the form a profile names them', () => {
    const names = [...courseRules.map((r) => r.name), ...Object.keys(courseProbes)];
    expect(new Set(names).size).toBe(names.length);
    expect(courseCheckNames.size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^(dockerfile|compose|workflows|runtime|rock-of-ages)\/[a-z0-9-]+$/);
  });
});

describe('profileIdOf', () => {
  const profile = defaultProfile();

  it("is the identity for Rock of Ages' own profile", () => {
    for (const id of [...courseRules.map((r) => r.id), ...Object.values(courseProbes)]) expect(profileIdOf(profile, id)).toBe(id);
  });

  it('gives the ID a profile gives the check, else the built-in ID', () => {
    const renamed = { criteria: profile.criteria.map((c) => (c.check === 'dockerfile/present-and-parseable' ? { ...c, id: 'WS-DOCKER-1' } : c)) };
    expect(profileIdOf(renamed, 'RC-DF001')).toBe('WS-DOCKER-1');
    expect(profileIdOf({ criteria: [] }, 'RC-DF001')).toBe('RC-DF001');
    expect(profileIdOf(profile, 'RC-XX999')).toBe('RC-XX999');
  });
});
