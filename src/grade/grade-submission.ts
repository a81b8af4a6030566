import { randomBytes } from 'node:crypto';
import { interruptedBy } from '../cleanup/interrupted.js';
import { takeIn, type IntakeRequest } from '../intake/index.js';
import type { Profile } from '../profile/profile.js';
import { buildReport } from '../report/build.js';
import type { Report } from '../report/report.js';
import { validateReport } from '../report/validate.js';
import { runSuites } from '../runner/run-suites.js';
import { submissionNotices } from '../rules/submission-notices.js';

export interface GradeRequest {
  /** Absolute paths or git URLs, as `rock-check <target>` / `--api` / `--client` take them. */
  source: IntakeRequest;
  profile: Profile;
  mode: 'static' | 'full';
  keepImages?: boolean;
  /** Defaults to a fresh random id; every Docker object of the run carries it. */
  runId?: string;
}

export type GradeOutcome =
  | { kind: 'report'; report: Report }
  /** A signal arrived: the run was torn down and there is no grade. */
  | { kind: 'interrupted'; signal: NodeJS.Signals }
  /** rock-check's own report failed its schema: a fault of the grader, not the submission. */
  | { kind: 'invalid-report'; problems: string[] };

/**
 * The one grading entry point: intake, the suites, the report. The CLI, the
 * batch and CI integrations all call this and read the report it returns.
 * Intake and profile errors are thrown (IntakeError, ProfileError).
 */
export async function gradeSubmission(req: GradeRequest): Promise<GradeOutcome> {
  const started = Date.now();
  await using intake = await takeIn(req.source, { profile: req.profile });
  const run = await runSuites({
    submission: intake.submission,
    profile: req.profile,
    mode: req.mode,
    runId: req.runId ?? randomBytes(6).toString('hex'),
    options: { keepImages: req.keepImages ?? false },
  });
  const signal = interruptedBy();
  if (signal) return { kind: 'interrupted', signal };
  const report = buildReport({
    profile: req.profile,
    submission: intake.submission,
    mode: req.mode,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    outcomes: run.outcomes,
    errors: run.errors,
    notices: submissionNotices(intake.submission, req.profile),
  });
  const problems = validateReport(report);
  return problems.length > 0 ? { kind: 'invalid-report', problems } : { kind: 'report', report };
}
