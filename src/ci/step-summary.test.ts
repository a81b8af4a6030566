import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.js';
import type { Report } from '../report/report.js';
import { sampleReport } from '../report/sample.js';
import { selectAnnotations } from './annotation-budget.js';
import { stepSummary } from './step-summary.js';

function flooded(findingsPerCriterion: number, messageLength: number): Report {
  const base = sampleReport('fail');
  return {
    ...base,
    criteria: base.criteria.map((c) =>
      c.status !== 'fail'
        ? c
        : {
            ...c,
            findings: Array.from({ length: findingsPerCriterion }, (_, i) => ({
              ruleId: c.id,
              severity: 'error' as const,
              file: `f${i}.txt`,
              line: i + 1,
              column: 1,
              message: `${'x'.repeat(messageLength)} ${i}`,
            })),
          },
    ),
  };
}

describe('stepSummary', () => {
  it('is the Markdown report as it is when it fits', () => {
    const report = sampleReport('fail');
    const text = stepSummary(report, selectAnnotations(report), 'reports/rock-check.json');
    expect(text).toContain('rock-check: FAIL');
    expect(text).not.toContain('Left out');
  });

  it('stays under the limit by keeping fewer findings per criterion, and says how many were left out', () => {
    const report = flooded(25, 5_000);
    const limit = 200_000;
    const text = stepSummary(report, selectAnnotations(report), 'reports/rock-check.json', limit);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(limit);
    expect(text).toMatch(/Left out to stay under GitHub's 1 MiB summary limit: \d+ findings beyond the first \d+ of each criterion/);
    expect(text).toContain('reports/rock-check.json');
  });

  it('cuts at a line break, saying so, when even the shortest form is too long', () => {
    const base = flooded(1, 10);
    const report = { ...base, criteria: base.criteria.map((c) => (c.status === 'fail' ? { ...c, docs: 'd '.repeat(20_000) } : c)) };
    const limit = 20_000;
    const text = stepSummary(report, selectAnnotations(report), 'reports/rock-check.json', limit);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(limit);
    expect(text).toContain('The rest of this summary was cut');
  });

  it("lists a passing criterion's advice, also when GitHub cannot show it as an annotation", () => {
    const report = advised(12, 2);
    const sel = selectAnnotations(report);
    expect(sel.shown.some((a) => a.criterion.id === 'RC-DF010')).toBe(false);
    const text = stepSummary(report, sel, 'r.json');
    expect(text).toContain('showing 0 of 0 errors and 10 of 14 warnings as annotations; every finding is listed below.');
    expect(text).toContain('### Advice');
    expect(text).toContain('- `RC-DF010.txt:2:1`: RC-DF010 1 (RC-DF010)');
    expect(text).toMatch(/^## ✅ rock-check: PASS, 32\/33 points/m);
  });

  it('counts the annotations GitHub will not show', () => {
    const report = flooded(8, 10);
    const sel = selectAnnotations(report);
    expect(sel.hidden.error).toBeGreaterThan(0);
    const text = stepSummary(report, sel, 'r.json');
    expect(text).toContain(`showing 10 of ${sel.total.error} errors`);
  });
});

/** The advice sample with `failing` findings on its failed advice criterion and `advice` on its passing RC-DF010 (3 points). */
function advised(failing: number, advice: number): Report {
  const base = sampleReport('advice');
  const many = (id: string, n: number): Finding[] =>
    Array.from({ length: n }, (_, i) => ({ ruleId: id, severity: 'warning', file: `${id}.txt`, line: i + 1, column: 1, message: `${id} ${i}` }));
  return {
    ...base,
    criteria: base.criteria.map((c) => (c.id === 'RC-DF002' ? { ...c, findings: many(c.id, failing) } : c.id === 'RC-DF010' ? { ...c, findings: many(c.id, advice) } : c)),
  };
}

describe('selectAnnotations', () => {
  it("gives a passing criterion's advice only the warnings the failures leave, though it is worth more points", () => {
    const crowded = selectAnnotations(advised(12, 3));
    expect(crowded.shown.map((a) => a.criterion.id)).toEqual(Array(10).fill('RC-DF002'));
    expect(crowded.total).toEqual({ error: 0, warning: 15 });
    expect(crowded.hidden).toEqual({ error: 0, warning: 5 });
    const roomy = selectAnnotations(advised(4, 8));
    expect(roomy.shown.map((a) => a.criterion.id)).toEqual([...Array(4).fill('RC-DF002'), ...Array(6).fill('RC-DF010')]);
    expect(roomy.shown.every((a) => a.kind === 'warning')).toBe(true);
  });


  it('shows at most 10 of each kind, each failed criterion first once, highest points first', () => {
    const report = flooded(8, 10);
    const sel = selectAnnotations(report);
    const errors = sel.shown.filter((a) => a.kind === 'error');
    expect(errors).toHaveLength(10);
    const failedRequired = report.criteria.filter((c) => c.status === 'fail' && c.level === 'required');
    const firstRound = errors.slice(0, failedRequired.length).map((a) => a.criterion.id);
    expect(new Set(firstRound).size).toBe(failedRequired.length);
    const pts = firstRound.map((id) => report.criteria.find((c) => c.id === id)!.points);
    expect([...pts].sort((a, b) => b - a)).toEqual(pts);
    expect(sel.shown.filter((a) => a.kind === 'warning').length).toBeLessThanOrEqual(10);
  });
});
