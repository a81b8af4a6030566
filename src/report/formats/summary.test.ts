import { describe, expect, it } from 'vitest';
import type { CriterionResult } from '../report.js';
import { sampleReport, withoutPassingAdvice } from '../sample.js';
import { adviceText, advisedCriteria, countByStatus, failureText, groupByArea, passingAdvice, percent, verdictReason } from './summary.js';

describe('groupByArea', () => {
  it('groups criteria by area in profile order with the graded points of each', () => {
    const groups = groupByArea(sampleReport('error'));
    expect(groups.map((g) => [g.label, g.criteria.length, g.earned, g.possible, g.graded])).toEqual([
      ['Dockerfiles', 4, 9, 9, true],
      ['Compose', 3, 0, 0, false],
      ['Workflows', 2, 6, 6, true],
      ['Configuration', 3, 7, 7, true],
      ['Runtime', 2, 0, 8, true],
    ]);
  });

  it('keeps the order in which the profile first names an area', () => {
    const report = sampleReport('pass');
    report.criteria.reverse();
    expect(groupByArea(report).map((g) => g.area)).toEqual(['runtime', 'config', 'workflows', 'compose', 'dockerfile']);
  });
});

describe('countByStatus and percent', () => {
  it('counts every status', () => {
    expect(countByStatus(sampleReport('error'))).toEqual({ pass: 9, fail: 0, 'not-applicable': 3, error: 2 });
  });

  it('rounds the percentage down, and has none when nothing was graded', () => {
    expect(percent(sampleReport('pass'))).toBe('97%');
    const report = sampleReport('pass');
    report.score = { earned: 0, possible: 0 };
    expect(percent(report)).toBe('-');
  });
});

describe('verdictReason', () => {
  it('explains each run status', () => {
    expect(verdictReason(sampleReport('pass'))).toBe('every required criterion passed; 1 advice criterion lost points');
    expect(verdictReason(sampleReport('fail'))).toBe('6 required criteria failed');
    expect(verdictReason(sampleReport('error'))).toBe('1 error stopped part of the run; 2 required criteria could not be checked: the score is incomplete');
  });

  it('says so when nothing at all was lost', () => {
    const report = sampleReport('pass');
    report.criteria[1].status = 'pass';
    expect(verdictReason(report)).toBe('every checked criterion passed');
  });

  it('names a lone required failure in the singular', () => {
    const report = sampleReport('pass');
    report.status = 'fail';
    report.criteria[0].status = 'fail';
    expect(verdictReason(report)).toBe('1 required criterion failed');
  });
});

describe('failureText', () => {
  const base: CriterionResult = { id: 'RC-DF001', area: 'dockerfile', title: 't', level: 'required', points: 3, earned: 0, status: 'fail', findings: [] };

  it('lists the reason, then findings with their hints', () => {
    const text = failureText({
      ...base,
      reason: 'two problems',
      findings: [
        { ruleId: 'RC-DF001', severity: 'error', file: 'a/Dockerfile', line: 2, column: 3, message: 'm1', hint: 'h1' },
        { ruleId: 'RC-DF001', severity: 'error', file: 'b/Dockerfile', message: 'm2' },
      ],
    });
    expect(text).toBe('two problems\na/Dockerfile:2:3: m1 [RC-DF001]\n  hint: h1\nb/Dockerfile: m2 [RC-DF001]');
  });

  it('still says something for a failure without findings or reason', () => {
    expect(failureText(base)).toBe('RC-DF001 failed');
  });
});

describe('passingAdvice', () => {
  it("is a passing criterion's findings, and nothing of a failed one", () => {
    const report = sampleReport('advice');
    expect(advisedCriteria(report).map((c) => c.id)).toEqual(['RC-DF010']);
    const df010 = report.criteria.find((c) => c.id === 'RC-DF010')!;
    expect(passingAdvice(df010)).toBe(df010.findings);
    expect(passingAdvice(df010).map((f) => f.severity)).toEqual(['warning']);
    const df002 = report.criteria.find((c) => c.id === 'RC-DF002')!;
    expect(df002.findings).toHaveLength(1);
    expect(passingAdvice(df002)).toEqual([]);
    expect(advisedCriteria(sampleReport('fail'))).toEqual([]);
  });

  it('changes no count, no score and no verdict', () => {
    const report = sampleReport('advice');
    const plain = withoutPassingAdvice(report);
    expect(advisedCriteria(plain)).toEqual([]);
    expect(countByStatus(report)).toEqual(countByStatus(plain));
    expect(report.score).toEqual(plain.score);
    expect(verdictReason(report)).toBe(verdictReason(plain));
  });

  it('is written as advice lines, in the finding line shape, each with its hint', () => {
    const c: CriterionResult = {
      id: 'RC-DF010',
      area: 'dockerfile',
      title: 't',
      level: 'required',
      points: 3,
      earned: 3,
      status: 'pass',
      findings: [
        { ruleId: 'RC-DF010', severity: 'warning', file: 'api/Dockerfile', line: 8, column: 1, message: 'm1', hint: 'h1' },
        { ruleId: 'RC-DF010', severity: 'warning', file: 'api/.env', message: 'm2' },
      ],
    };
    expect(adviceText(c)).toBe('advice: api/Dockerfile:8:1: m1 [RC-DF010]\n  hint: h1\nadvice: api/.env: m2 [RC-DF010]');
    expect(adviceText({ ...c, findings: [] })).toBeUndefined();
    expect(adviceText({ ...c, status: 'fail', earned: 0 })).toBeUndefined();
  });
});
