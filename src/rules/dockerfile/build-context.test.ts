import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../model/fake-submission.js';
import { defaultProfile } from '../../profile/load.js';
import { adviceOf, runFamily } from '../rule.js';
import { buildContextOf } from './build-context.js';
import { dockerfileFamily } from './index.js';

const profile = defaultProfile();
const dockerfile = 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . /app/\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n';
const envLocal = 'DB_PASSWORD=localpassword123\nDB_HOST=postgres-db\n';

describe('buildContextOf', () => {
  it('finds env files with real values, not examples or placeholders, and reads .dockerignore as Docker does', () => {
    const sub = fakeSubmission({
      files: {
        'api/.env.local': envLocal,
        'api/.env.example': 'DB_PASSWORD=your-password-here\n',
        'api/.env.test': 'DB_PASSWORD=changeme\n',
        'api/config/.env': 'SECRET_KEY=django-insecure-abc123xyz\n',
        'api/.dockerignore': '.env*\n!.env.local\n',
      },
      components: { api: 'api' },
    });
    const context = buildContextOf(sub, profile, 'api');
    expect(context.secrets.map((s) => [s.inContext, s.key, s.pos.line])).toEqual([
      ['.env.local', 'DB_PASSWORD', 1],
      ['config/.env', 'SECRET_KEY', 1],
    ]);
    expect(context.dockerignore?.ignores('.env')).toBe(true);
    expect(context.dockerignore?.ignores('.env.local')).toBe(false);
    expect(context.dockerignore?.ignores('config/.env')).toBe(false);
  });
});

describe('RC-DF010', () => {
  const findings = (files: Record<string, string | { text: string; tracked: boolean }>) =>
    runFamily(dockerfileFamily, fakeSubmission({ files: { 'manage.py': '', Dockerfile: dockerfile, ...files }, components: { api: '' } }), profile).get('RC-DF010');

  it('flags an env file the whole-folder COPY takes, tracked or outside git, and never prints the secret', () => {
    const lines = findings({ '.env.local': { text: envLocal, tracked: true } });
    expect(lines).toHaveLength(1);
    expect(lines?.[0]).toMatchObject({ file: 'Dockerfile', line: 3, column: 1 });
    expect(lines?.[0].message).not.toContain('localpassword123');
    expect(findings({ '.env.local': envLocal })).toHaveLength(1);
  });

  it('advises on an untracked env file the COPY would take from the student\'s own folder, without failing', () => {
    const untracked = { 'manage.py': '', Dockerfile: dockerfile, '.env.local': { text: envLocal, tracked: false } };
    const sub = fakeSubmission({ files: untracked, components: { api: '' } });
    expect(runFamily(dockerfileFamily, sub, profile).get('RC-DF010')).toEqual([]);
    const [advice, ...more] = adviceOf(dockerfileFamily, sub, profile).get('RC-DF010') ?? [];
    expect(more).toEqual([]);
    expect(advice).toMatchObject({ ruleId: 'RC-DF010', severity: 'warning', file: 'Dockerfile', line: 3, column: 1 });
    expect(advice.message).toMatch(/^\.env\.local \(DB_PASSWORD=lo\*+23\) is not tracked by git, .*there is no \.dockerignore.*anyone who can pull the image can read it; add \.env\.local to \.dockerignore/);
    expect(advice.message).not.toContain('localpassword123');
    const ignored = fakeSubmission({ files: { ...untracked, '.dockerignore': '.env*\n' }, components: { api: '' } });
    expect(adviceOf(dockerfileFamily, ignored, profile).get('RC-DF010')).toBeUndefined();
  });

  it('gives no advice on a tracked env file: that one fails', () => {
    const sub = fakeSubmission({ files: { 'manage.py': '', Dockerfile: dockerfile, '.env.local': { text: envLocal, tracked: true } }, components: { api: '' } });
    expect(runFamily(dockerfileFamily, sub, profile).get('RC-DF010')?.[0].message).toContain('anyone who can pull the image');
    expect(adviceOf(dockerfileFamily, sub, profile).get('RC-DF010')).toBeUndefined();
  });

  it('passes an untracked env file (the image is built from a checkout), an excluded one, and a COPY of named files', () => {
    expect(findings({ '.env.local': { text: envLocal, tracked: false } })).toEqual([]);
    expect(findings({ '.env.local': envLocal, '.dockerignore': '**/.env*\n' })).toEqual([]);
    expect(
      runFamily(
        dockerfileFamily,
        fakeSubmission({ files: { 'manage.py': '', Dockerfile: dockerfile.replace('COPY . /app/', 'COPY rockapi /app/rockapi'), '.env.local': envLocal }, components: { api: '' } }),
        profile,
      ).get('RC-DF010'),
    ).toEqual([]);
  });
});
