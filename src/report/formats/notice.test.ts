import { describe, expect, it } from 'vitest';
import { buildReport, type Outcome } from '../build.js';
import type { Report } from '../report.js';
import { sampleProfile } from '../sample.js';
import { validateReport } from '../validate.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatTerminal } from './terminal.js';

const NOTICE = 'not a Workshop 3 submission: the api still uses SQLite and has no Dockerfile and no GitHub Actions workflows';

/** A report whose Dockerfile is missing: the root criterion fails with its finding, the others with cascade lines. */
function blockedReport(notices?: string[]): Report {
  const [rootCriterion, ...rest] = sampleProfile.criteria.filter((c) => c.area === 'dockerfile');
  const outcomes = new Map<string, Outcome>([
    [rootCriterion.id, { state: 'fail', findings: [{ ruleId: rootCriterion.id, severity: 'error', file: 'Dockerfile', message: 'no Dockerfile in the repository root' }] }],
    ...rest.map((c): [string, Outcome] => [
      c.id,
      { state: 'fail', findings: [{ ruleId: c.id, severity: 'error', file: 'Dockerfile', message: `cannot be checked: there is no Dockerfile in the repository root (see ${rootCriterion.id})` }] },
    ]),
  ]);
  for (const c of sampleProfile.criteria) if (!outcomes.has(c.id)) outcomes.set(c.id, { state: 'pass', findings: [] });
  return buildReport({
    profile: sampleProfile,
    submission: { source: '/home/student/old-api', layout: 'api-only', components: { api: { role: 'api', dir: '', foundBy: 'root' } } },
    mode: 'static',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1000,
    outcomes,
    errors: [],
    toolVersion: '0.1.0',
    ...(notices ? { notices } : {}),
  });
}

describe('notices and criteria that cannot be checked', () => {
  it('are part of the report, valid against its schema', () => {
    const report = blockedReport([NOTICE]);
    expect(validateReport(report)).toEqual([]);
    expect(report.notices).toEqual([NOTICE]);
    const blocked = report.criteria.filter((c) => c.blockedBy !== undefined);
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked.every((c) => c.blockedBy!.length === 1 && c.blockedBy![0] === report.criteria[0].id)).toBe(true);
    expect(report.criteria[0].blockedBy).toBeUndefined();
    expect(JSON.parse(formatJson(report)).notices).toEqual([NOTICE]);
    expect(blockedReport().notices).toBeUndefined();
  });

  it('come first in the terminal, which folds the criteria the notice explains into one line', () => {
    const report = blockedReport([NOTICE]);
    const text = formatTerminal(report, { color: false });
    expect(text.split('\n')[1]).toMatch(/^Notice {6}not a Workshop 3 submission: /);
    const ids = report.criteria.filter((c) => c.blockedBy).map((c) => c.id);
    expect(text.replace(/\s+/g, ' ')).toContain(`✗ ${ids.join(', ')}: cannot be checked (see ${report.criteria[0].id})`);
    expect(text).not.toContain('cannot be checked: there is no Dockerfile');
    // without a notice each criterion keeps its own line
    expect(formatTerminal(blockedReport(), { color: false })).toContain('cannot be checked: there is no Dockerfile');
  });

  it('come first in Markdown, under the heading', () => {
    const lines = formatMarkdown(blockedReport([NOTICE])).split('\n');
    expect(lines[0]).toMatch(/^## /);
    expect(lines[2]).toBe(`> **Notice:** ${NOTICE}`);
  });
});
