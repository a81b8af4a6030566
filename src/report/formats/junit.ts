import { renderFinding } from '../../model/finding.js';
import type { CriterionResult, Report } from '../report.js';
import { adviceText, failureText, groupByArea } from './summary.js';

/**
 * Characters XML 1.0 forbids even as references (C0 controls other than tab,
 * LF and CR; U+FFFE, U+FFFF; unpaired surrogates). They are written as a
 * visible `\uXXXX` instead.
 */
const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function legal(text: string): string {
  return text.replace(forbidden, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escapes element content; CR is kept as a reference so parsers do not fold it. */
export function xmlText(text: string): string {
  return legal(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Escapes an attribute value (double-quoted); whitespace kept as references survives normalisation. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

function properties(indent: string, values: Record<string, string | number>): string[] {
  return [
    `${indent}<properties>`,
    ...Object.entries(values).map(([name, value]) => `${indent}  <property${attrs({ name, value })}/>`),
    `${indent}</properties>`,
  ];
}

function failureMessage(c: CriterionResult): string {
  const [first] = c.findings;
  if (first === undefined) return c.reason ?? `${c.id} failed`;
  const more = c.findings.length - 1;
  return `${renderFinding(first)}${more > 0 ? ` (and ${more} more)` : ''}`;
}

function testcase(c: CriterionResult): string[] {
  const open = `    <testcase${attrs({ name: `${c.id} ${c.title}`, classname: `rock-check.${c.area}` })}>`;
  const props = properties('      ', { level: c.level, points: c.points, earned: c.earned });
  const body: string[] = [];
  const advice = adviceText(c);
  if (c.status === 'fail') {
    body.push(`      <failure${attrs({ message: failureMessage(c), type: c.level })}>${xmlText(failureText(c))}</failure>`);
  } else if (c.status === 'error') {
    const reason = c.reason ?? 'not checked';
    body.push(`      <error${attrs({ message: reason, type: 'error' })}>${xmlText(reason)}</error>`);
  } else if (c.status === 'not-applicable') {
    body.push(`      <skipped${attrs({ message: `not applicable: ${c.reason ?? 'no reason given'}` })}/>`);
  } else if (advice !== undefined) {
    body.push(`      <system-out>${xmlText(advice)}</system-out>`);
  }
  return [open, ...props, ...body, '    </testcase>'];
}

function counts(criteria: { status: string }[]) {
  return {
    tests: criteria.length,
    failures: criteria.filter((c) => c.status === 'fail').length,
    errors: criteria.filter((c) => c.status === 'error').length,
    skipped: criteria.filter((c) => c.status === 'not-applicable').length,
  };
}

/**
 * JUnit XML (rock-check.xml) for CI test viewers: one testsuite per area, one
 * testcase per criterion; failures carry the finding lines, not-applicable
 * criteria are skipped, criteria that could not be checked are errors; a
 * passing criterion's advice is the system-out of its passing testcase. Points
 * are properties of each testsuite and testcase. Errors that stopped part of
 * the run form a last testsuite, "Run errors".
 */
export function formatJunit(report: Report): string {
  const run = {
    profile: `${report.profile.id} v${report.profile.version}`,
    mode: report.mode,
    status: report.status,
    'score.earned': report.score.earned,
    'score.possible': report.score.possible,
  };
  const runErrors = report.errors.map((e) => ({ status: 'error', ...e }));
  const total = counts([...report.criteria, ...runErrors]);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'rock-check', ...total, time: (report.durationMs / 1000).toFixed(3), timestamp: report.startedAt })}>`,
  ];
  for (const group of groupByArea(report)) {
    out.push(`  <testsuite${attrs({ name: group.label, ...counts(group.criteria), timestamp: report.startedAt })}>`);
    out.push(...properties('    ', { area: group.area, 'area.earned': group.earned, 'area.possible': group.possible, ...run }));
    for (const c of group.criteria) out.push(...testcase(c));
    out.push('  </testsuite>');
  }
  if (runErrors.length > 0) {
    out.push(`  <testsuite${attrs({ name: 'Run errors', ...counts(runErrors), timestamp: report.startedAt })}>`);
    out.push(...properties('    ', run));
    for (const e of report.errors) {
      out.push(`    <testcase${attrs({ name: e.where ?? 'rock-check', classname: 'rock-check.run' })}>`);
      out.push(`      <error${attrs({ message: e.message, type: 'error' })}>${xmlText(e.message)}</error>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
