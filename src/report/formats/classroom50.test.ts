import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { renderFinding } from '../../model/finding.js';
import type { Report } from '../report.js';
import { sampleKinds, sampleReport, withoutPassingAdvice } from '../sample.js';
import { formatClassroom50, toClassroom50 } from './classroom50.js';

const schema = JSON.parse(readFileSync(new URL('./testdata/classroom50-result.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('formatClassroom50', () => {
  it.each(sampleKinds)('has the documented shape (%s sample)', (kind) => {
    const result = JSON.parse(formatClassroom50(sampleReport(kind)));
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(sampleKinds)('matches the golden output for the %s sample', async (kind) => {
    await expect(formatClassroom50(sampleReport(kind))).toMatchFileSnapshot(`./__snapshots__/classroom50.${kind}.json`);
  });

  it('scores like the report when points are whole: tests sum to score and max-score', () => {
    const report = sampleReport('fail');
    const result = toClassroom50(report);
    expect(result.score).toBe(report.score.earned);
    expect(result['max-score']).toBe(report.score.possible);
    expect(result.tests.reduce((a, t) => a + t.score, 0)).toBe(result.score);
    const failed = result.tests.filter((t) => !t.passed);
    expect(failed.length).toBe(report.criteria.filter((c) => c.status === 'fail' || c.status === 'error').length);
    for (const t of failed) expect(t.message).toBeTruthy();
  });

  it('scales fractional points to integers with one scale, keeping the ratio', () => {
    const base = sampleReport('fail');
    const report: Report = {
      ...base,
      criteria: base.criteria.map((c, i) => ({ ...c, points: i === 0 ? 0.5 : c.points, earned: c.status === 'pass' ? (i === 0 ? 0.5 : c.points) : 0 })),
    };
    const result = toClassroom50(report);
    expect(result.tests.every((t) => Number.isInteger(t.score) && Number.isInteger(t['max-score']))).toBe(true);
    const first = result.tests.find((t) => t['test-name'].startsWith(report.criteria[0].id))!;
    expect(first['max-score']).toBe(5);
    const graded = report.criteria.filter((c) => c.status !== 'not-applicable');
    expect(result['max-score']).toBe(graded.reduce((a, c) => a + c.points * 10, 0));
  });

  it("gives a passing criterion's advice as the message of its passed test, at full score", () => {
    const report = sampleReport('advice');
    const result = toClassroom50(report);
    const [advice] = report.criteria.find((c) => c.id === 'RC-DF010')!.findings;
    expect(result.tests.find((t) => t['test-name'].startsWith('RC-DF010'))).toEqual({
      'test-name': 'RC-DF010 No env file copied into the image',
      passed: true,
      score: 3,
      'max-score': 3,
      message: `advice: ${renderFinding(advice)}`,
    });
    const plain = toClassroom50(withoutPassingAdvice(report));
    expect(plain.tests.find((t) => t['test-name'].startsWith('RC-DF010'))).not.toHaveProperty('message');
    expect(result.tests.map(({ message: _, ...t }) => t)).toEqual(plain.tests.map(({ message: _, ...t }) => t));
    expect([result.status, result.score, result['max-score']]).toEqual([plain.status, plain.score, plain['max-score']]);
  });

  it('turns run errors into failed tests worth nothing', () => {
    const result = toClassroom50(sampleReport('error'));
    expect(result.tests[0]).toMatchObject({ 'test-name': 'rock-check runtime', passed: false, score: 0, 'max-score': 0 });
    expect(result.status).toBe('error');
  });
});
