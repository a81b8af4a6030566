import { describe, expect, it } from 'vitest';
import { exitCodeFor } from './build.js';
import { sampleReport } from './sample.js';

const allFindings = (kind: 'pass' | 'fail' | 'error') => sampleReport(kind).criteria.flatMap((c) => c.findings);

describe('sample reports', () => {
  it('cover the three run statuses', () => {
    expect(sampleReport('pass').status).toBe('pass');
    expect(sampleReport('fail').status).toBe('fail');
    expect(sampleReport('error').status).toBe('error');
  });

  it('pass: an advice criterion fails without failing the run', () => {
    const r = sampleReport('pass');
    expect(r.criteria.filter((c) => c.status === 'fail').map((c) => c.level)).toEqual(['advice']);
    expect(r.score.earned).toBeLessThan(r.score.possible);
  });

  it('fail: a static run with findings that have and lack positions', () => {
    const r = sampleReport('fail');
    expect(r.mode).toBe('static');
    expect(r.criteria.filter((c) => c.area === 'runtime').every((c) => c.status === 'not-applicable')).toBe(true);
    const findings = allFindings('fail');
    expect(findings.some((f) => f.line !== undefined)).toBe(true);
    expect(findings.some((f) => f.line === undefined)).toBe(true);
    expect(findings.some((f) => f.hint === undefined)).toBe(true);
  });

  it('fail: messages hold a redacted secret, a "|" and a "<", never the secret itself', () => {
    const text = JSON.stringify(sampleReport('fail'));
    const messages = allFindings('fail').map((f) => f.message);
    expect(messages.some((m) => m.includes('lo********23'))).toBe(true);
    expect(messages.some((m) => m.includes('|'))).toBe(true);
    expect(messages.some((m) => m.includes('<'))).toBe(true);
    expect(text).not.toContain('localpassword123');
  });

  it('error: a run error, a criterion that could not be checked, one not run, a family not applicable', () => {
    const r = sampleReport('error');
    expect(r.errors).toHaveLength(1);
    const byId = new Map(r.criteria.map((c) => [c.id, c]));
    expect(byId.get('RC-RT001')).toMatchObject({ status: 'error', reason: expect.stringContaining('Docker engine') });
    expect(byId.get('RC-RT002')).toMatchObject({ status: 'error', reason: 'not run' });
    expect(r.criteria.filter((c) => c.area === 'compose').every((c) => c.status === 'not-applicable')).toBe(true);
    expect(r.submission.compose).toBeUndefined();
  });

  it('advice: a criterion passes with full points and a warning, beside an advice criterion that fails', () => {
    const r = sampleReport('advice');
    expect(r.status).toBe('pass');
    expect(exitCodeFor(r)).toBe(0);
    const df010 = r.criteria.find((c) => c.id === 'RC-DF010')!;
    expect(df010).toMatchObject({ status: 'pass', level: 'required', earned: df010.points });
    expect(df010.findings.map((f) => [f.severity, f.ruleId])).toEqual([['warning', 'RC-DF010']]);
    expect(df010.findings[0].message).toContain('lo********23');
    expect(JSON.stringify(r)).not.toContain('localpassword123');
    expect(r.criteria.filter((c) => c.status === 'fail').map((c) => [c.id, c.level])).toEqual([['RC-DF002', 'advice']]);
  });

  it('is a fresh object on every call', () => {
    const a = sampleReport('fail');
    a.criteria[1].findings[0].message = 'changed';
    a.criteria[2].findings.length = 0;
    expect(sampleReport('fail').criteria[1].findings[0].message).not.toBe('changed');
    expect(sampleReport('fail').criteria[2].findings).toHaveLength(1);
  });
});
