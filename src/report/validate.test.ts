import { describe, expect, it } from 'vitest';
import { formatJson } from './formats/json.js';
import type { Report } from './report.js';
import { sampleKinds, sampleReport } from './sample.js';
import { validateReport } from './validate.js';

function broken(edit: (r: Record<string, any>) => void): unknown {
  const r = structuredClone(sampleReport('fail')) as Record<string, any>;
  edit(r);
  return r;
}

describe('validateReport', () => {
  it.each(sampleKinds)('accepts the %s sample, also after a JSON round trip', (kind) => {
    const report = sampleReport(kind);
    expect(validateReport(report)).toEqual([]);
    expect(validateReport(JSON.parse(formatJson(report)))).toEqual([]);
  });

  it.each([
    ['an unknown top-level property', (r: Record<string, any>) => (r.grade = 'A'), "(root) must not have property 'grade'"],
    ['a wrong schema version', (r: Record<string, any>) => (r.schemaVersion = 2), '/schemaVersion must be 1'],
    ['another tool', (r: Record<string, any>) => (r.tool.name = 'other'), '/tool/name must be "rock-check"'],
    ['a missing score', (r: Record<string, any>) => delete r.score, "(root) must have required property 'score'"],
    ['an unknown run status', (r: Record<string, any>) => (r.status = 'passed'), '/status must be one of "pass", "fail", "error"'],
    ['an unknown mode', (r: Record<string, any>) => (r.mode = 'quick'), '/mode must be one of "static", "full"'],
    ['an unknown layout', (r: Record<string, any>) => (r.submission.layout = 'monorepo'), '/submission/layout must be one of'],
    ['a start time that is not a date-time', (r: Record<string, any>) => (r.startedAt = 'yesterday'), '/startedAt must match format "date-time"'],
    ['a negative duration', (r: Record<string, any>) => (r.durationMs = -1), '/durationMs must be >= 0'],
    ['an unknown criterion status', (r: Record<string, any>) => (r.criteria[0].status = 'skipped'), '/criteria/0/status must be one of'],
    ['a malformed area', (r: Record<string, any>) => (r.criteria[0].area = 'Network area'), '/criteria/0/area must match pattern'],
    ['a malformed criterion ID', (r: Record<string, any>) => (r.criteria[0].id = 'DF001'), '/criteria/0/id must match pattern'],
    ['points earned on a failed criterion', (r: Record<string, any>) => (r.criteria[1].earned = 1), "/criteria/1/earned must be 0 when status is not 'pass'"],
    ['a finding at line 0', (r: Record<string, any>) => (r.criteria[1].findings[0].line = 0), '/criteria/1/findings/0/line must be >= 1'],
    ['a finding with a column but no line', (r: Record<string, any>) => delete r.criteria[1].findings[0].line, '/criteria/1/findings/0 must have property line when property column is present'],
    ['a finding with an unknown severity', (r: Record<string, any>) => (r.criteria[1].findings[0].severity = 'info'), '/criteria/1/findings/0/severity must be one of "error", "warning"'],
    ['a finding with an extra property', (r: Record<string, any>) => (r.criteria[1].findings[0].fix = 'x'), "/criteria/1/findings/0 must not have property 'fix'"],
    ['an error without a message', (r: Record<string, any>) => r.errors.push({ where: 'runtime' }), "/errors/0 must have required property 'message'"],
  ])('rejects %s', (_name, edit, expected) => {
    const errors = validateReport(broken(edit));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((e) => e.startsWith(expected)), errors.join('\n')).toBe(true);
  });

  it('lists every problem, not just the first', () => {
    const errors = validateReport(
      broken((r) => {
        r.schemaVersion = 0;
        r.mode = 'quick';
        delete r.errors;
      }),
    );
    expect(errors).toHaveLength(3);
  });

  it('rejects what is not a report at all', () => {
    expect(validateReport(null)).toEqual(['(root) must be object']);
    expect(validateReport([] as unknown as Report)).toEqual(['(root) must be object']);
  });
});
