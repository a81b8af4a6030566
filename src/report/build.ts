import { compareFindings, type Finding } from '../model/finding.js';
import { repositoryPath } from '../model/repository-path.js';
import type { ComponentRole, Submission } from '../model/submission.js';
import { visibleLine } from '../model/visible-text.js';
import { packageVersion } from '../paths.js';
import type { Profile } from '../profile/profile.js';
import { cascadeRoots } from '../rules/rule.js';
import { sumPoints } from './points.js';
import type { CriterionResult, CriterionStatus, Report, RunStatus } from './report.js';
import { submissionText, type SubmissionText } from './submission-text.js';

/** What running one criterion's check produced. */
export interface Outcome {
  state: CriterionStatus;
  findings: Finding[];
  reason?: string;
  docs?: string;
}

export interface BuildInput {
  profile: Pick<Profile, 'id' | 'name' | 'version' | 'criteria'>;
  /** With `files`, the secrets they hold are redacted wherever the report quotes them. */
  submission: Pick<Submission, 'source' | 'layout' | 'components' | 'compose'> & Partial<Pick<Submission, 'files'>>;
  mode: Report['mode'];
  /** ISO 8601 date-time. */
  startedAt: string;
  durationMs: number;
  /** Keyed by criterion ID. Outcomes for IDs the profile does not list are not graded. */
  outcomes: Map<string, Outcome>;
  errors: Report['errors'];
  /** Lines shown before any criterion (see submissionNotices). */
  notices?: string[];
  /** Defaults to the installed package's version. */
  toolVersion?: string;
}

const roles: ComponentRole[] = ['api', 'client'];

function resultFor(input: BuildInput, criterion: Profile['criteria'][number], text: SubmissionText): CriterionResult {
  const outcome: Outcome =
    input.outcomes.get(criterion.id) ??
    (input.mode === 'static' && criterion.area === 'runtime'
      ? { state: 'not-applicable', findings: [], reason: 'skipped by --static' }
      : { state: 'error', findings: [], reason: 'not run' });
  return {
    id: visibleLine(criterion.id),
    area: criterion.area,
    title: visibleLine(criterion.title),
    level: criterion.level,
    points: criterion.points,
    earned: outcome.state === 'pass' ? criterion.points : 0,
    status: outcome.state,
    ...(outcome.reason !== undefined ? { reason: text.line(outcome.reason) } : {}),
    ...(outcome.docs !== undefined ? { docs: visibleLine(outcome.docs) } : {}),
    ...(outcome.state === 'fail' && cascadeRoots(outcome.findings) ? { blockedBy: cascadeRoots(outcome.findings) } : {}),
    findings: outcome.findings.map(text.finding).sort(compareFindings),
  };
}

function runStatus(criteria: CriterionResult[], errors: Report['errors']): RunStatus {
  const required = criteria.filter((c) => c.level === 'required');
  if (errors.length > 0 || required.some((c) => c.status === 'error')) return 'error';
  if (required.some((c) => c.status === 'fail')) return 'fail';
  return 'pass';
}

/**
 * The report of a run: every criterion of the profile, in profile order.
 * Not-applicable criteria count in neither the earned nor the possible score;
 * advice criteria that fail lose their points but do not fail the run.
 * The profile's own text (its name, ids and titles) has its control
 * characters escaped like the submission's: a profile can come from a course
 * repository that students write to, and no format sees it raw.
 */
export function buildReport(input: BuildInput): Report {
  const text = submissionText(input.submission);
  const criteria = input.profile.criteria.map((c) => resultFor(input, c, text));
  const graded = criteria.filter((c) => c.status !== 'not-applicable');
  const { source, layout, compose } = input.submission;
  return {
    schemaVersion: 1,
    tool: { name: 'rock-check', version: input.toolVersion ?? packageVersion },
    profile: { id: visibleLine(input.profile.id), name: visibleLine(input.profile.name), version: input.profile.version },
    submission: {
      source: text.line(source),
      layout,
      components: roles.flatMap((role) => {
        const c = input.submission.components[role];
        if (!c) return [];
        return [c.source !== undefined ? { role, dir: '', source: text.line(c.source) } : { role, dir: text.line(c.dir) }];
      }),
      ...(compose !== undefined ? { compose: text.line(repositoryPath(input.submission.components, compose).path) } : {}),
    },
    mode: input.mode,
    startedAt: input.startedAt,
    durationMs: input.durationMs,
    status: runStatus(criteria, input.errors),
    ...(input.notices && input.notices.length > 0 ? { notices: input.notices.map(text.line) } : {}),
    score: { earned: sumPoints(graded.map((c) => c.earned)), possible: sumPoints(graded.map((c) => c.points)) },
    criteria,
    errors: input.errors.map((e) => ({ message: text.line(e.message), ...(e.where !== undefined ? { where: text.line(e.where) } : {}) })),
  };
}

/** Process exit code of a run: 0 pass, 1 fail, 3 error. */
export function exitCodeFor(report: Pick<Report, 'status'>): number {
  switch (report.status) {
    case 'pass':
      return 0;
    case 'fail':
      return 1;
    case 'error':
      return 3;
  }
}
