import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../model/fake-submission.js';
import { defaultProfile } from '../../profile/load.js';
import { runFamily } from '../rule.js';
import { dockerfileFamily } from './index.js';

const profile = defaultProfile();

describe('dockerfileFamily', () => {
  it('lists one rule per dockerfile criterion of the profile, in ID order, with its title and level', () => {
    const criteria = profile.criteria.filter((c) => c.area === 'dockerfile');
    expect(dockerfileFamily.rules.map((r) => [r.id, r.title, r.severity])).toEqual(
      criteria.map((c) => [c.id, c.title, c.level === 'required' ? 'error' : 'warning']),
    );
    for (const r of dockerfileFamily.rules) expect(r.docs.length).toBeGreaterThan(40);
  });

  it('takes the severity of a finding from the profile level', () => {
    const sub = fakeSubmission({ files: { Dockerfile: 'FROM python:latest\nEXPOSE 8000\nCMD ["sh", "-c", "./seed_database.sh && python manage.py runserver 0:8000"]\n' } });
    expect(runFamily(dockerfileFamily, sub, profile).get('RC-DF002')?.map((f) => f.severity)).toEqual(['warning']);
    const strict = { ...profile, criteria: profile.criteria.map((c) => (c.id === 'RC-DF002' ? { ...c, level: 'required' as const } : c)) };
    expect(runFamily(dockerfileFamily, sub, strict).get('RC-DF002')?.map((f) => f.severity)).toEqual(['error']);
  });

  it('reports a Dockerfile that cannot be read, and fails every other rule with one line pointing at it', () => {
    const sub = fakeSubmission({ files: {} });
    sub.files.Dockerfile = { path: 'Dockerfile', size: 0, binary: false, symlink: { target: '../../etc/x', outside: true } };
    const results = runFamily(dockerfileFamily, sub, profile);
    expect(results.get('RC-DF001')).toEqual([
      {
        ruleId: 'RC-DF001',
        severity: 'error',
        file: 'Dockerfile',
        message: 'Dockerfile is a link outside the submission (to ../../etc/x): put the file itself there',
      },
    ]);
    for (const rule of dockerfileFamily.rules.slice(1)) {
      const level = profile.criteria.find((c) => c.id === rule.id)?.level;
      expect(results.get(rule.id)).toEqual([
        { ruleId: rule.id, severity: level === 'advice' ? 'warning' : 'error', file: 'Dockerfile', message: 'cannot be checked: the Dockerfile cannot be read (see RC-DF001)' },
      ]);
    }
  });

  it('does not apply without an api or a client', () => {
    expect(dockerfileFamily.notApplicable?.(fakeSubmission({ files: {}, components: {} }), profile)).toMatch(/no api or client/);
    expect(dockerfileFamily.notApplicable?.(fakeSubmission({ files: {} }), profile)).toBeUndefined();
  });

  it('checks the seed order for the api only', () => {
    const cmd = 'FROM node:18-alpine\nEXPOSE 3000\nCMD ["python", "manage.py", "runserver", "0.0.0.0:3000"]\n';
    const sub = fakeSubmission({ components: { client: 'c' }, files: { 'c/Dockerfile': cmd } });
    expect(runFamily(dockerfileFamily, sub, profile).get('RC-DF008')).toEqual([]);
    const api = fakeSubmission({ components: { api: 'a' }, files: { 'a/Dockerfile': cmd.replace(/3000/g, '8000') } });
    expect(runFamily(dockerfileFamily, api, profile).get('RC-DF008')).toHaveLength(1);
  });
});
