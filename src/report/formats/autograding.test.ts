import { describe, expect, it } from 'vitest';
import { renderFinding } from '../../model/finding.js';
import { sampleKinds, sampleReport, withoutPassingAdvice } from '../sample.js';
import { formatAutograding, toAutograding } from './autograding.js';

describe('formatAutograding', () => {
  it.each(sampleKinds)('matches the golden output for the %s sample', async (kind) => {
    await expect(formatAutograding(sampleReport(kind))).toMatchFileSnapshot(`./__snapshots__/autograding.${kind}.json`);
  });

  it.each(sampleKinds)('scores like the report: tests sum to the earned points out of max_score (%s)', (kind) => {
    const report = sampleReport(kind);
    const result = JSON.parse(formatAutograding(report));
    expect(result.version).toBe(1);
    expect(result.status).toBe(report.status);
    expect(result.max_score).toBe(report.score.possible);
    expect(result.tests.reduce((a: number, t: { score: number }) => a + t.score, 0)).toBe(report.score.earned);
    expect(result.tests.reduce((a: number, t: { max_score: number }) => a + t.max_score, 0)).toBe(report.score.possible);
  });

  it('has one test per applicable criterion, named by ID and title, with the statuses the reporter knows', () => {
    const report = sampleReport('fail');
    const { tests } = toAutograding(report);
    const applicable = report.criteria.filter((c) => c.status !== 'not-applicable');
    expect(tests.map((t) => t.name)).toEqual(applicable.map((c) => `${c.id} ${c.title}`));
    expect(tests.map((t) => t.status)).toEqual(applicable.map((c) => c.status));
    for (const t of tests) expect(['pass', 'fail', 'error']).toContain(t.status);
  });

  it('explains each failure with its findings and hints, and says nothing for passes', () => {
    const report = sampleReport('fail');
    const tests = toAutograding(report).tests;
    const df005 = report.criteria.find((c) => c.id === 'RC-DF005')!;
    const test = tests.find((t) => t.name.startsWith('RC-DF005'))!;
    expect(test.message).toBe(`${renderFinding(df005.findings[0])}\n  hint: ${df005.findings[0].hint}`);
    expect(tests.find((t) => t.name.startsWith('RC-DF001'))).not.toHaveProperty('message');
  });

  it("gives a passing criterion's advice as the message of a passed test, changing no status or score", () => {
    const report = sampleReport('advice');
    const result = toAutograding(report);
    const [advice] = report.criteria.find((c) => c.id === 'RC-DF010')!.findings;
    expect(result.tests.find((t) => t.name.startsWith('RC-DF010'))).toEqual({
      name: 'RC-DF010 No env file copied into the image',
      status: 'pass',
      score: 3,
      max_score: 3,
      message: `advice: ${renderFinding(advice)}`,
    });
    const plain = toAutograding(withoutPassingAdvice(report));
    expect(result.tests.map(({ message: _, ...t }) => t)).toEqual(plain.tests.map(({ message: _, ...t }) => t));
    expect([result.status, result.max_score]).toEqual(['pass', plain.max_score]);
  });

  it('reports run errors and unchecked criteria as errors', () => {
    const { tests } = toAutograding(sampleReport('error'));
    expect(tests[0]).toEqual({
      name: 'rock-check runtime',
      status: 'error',
      score: 0,
      max_score: 0,
      message: expect.stringContaining('cannot connect to the Docker engine'),
    });
    expect(tests.find((t) => t.name.startsWith('RC-RT002'))).toMatchObject({ status: 'error', score: 0, max_score: 4, message: 'not checked: not run' });
    expect(tests.some((t) => t.name.startsWith('RC-CO'))).toBe(false);
  });
});
