import type { Finding } from '../../model/finding.js';
import { passingAdvice } from '../../report/formats/summary.js';
import type { RosterProblem } from '../roster.js';
import type { ClassRow } from '../outputs/class-rows.js';

/** Everything the dashboard shows, computed here so its numbers are the gradebook's. */
export interface DashboardData {
  title: string;
  summary: { students: number; pass: number; fail: number; error: number; mean: number | null; median: number | null };
  /** Students per score band of 10 percent (the last band holds 90 to 100). */
  distribution: { label: string; count: number }[];
  /** Criteria sorted by how many students failed them, most first. */
  criteria: { id: string; title: string; level: string; points: number; pass: number; fail: number; error: number; graded: number; passRate: number | null }[];
  students: DashboardStudent[];
  rosterProblems: RosterProblem[];
}

export interface DashboardStudent {
  student: string;
  name: string;
  repository: string;
  commit: string;
  gradedAt: string;
  score: number | null;
  possible: number | null;
  percent: number | null;
  status: string;
  failed: string[];
  reason: string | null;
  folder: string;
  hasReport: boolean;
  /** Criteria that did not pass, with their findings: what the student should look at. */
  problems: { id: string; title: string; level: string; status: string; points: number; reason: string | null; findings: DashboardFinding[] }[];
  /** Criteria that passed with advice (warnings that cost no points), with that advice. */
  advice: { id: string; title: string; level: string; points: number; findings: DashboardFinding[] }[];
  history: { commit: string; gradedAt: string; score: number | null; possible: number | null; status: string }[];
}

export interface DashboardFinding {
  where: string;
  message: string;
  hint: string | null;
}

const MAX_FINDINGS = 20;

function dashboardFindings(findings: Finding[]): DashboardFinding[] {
  return findings.slice(0, MAX_FINDINGS).map((f) => ({
    where: f.line === undefined ? f.file : `${f.file}:${f.line}:${f.column ?? 1}`,
    message: f.message,
    hint: f.hint ?? null,
  }));
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : Math.round(((s[mid - 1] + s[mid]) / 2) * 10) / 10;
}

export function dashboardData(rows: ClassRow[], title: string, rosterProblems: RosterProblem[]): DashboardData {
  const graded = rows.filter((r) => r.percent !== null && r.status !== 'error').map((r) => r.percent!);
  const distribution = Array.from({ length: 10 }, (_, i) => ({ label: i === 9 ? '90–100%' : `${i * 10}–${i * 10 + 9}%`, count: 0 }));
  for (const p of graded) distribution[Math.min(9, Math.floor(p / 10))].count++;
  const criteria = new Map<string, DashboardData['criteria'][number]>();
  for (const r of rows) {
    for (const c of r.latest?.report?.criteria ?? []) {
      const entry = criteria.get(c.id) ?? { id: c.id, title: c.title, level: c.level, points: c.points, pass: 0, fail: 0, error: 0, graded: 0, passRate: null };
      if (c.status !== 'not-applicable') entry.graded++;
      if (c.status === 'pass') entry.pass++;
      if (c.status === 'fail') entry.fail++;
      if (c.status === 'error') entry.error++;
      criteria.set(c.id, entry);
    }
  }
  const criteriaList = [...criteria.values()].map((c) => ({ ...c, passRate: c.graded ? Math.round((c.pass / c.graded) * 1000) / 10 : null }));
  criteriaList.sort((a, b) => b.fail + b.error - (a.fail + a.error) || b.fail - a.fail || a.id.localeCompare(b.id));
  const mean = graded.length ? Math.round((graded.reduce((a, b) => a + b, 0) / graded.length) * 10) / 10 : null;
  return {
    title,
    summary: {
      students: rows.length,
      pass: rows.filter((r) => r.status === 'pass').length,
      fail: rows.filter((r) => r.status === 'fail').length,
      error: rows.filter((r) => r.status === 'error').length,
      mean,
      median: median(graded),
    },
    distribution,
    criteria: criteriaList,
    students: rows.map((r) => ({
      student: r.student.student,
      name: r.student.name,
      repository: r.student.repository,
      commit: r.latest?.commit ?? '',
      gradedAt: r.latest?.finishedAt ?? '',
      score: r.latest?.earned ?? null,
      possible: r.latest?.possible ?? null,
      percent: r.percent,
      status: r.status,
      failed: r.failed,
      reason: r.reason ?? null,
      folder: r.folder,
      hasReport: Boolean(r.latest?.report),
      problems: (r.latest?.report?.criteria ?? [])
        .filter((c) => c.status === 'fail' || c.status === 'error')
        .map((c) => ({
          id: c.id,
          title: c.title,
          level: c.level,
          status: c.status,
          points: c.points,
          reason: c.reason ?? null,
          findings: dashboardFindings(c.findings),
        })),
      advice: (r.latest?.report?.criteria ?? [])
        .filter((c) => passingAdvice(c).length > 0)
        .map((c) => ({ id: c.id, title: c.title, level: c.level, points: c.points, findings: dashboardFindings(passingAdvice(c)) })),
      history: r.history.map((g) => ({ commit: g.commit, gradedAt: g.finishedAt, score: g.earned, possible: g.possible, status: g.status })),
    })),
    rosterProblems,
  };
}
