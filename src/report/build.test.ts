import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.js';
import { packageVersion } from '../paths.js';
import type { Criterion } from '../profile/profile.js';
import { buildReport, exitCodeFor, type BuildInput, type Outcome } from './build.js';
import type { CriterionStatus, RunStatus } from './report.js';
import { validateReport } from './validate.js';

const criteria: Criterion[] = [
  { id: 'RC-DF001', area: 'dockerfile', level: 'required', points: 3, title: 'Dockerfile present and parseable', check: 'dockerfile/present-and-parseable' },
  { id: 'RC-DF002', area: 'dockerfile', level: 'advice', points: 1, title: 'Base image pinned to an explicit tag', check: 'dockerfile/base-image-tag' },
  { id: 'RC-RT001', area: 'runtime', level: 'required', points: 5, title: 'Images build and the stack becomes healthy', check: 'runtime/images-build' },
];

const profile = { id: 'rock-of-ages', name: 'Rock of Ages', version: 1, criteria };

const finding: Finding = { ruleId: 'RC-DF001', severity: 'error', file: 'rock-of-ages-api/Dockerfile', message: 'Dockerfile is missing' };

function outcome(state: CriterionStatus): Outcome {
  return state === 'fail' ? { state, findings: [{ ...finding }] } : { state, findings: [] };
}

function input(states: Record<string, CriterionStatus>, over: Partial<BuildInput> = {}): BuildInput {
  return {
    profile,
    submission: {
      source: '/tmp/sub',
      layout: 'parent',
      components: {
        client: { role: 'client', dir: 'rock-of-ages-client', foundBy: 'compose' },
        api: { role: 'api', dir: 'rock-of-ages-api', foundBy: 'compose' },
      },
      compose: 'docker-compose.yml',
    },
    mode: 'full',
    startedAt: '2025-03-14T09:26:53.120Z',
    durationMs: 1200,
    outcomes: new Map(Object.entries(states).map(([id, s]) => [id, outcome(s)])),
    errors: [],
    toolVersion: '9.9.9',
    ...over,
  };
}

type Row = {
  name: string;
  states: Record<string, CriterionStatus>;
  mode?: 'static' | 'full';
  errors?: { message: string; where?: string }[];
  statuses: CriterionStatus[];
  reasons?: (string | undefined)[];
  score: [number, number];
  status: RunStatus;
};

const table: Row[] = [
  { name: 'everything passes', states: { 'RC-DF001': 'pass', 'RC-DF002': 'pass', 'RC-RT001': 'pass' }, statuses: ['pass', 'pass', 'pass'], score: [9, 9], status: 'pass' },
  { name: 'an advice failure loses points only', states: { 'RC-DF001': 'pass', 'RC-DF002': 'fail', 'RC-RT001': 'pass' }, statuses: ['pass', 'fail', 'pass'], score: [8, 9], status: 'pass' },
  { name: 'a required failure fails the run', states: { 'RC-DF001': 'fail', 'RC-DF002': 'pass', 'RC-RT001': 'pass' }, statuses: ['fail', 'pass', 'pass'], score: [6, 9], status: 'fail' },
  { name: 'an advice error loses points only', states: { 'RC-DF001': 'pass', 'RC-DF002': 'error', 'RC-RT001': 'pass' }, statuses: ['pass', 'error', 'pass'], score: [8, 9], status: 'pass' },
  { name: 'a required error makes the run an error', states: { 'RC-DF001': 'pass', 'RC-DF002': 'pass', 'RC-RT001': 'error' }, statuses: ['pass', 'pass', 'error'], score: [4, 9], status: 'error' },
  { name: 'an error beats a required failure', states: { 'RC-DF001': 'fail', 'RC-DF002': 'pass', 'RC-RT001': 'error' }, statuses: ['fail', 'pass', 'error'], score: [1, 9], status: 'error' },
  {
    name: 'a run error makes the run an error even when all pass',
    states: { 'RC-DF001': 'pass', 'RC-DF002': 'pass', 'RC-RT001': 'pass' },
    errors: [{ message: 'docker engine went away', where: 'runtime' }],
    statuses: ['pass', 'pass', 'pass'],
    score: [9, 9],
    status: 'error',
  },
  {
    name: 'a run error beats a required failure',
    states: { 'RC-DF001': 'fail', 'RC-DF002': 'pass', 'RC-RT001': 'pass' },
    errors: [{ message: 'internal error' }],
    statuses: ['fail', 'pass', 'pass'],
    score: [6, 9],
    status: 'error',
  },
  {
    name: 'a criterion without an outcome was not run (full mode)',
    states: { 'RC-DF001': 'pass', 'RC-DF002': 'pass' },
    statuses: ['pass', 'pass', 'error'],
    reasons: [undefined, undefined, 'not run'],
    score: [4, 9],
    status: 'error',
  },
  {
    name: 'runtime criteria without an outcome are skipped in static mode',
    states: { 'RC-DF001': 'pass', 'RC-DF002': 'fail' },
    mode: 'static',
    statuses: ['pass', 'fail', 'not-applicable'],
    reasons: [undefined, undefined, 'skipped by --static'],
    score: [3, 4],
    status: 'pass',
  },
  {
    name: 'static mode skips only runtime criteria',
    states: { 'RC-DF002': 'pass' },
    mode: 'static',
    statuses: ['error', 'pass', 'not-applicable'],
    reasons: ['not run', undefined, 'skipped by --static'],
    score: [1, 4],
    status: 'error',
  },
  {
    name: 'a runtime outcome given in static mode is kept',
    states: { 'RC-DF001': 'pass', 'RC-DF002': 'pass', 'RC-RT001': 'fail' },
    mode: 'static',
    statuses: ['pass', 'pass', 'fail'],
    score: [4, 9],
    status: 'fail',
  },
  {
    name: 'not-applicable criteria count in neither earned nor possible',
    states: { 'RC-DF001': 'not-applicable', 'RC-DF002': 'pass', 'RC-RT001': 'not-applicable' },
    statuses: ['not-applicable', 'pass', 'not-applicable'],
    score: [1, 1],
    status: 'pass',
  },
  {
    name: 'nothing applicable scores 0/0 and passes',
    states: { 'RC-DF001': 'not-applicable', 'RC-DF002': 'not-applicable', 'RC-RT001': 'not-applicable' },
    statuses: ['not-applicable', 'not-applicable', 'not-applicable'],
    score: [0, 0],
    status: 'pass',
  },
];

describe('buildReport scoring and status', () => {
  it.each(table)('$name', (row) => {
    const report = buildReport(input(row.states, { mode: row.mode ?? 'full', errors: row.errors ?? [] }));
    expect(report.criteria.map((c) => c.status)).toEqual(row.statuses);
    if (row.reasons) expect(report.criteria.map((c) => c.reason)).toEqual(row.reasons);
    expect([report.score.earned, report.score.possible]).toEqual(row.score);
    expect(report.status).toBe(row.status);
    for (const c of report.criteria) expect(c.earned).toBe(c.status === 'pass' ? c.points : 0);
    expect(validateReport(report)).toEqual([]);
  });
});

describe('buildReport', () => {
  it('lists every criterion of the profile in profile order, whatever the outcome order', () => {
    const report = buildReport(input({ 'RC-RT001': 'pass', 'RC-DF002': 'pass', 'RC-DF001': 'pass' }));
    expect(report.criteria.map((c) => c.id)).toEqual(['RC-DF001', 'RC-DF002', 'RC-RT001']);
    expect(report.criteria[0]).toMatchObject({ area: 'dockerfile', level: 'required', points: 3, title: 'Dockerfile present and parseable' });
  });

  it('ignores outcomes for criteria the profile does not grade', () => {
    const i = input({ 'RC-DF001': 'pass', 'RC-DF002': 'pass', 'RC-RT001': 'pass' });
    i.outcomes.set('RC-DF009', outcome('fail'));
    const report = buildReport(i);
    expect(report.criteria.map((c) => c.id)).not.toContain('RC-DF009');
    expect(report.status).toBe('pass');
  });

  it('sorts findings by position without touching the input', () => {
    const later: Finding = { ...finding, line: 9, column: 1, message: 'later' };
    const earlier: Finding = { ...finding, line: 2, column: 5, message: 'earlier' };
    const findings = [later, earlier];
    const i = input({ 'RC-DF002': 'pass', 'RC-RT001': 'pass' });
    i.outcomes.set('RC-DF001', { state: 'fail', findings, reason: 'two problems', docs: 'What it wants.' });
    const report = buildReport(i);
    expect(report.criteria[0].findings.map((f) => f.message)).toEqual(['earlier', 'later']);
    expect(findings.map((f) => f.message)).toEqual(['later', 'earlier']);
    expect(report.criteria[0]).toMatchObject({ reason: 'two problems', docs: 'What it wants.' });
  });

  it('adds fractional points without float noise', () => {
    const fractional = { ...profile, criteria: criteria.map((c, n) => ({ ...c, points: [0.1, 0.2, 0.4][n] })) };
    const report = buildReport(input({ 'RC-DF001': 'pass', 'RC-DF002': 'pass', 'RC-RT001': 'pass' }, { profile: fractional }));
    expect(report.score).toEqual({ earned: 0.7, possible: 0.7 });
  });

  it('copies the run facts and lists components api first', () => {
    const errors = [{ message: 'boom', where: 'intake' }];
    const report = buildReport(input({}, { errors, mode: 'static', durationMs: 42 }));
    expect(report).toMatchObject({
      schemaVersion: 1,
      tool: { name: 'rock-check', version: '9.9.9' },
      profile: { id: 'rock-of-ages', name: 'Rock of Ages', version: 1 },
      submission: {
        source: '/tmp/sub',
        layout: 'parent',
        components: [
          { role: 'api', dir: 'rock-of-ages-api' },
          { role: 'client', dir: 'rock-of-ages-client' },
        ],
        compose: 'docker-compose.yml',
      },
      mode: 'static',
      startedAt: '2025-03-14T09:26:53.120Z',
      durationMs: 42,
      errors,
    });
    expect(report.errors).not.toBe(errors);
  });

  it("escapes the control characters of the profile's text like the submission's", () => {
    const hostile = {
      ...profile,
      id: 'course\u009b2J',
      name: 'Rock\u001b[2J of\u202e Ages\n::error::forged',
      criteria: criteria.map((c, n) => ({ ...c, title: ['C1 CSI \u009b31m red', 'DEL \u007f and bidi \u2066isolate\u2069', 'LF\n::error::forged'][n] })),
    };
    const i = input({ 'RC-DF002': 'pass', 'RC-RT001': 'pass' }, { profile: hostile });
    i.outcomes.set('RC-DF001', { state: 'fail', findings: [{ ...finding }], docs: 'What it wants \u009b2J.' });
    const report = buildReport(i);
    expect(report.profile).toEqual({ id: 'course\\x9b2J', name: 'Rock\\x1b[2J of\\u202e Ages\\n::error::forged', version: 1 });
    expect(report.criteria.map((c) => c.title)).toEqual(['C1 CSI \\x9b31m red', 'DEL \\x7f and bidi \\u2066isolate\\u2069', 'LF\\n::error::forged']);
    expect(report.criteria[0].docs).toBe('What it wants \\x9b2J.');
    expect(report.criteria.map((c) => c.id)).toEqual(['RC-DF001', 'RC-DF002', 'RC-RT001']);
  });

  it('leaves compose out when there is none and defaults the tool version to the package', () => {
    const i = input({});
    const report = buildReport({
      ...i,
      toolVersion: undefined,
      submission: { source: '.', layout: 'api-only', components: { api: { role: 'api', dir: '', foundBy: 'root' } } },
    });
    expect(report.submission).toEqual({ source: '.', layout: 'api-only', components: [{ role: 'api', dir: '' }] });
    expect(report.tool.version).toBe(packageVersion);
  });
});

describe('exitCodeFor', () => {
  it.each([
    ['pass', 0],
    ['fail', 1],
    ['error', 3],
  ] as const)('%s exits %i', (status, code) => {
    expect(exitCodeFor({ status })).toBe(code);
  });
});
