import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.js';
import type { Criterion } from '../profile/profile.js';
import { buildReport, type BuildInput } from './build.js';
import { validateReport } from './validate.js';

const criteria: Criterion[] = [
  { id: 'RC-DF001', area: 'dockerfile', level: 'required', points: 3, title: 'Dockerfile present and parseable', check: 'dockerfile/present-and-parseable' },
  { id: 'RC-CO001', area: 'compose', level: 'required', points: 4, title: 'Compose file valid against the Compose Specification', check: 'compose/valid' },
];

const separate: BuildInput['submission'] = {
  source: '--api /home/s/rock-of-ages-api --client https://github.com/s/rock-of-ages-client.git',
  layout: 'separate',
  components: {
    api: { role: 'api', dir: 'api', foundBy: 'argument', source: '/home/s/rock-of-ages-api' },
    client: { role: 'client', dir: 'client', foundBy: 'argument', source: 'https://github.com/s/rock-of-ages-client.git' },
  },
  compose: 'api/docker-compose.yml',
};

function report(submission: BuildInput['submission'], findings: Finding[], extra: Partial<BuildInput> = {}) {
  return buildReport({
    profile: { id: 'rock-of-ages', name: 'Rock of Ages', version: 1, criteria },
    submission,
    mode: 'static',
    startedAt: '2025-03-14T09:26:53.120Z',
    durationMs: 10,
    outcomes: new Map([
      ['RC-DF001', { state: 'fail', findings }],
      ['RC-CO001', { state: 'pass', findings: [] }],
    ]),
    errors: [],
    toolVersion: '1.0.0',
    ...extra,
  });
}

const df001 = (file: string, message: string, hint?: string): Finding => ({ ruleId: 'RC-DF001', severity: 'error', file, message, ...(hint ? { hint } : {}) });

describe('the report of two repositories given on their own', () => {
  const r = report(separate, [df001('client/Dockerfile', 'no Dockerfile in the repository root'), df001('api/Dockerfile', 'unknown instruction "RUNN"')]);

  it('names each finding by its repository and its path there', () => {
    expect(r.criteria[0].findings.map((f) => [f.repository, f.file])).toEqual([
      ['api', 'Dockerfile'],
      ['client', 'Dockerfile'],
    ]);
  });

  it('lists the repositories as named, and the compose file in its own repository', () => {
    expect(r.submission.components).toEqual([
      { role: 'api', dir: '', source: '/home/s/rock-of-ages-api' },
      { role: 'client', dir: '', source: 'https://github.com/s/rock-of-ages-client.git' },
    ]);
    expect(r.submission.compose).toBe('docker-compose.yml');
    expect(JSON.stringify(r)).not.toMatch(/"(api|client)\//);
  });

  it('matches the report schema', () => {
    expect(validateReport(r)).toEqual([]);
  });
});

describe('text quoted from a submission', () => {
  const secret = 'wJalrXUtnFEMIK7MDENGbPxRfiCYzz';
  const parent: BuildInput['submission'] = {
    source: '/home/s/dev',
    layout: 'parent',
    components: { api: { role: 'api', dir: 'rock-of-ages-api', foundBy: 'compose' } },
    files: { 'rock-of-ages-api/.env': { path: 'rock-of-ages-api/.env', size: 30, binary: false, text: 'DB_PASSWORD=Hunter2Hunter2!\n' } },
  };
  const r = report(
    parent,
    [
      df001('rock-of-ages-api/Dockerfile', `unknown instruction "AWS_SECRET_ACCESS_KEY=${secret}"`),
      df001('rock-of-ages-api/bad\n::error file=x::forged.yml', 'service "\u001b[2Jdb\u0007" quotes Hunter2Hunter2!', 'last log lines:\n  \u001b[31mboom\r\n  done'),
    ],
    { errors: [{ message: 'cannot read "a\nb\u009b"', where: 'intake\u001b' }] },
  );
  const json = JSON.stringify(r);

  it('is redacted once, where the report is built: assigned values and the secrets of the submission', () => {
    expect(json).not.toContain(secret);
    expect(json).not.toContain('Hunter2Hunter2!');
    expect(r.criteria[0].findings.map((f) => f.message).sort()).toEqual([
      `unknown instruction "AWS_SECRET_ACCESS_KEY=wJ********zz"`,
      'service "\\x1b[2Jdb\\x07" quotes Hu********2!',
    ].sort());
  });

  it('shows control characters as escapes in paths, messages, reasons and run errors; hints keep their line breaks', () => {
    const hostile = r.criteria[0].findings.find((f) => f.hint !== undefined)!;
    expect(hostile.file).toBe('rock-of-ages-api/bad\\n::error file=x::forged.yml');
    expect(hostile.hint).toBe('last log lines:\n  \\x1b[31mboom\n  done');
    expect(r.errors).toEqual([{ message: 'cannot read "a\\nb\\x9b"', where: 'intake\\x1b' }]);
    const raw: string[] = [];
    JSON.stringify(r, (key, v) => {
      if (typeof v === 'string' && /[\u0000-\u001f\u007f-\u009f]/.test(v.replace(key === 'hint' ? /\n/g : /$^/, ''))) raw.push(`${key}: ${v}`);
      return v;
    });
    expect(raw).toEqual([]);
  });

  it('leaves a one-folder submission\'s paths and components as they were', () => {
    expect(r.criteria[0].findings.every((f) => f.repository === undefined)).toBe(true);
    expect(r.submission.components).toEqual([{ role: 'api', dir: 'rock-of-ages-api' }]);
    expect(validateReport(r)).toEqual([]);
  });
});
