import { renderFinding, type Finding } from '../../model/finding.js';
import type { Area } from '../../profile/profile.js';
import { sumPoints as sum } from '../points.js';
import type { CriterionResult, CriterionStatus, Report } from '../report.js';

/** What the formats call each area. */
export const areaLabels: Record<Area, string> = {
  dockerfile: 'Dockerfiles',
  compose: 'Compose',
  workflows: 'Workflows',
  config: 'Configuration',
  runtime: 'Runtime',
};

export interface AreaGroup {
  area: Area;
  label: string;
  criteria: CriterionResult[];
  /** Points of the graded (applicable) criteria only. */
  earned: number;
  possible: number;
  /** False when every criterion of the area is not applicable. */
  graded: boolean;
}

/** Criteria grouped by area, areas in the order the profile first names them. */
export function groupByArea(report: Report): AreaGroup[] {
  const groups = new Map<Area, CriterionResult[]>();
  for (const c of report.criteria) {
    const list = groups.get(c.area) ?? [];
    list.push(c);
    groups.set(c.area, list);
  }
  return [...groups].map(([area, criteria]) => {
    const graded = criteria.filter((c) => c.status !== 'not-applicable');
    return {
      area,
      label: areaLabels[area],
      criteria,
      earned: sum(graded.map((c) => c.earned)),
      possible: sum(graded.map((c) => c.points)),
      graded: graded.length > 0,
    };
  });
}

export function countByStatus(report: Report): Record<CriterionStatus, number> {
  const counts: Record<CriterionStatus, number> = { pass: 0, fail: 0, 'not-applicable': 0, error: 0 };
  for (const c of report.criteria) counts[c.status] += 1;
  return counts;
}

/** `42/60`; `3.5/4` for fractional points. */
export function points(earned: number, possible: number): string {
  return `${earned}/${possible}`;
}

export function percent(report: Report): string {
  const { earned, possible } = report.score;
  return possible === 0 ? '-' : `${Math.floor((earned / possible) * 100)}%`;
}

/** One sentence on why the run has its status, shared by every format. */
export function verdictReason(report: Report): string {
  const required = report.criteria.filter((c) => c.level === 'required');
  const advice = report.criteria.filter((c) => c.level === 'advice');
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  if (report.status === 'error') {
    const failed = required.filter((c) => c.status === 'error').length;
    const parts = [
      ...(report.errors.length > 0 ? [n(report.errors.length, 'error', 'errors') + ' stopped part of the run'] : []),
      ...(failed > 0 ? [n(failed, 'required criterion', 'required criteria') + ' could not be checked'] : []),
    ];
    return `${parts.join('; ')}: the score is incomplete`;
  }
  if (report.status === 'fail') {
    return `${n(required.filter((c) => c.status === 'fail').length, 'required criterion', 'required criteria')} failed`;
  }
  const lost = advice.filter((c) => c.status === 'fail' || c.status === 'error').length;
  return lost > 0 ? `every required criterion passed; ${n(lost, 'advice criterion', 'advice criteria')} lost points` : 'every checked criterion passed';
}

/** A failed criterion as plain lines: its reason, then each finding and its hint. */
export function failureText(c: CriterionResult): string {
  const lines = c.findings.flatMap((f) => [renderFinding(f), ...(f.hint !== undefined ? [`  hint: ${f.hint}`] : [])]);
  if (c.reason !== undefined) lines.unshift(c.reason);
  return lines.length > 0 ? lines.join('\n') : `${c.id} failed`;
}

/**
 * The findings a passing criterion carries: advice (warnings) on a risk the
 * criterion does not grade. They cost no points and change no count; every
 * format shows them apart from failures.
 */
export function passingAdvice(c: CriterionResult): Finding[] {
  return c.status === 'pass' ? c.findings : [];
}

/** The criteria that pass with advice, in report order. */
export function advisedCriteria(report: Report): CriterionResult[] {
  return report.criteria.filter((c) => passingAdvice(c).length > 0);
}

/** A passing criterion's advice as plain lines, `advice: file:line:col: message [RC-…]` each with its hint; undefined without advice. */
export function adviceText(c: CriterionResult): string | undefined {
  const lines = passingAdvice(c).flatMap((f) => [`advice: ${renderFinding(f)}`, ...(f.hint !== undefined ? [`  hint: ${f.hint}`] : [])]);
  return lines.length > 0 ? lines.join('\n') : undefined;
}
