import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { sampleKinds, sampleReport, withoutPassingAdvice } from '../sample.js';
import { formatGradescope, toGradescope } from './gradescope.js';

const schema = JSON.parse(readFileSync(new URL('./testdata/gradescope-results.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('formatGradescope', () => {
  it.each(sampleKinds)('has the documented results.json shape (%s sample)', (kind) => {
    const result = JSON.parse(formatGradescope(sampleReport(kind)));
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(sampleKinds)('matches the golden output for the %s sample', async (kind) => {
    await expect(formatGradescope(sampleReport(kind))).toMatchFileSnapshot(`./__snapshots__/gradescope.${kind}.json`);
  });

  it('gives the report score and one Markdown test per criterion; failures carry findings with positions and hints', () => {
    const report = sampleReport('fail');
    const result = toGradescope(report);
    expect(result.score).toBe(report.score.earned);
    expect(result.tests).toHaveLength(report.criteria.length);
    expect(result.tests.reduce((a, t) => a + t.max_score, 0)).toBe(report.score.possible);
    const df005 = report.criteria.find((c) => c.id === 'RC-DF005')!;
    const test = result.tests.find((t) => t.name.startsWith('RC-DF005'))!;
    expect(test).toMatchObject({ status: 'failed', score: 0, max_score: df005.points, output_format: 'md', visibility: 'visible' });
    const f = df005.findings[0];
    expect(test.output).toContain(`\`${f.file}:${f.line}:${f.column ?? 1}\``);
    expect(test.output).toContain('hint:');
  });

  it("shows a passing criterion's advice in its passed test, at full score", () => {
    const report = sampleReport('advice');
    const result = toGradescope(report);
    const test = result.tests.find((t) => t.name.startsWith('RC-DF010'))!;
    expect(test).toMatchObject({ name: 'RC-DF010 No env file copied into the image', status: 'passed', score: 3, max_score: 3 });
    expect(test.output).toMatch(/^Passed, with full points\. Advice, which costs no points:\n\n- `rock-of-ages-api\/Dockerfile:8:1`: \.env\.local /);
    expect(result.tests.find((t) => t.name.startsWith('RC-DF002'))).toMatchObject({ status: 'failed', score: 0 });
    const plain = toGradescope(withoutPassingAdvice(report));
    expect(plain.tests.find((t) => t.name.startsWith('RC-DF010'))!.output).toBe('Passed.');
    expect(result.score).toBe(plain.score);
    expect(result.output).toBe(plain.output);
    expect(result.tests.map((t) => [t.status, t.score, t.max_score])).toEqual(plain.tests.map((t) => [t.status, t.score, t.max_score]));
  });

  it('never charges a static run on a Docker-less worker for the runtime: worth nothing, said why', () => {
    const report = sampleReport('fail');
    expect(report.mode).toBe('static');
    const result = toGradescope(report);
    const runtime = result.tests.filter((t) => t.tags.includes('runtime'));
    expect(runtime.length).toBeGreaterThan(0);
    for (const t of runtime) expect(t).toMatchObject({ status: 'passed', score: 0, max_score: 0 });
    expect(result.output).toContain('need a Docker host');
  });
});
