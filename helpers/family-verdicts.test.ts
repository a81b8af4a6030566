import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../src/model/fake-submission.js';
import { defaultProfile } from '../src/profile/load.js';
import type { Profile } from '../src/profile/profile.js';
import { dockerfileFamily } from '../src/rules/dockerfile/index.js';
import { familyVerdicts } from './family-verdicts.js';

/** An api folder without a Dockerfile: RC-DF001 fails, the other Dockerfile criteria cannot be checked. */
const sub = fakeSubmission({ files: { 'manage.py': '' }, components: { api: '' } });

describe('familyVerdicts', () => {
  it("grades under the profile's IDs, cascade lines pointing at the profile's root criterion", () => {
    const base = defaultProfile();
    const ids: Record<string, string> = { 'dockerfile/present-and-parseable': 'WS-DOCKER-1', 'dockerfile/copy-not-add': 'WS-DOCKER-4' };
    const profile: Profile = { ...base, criteria: base.criteria.map((c) => (ids[c.check] ? { ...c, id: ids[c.check] } : c)) };
    const verdicts = familyVerdicts(dockerfileFamily, sub, profile);
    const root = verdicts.get('RC-DF001') as { ruleId: string }[];
    expect(root.length).toBeGreaterThan(0);
    expect(root.every((f) => f.ruleId === 'WS-DOCKER-1')).toBe(true);
    expect(verdicts.get('RC-DF004')).toEqual([expect.objectContaining({ ruleId: 'WS-DOCKER-4', message: expect.stringMatching(/^cannot be checked: .*\(see WS-DOCKER-1\)$/) })]);
  });

  it("leaves Rock of Ages' own IDs as they are", () => {
    const verdicts = familyVerdicts(dockerfileFamily, sub, defaultProfile());
    expect(verdicts.get('RC-DF004')).toEqual([expect.objectContaining({ ruleId: 'RC-DF004', message: expect.stringMatching(/\(see RC-DF001\)$/) })]);
  });
});
