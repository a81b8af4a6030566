import { describe, expect, it } from 'vitest';
import type { Report } from '../report.js';
import { sampleKinds, sampleReport } from '../sample.js';
import { formatJson } from './json.js';

/** The same report with every object's keys reversed. */
function shuffled(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffled);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, shuffled(v)]));
}

describe('formatJson', () => {
  it.each(sampleKinds)('matches the golden output for the %s sample', async (kind) => {
    await expect(formatJson(sampleReport(kind))).toMatchFileSnapshot(`./__snapshots__/json.${kind}.json`);
  });

  it.each(sampleKinds)('parses back to the same report (%s)', (kind) => {
    const report = sampleReport(kind);
    expect(JSON.parse(formatJson(report))).toEqual(report);
  });

  it('does not depend on the order the report was built in', () => {
    const report = sampleReport('fail');
    expect(formatJson(shuffled(report) as Report)).toBe(formatJson(report));
  });

  it('writes keys in the order of the Report type, two-space indented, with a final newline', () => {
    const text = formatJson(sampleReport('fail'));
    expect(Object.keys(JSON.parse(text))).toEqual([
      'schemaVersion', 'tool', 'profile', 'submission', 'mode', 'startedAt', 'durationMs', 'status', 'score', 'criteria', 'errors',
    ]);
    const criterion = JSON.parse(text).criteria[1];
    expect(Object.keys(criterion)).toEqual(['id', 'area', 'title', 'level', 'points', 'earned', 'status', 'docs', 'findings']);
    expect(Object.keys(criterion.findings[0])).toEqual(['ruleId', 'severity', 'file', 'line', 'column', 'message']);
    expect(text.startsWith('{\n  "schemaVersion": 1,\n  "tool": {\n    "name": "rock-check",')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('puts unknown keys last, alphabetically, and drops undefined values', () => {
    const report = { ...sampleReport('pass'), zeta: 1, alpha: 2, gone: undefined } as unknown as Report;
    const keys = Object.keys(JSON.parse(formatJson(report)));
    expect(keys.slice(-2)).toEqual(['alpha', 'zeta']);
    expect(keys).not.toContain('gone');
  });
});
