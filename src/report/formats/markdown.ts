import { findingPosition, type Finding } from '../../model/finding.js';
import type { CriterionResult, CriterionStatus, Report, RunStatus } from '../report.js';
import { advisedCriteria, countByStatus, groupByArea, passingAdvice, percent, points, verdictReason } from './summary.js';

const icons: Record<CriterionStatus, string> = { pass: '✅', fail: '❌', 'not-applicable': '➖', error: '⚠️' };
const verdictIcons: Record<RunStatus, string> = { pass: '✅', fail: '❌', error: '⚠️' };
/** Findings listed per criterion; $GITHUB_STEP_SUMMARY holds at most 1 MiB. */
const MAX_FINDINGS = 25;

/**
 * Escapes text from findings and profiles for inline Markdown (also inside a
 * table cell): characters GitHub would read as markup (emphasis, links, code,
 * tables, math, strikethrough) are backslashed, `&`, `<` and `>` become
 * entities, line breaks become `<br>`.
 */
export function mdText(text: string): string {
  return text
    .replace(/[\\`*_[\]|~$]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n|\r/g, '<br>');
}

/** Like mdText, for text that starts a line: a leading `#`, `-`, `+`, `=` or `1.` would open a block. */
export function mdLine(text: string): string {
  return mdText(text)
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/**
 * A code span that survives backticks in the text. In a table cell `|` must be
 * backslashed even inside code; elsewhere the backslash would show.
 */
export function mdCode(text: string, inTable = false): string {
  const flat = text.replace(/\r?\n|\r/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${inTable ? flat.replace(/\|/g, '\\|') : flat}${pad}${fence}`;
}

/** A finding's place as inline Markdown: `` `file:line:col` ``, after `[client]` when it lies in a repository given on its own. */
export function mdPosition(f: Finding): string {
  return `${f.repository !== undefined ? `${mdText(`[${f.repository}]`)} ` : ''}${mdCode(findingPosition(f))}`;
}

function statusCell(c: CriterionResult): string {
  if (c.status === 'not-applicable') return `n/a: ${mdText(c.reason ?? 'not applicable')}`;
  if (c.status === 'error') return `not checked: ${mdText(c.reason ?? 'no reason given')}`;
  return passingAdvice(c).length > 0 ? 'pass, with advice below' : c.status;
}

function areaTable(report: Report): string[] {
  const out: string[] = [];
  for (const group of groupByArea(report)) {
    const total = group.graded ? points(group.earned, group.possible) : 'n/a';
    out.push(`### ${mdText(group.label)}: ${total}`, '');
    out.push('| | Criterion | Level | Points | Status |', '| :-: | --- | --- | --: | --- |');
    for (const c of group.criteria) {
      const pts = c.status === 'not-applicable' ? 'n/a' : points(c.earned, c.points);
      out.push(`| ${icons[c.status]} | ${mdCode(c.id, true)} ${mdText(c.title)} | ${c.level} | ${pts} | ${statusCell(c)} |`);
    }
    out.push('');
  }
  return out;
}

function details(c: CriterionResult): string[] {
  const out = [`#### ${icons[c.status]} ${mdText(c.id)} ${mdText(c.title)} (${c.level}, ${points(c.earned, c.points)})`, ''];
  if (c.docs !== undefined) out.push(`> ${mdLine(c.docs)}`, '');
  if (c.reason !== undefined) out.push(c.status === 'error' ? `Not checked: ${mdText(c.reason)}` : mdLine(c.reason), '');
  for (const f of c.findings.slice(0, MAX_FINDINGS)) {
    out.push(`- ${mdPosition(f)}: ${mdText(f.message)} (${mdText(f.ruleId)})`);
    if (f.hint !== undefined) out.push(`  - hint: ${mdText(f.hint)}`);
  }
  const hidden = c.findings.length - MAX_FINDINGS;
  if (hidden > 0) out.push(`- … and ${hidden} more in rock-check.json`);
  if (c.findings.length > 0) out.push('');
  return out;
}

/** The repositories given on their own, which `[api]` and `[client]` before a finding's place refer to. */
function repositoryLines(sub: Report['submission']): string[] {
  const given = sub.components.filter((c) => c.source !== undefined);
  return given.length === 0 ? [] : [`- Repositories: ${given.map((c) => `${c.role} ${mdCode(c.source!)}`).join(', ')}`];
}

/**
 * GitHub-flavoured Markdown for `$GITHUB_STEP_SUMMARY` (rock-check.md): the
 * verdict and score, one table per area, then the findings of every failed
 * criterion with positions and hints, then the advice of passing criteria.
 */
export function formatMarkdown(report: Report): string {
  const counts = countByStatus(report);
  const sub = report.submission;
  const out = [
    `## ${verdictIcons[report.status]} rock-check: ${report.status.toUpperCase()}, ${points(report.score.earned, report.score.possible)} points (${percent(report)})`,
    '',
    ...(report.notices ?? []).flatMap((n) => [`> **Notice:** ${mdText(n)}`, '']),
    `${mdLine(verdictReason(report))}.`,
    '',
    `- Submission: ${mdCode(sub.source)} (${sub.layout}${sub.compose !== undefined ? `, compose ${mdCode(sub.compose)}` : ''})`,
    ...repositoryLines(sub),
    `- Profile: ${mdCode(report.profile.id)} v${report.profile.version}, ${mdText(report.profile.name)}`,
    `- Mode: ${report.mode}; criteria: ${counts.pass} passed, ${counts.fail} failed, ${counts['not-applicable']} not applicable, ${counts.error} not checked`,
    `- rock-check ${mdText(report.tool.version)}, started ${report.startedAt}`,
    '',
  ];
  if (report.errors.length > 0) {
    out.push('### ⚠️ Errors that stopped part of the run', '');
    for (const e of report.errors) out.push(`- ${e.where !== undefined ? `${mdCode(e.where)}: ` : ''}${mdText(e.message)}`);
    out.push('');
  }
  out.push(...areaTable(report));
  const failed = report.criteria.filter((c) => c.status === 'fail' || c.status === 'error');
  if (failed.length > 0) {
    out.push('### Details', '');
    for (const c of failed) out.push(...details(c));
  }
  const advised = advisedCriteria(report);
  if (advised.length > 0) {
    out.push('### Advice', '', 'These criteria passed with full points; what follows is advice, and it costs no points.', '');
    for (const c of advised) out.push(...details(c));
  }
  return `${out.join('\n').trimEnd()}\n`;
}
