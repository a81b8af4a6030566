import './reaper-off.js';
import { randomBytes } from 'node:crypto';
import { interruptedBy } from '../cleanup/interrupted.js';
import { emitProgress, onProgress, type ProgressEvent } from '../progress/events.js';
import { takeIn, type IntakeRequest } from '../intake/index.js';
import type { Submission } from '../model/submission.js';
import type { AnyProfile } from '../profile/profile.js';
import { buildReport } from '../report/build.js';
import type { Report } from '../report/report.js';
import { validateReport } from '../report/validate.js';
import { runSuites } from '../runner/run-suites.js';
import { submissionNotices } from '../rules/submission-notices.js';

export interface GradeRequest {
  /** Absolute paths or git URLs, as `rock-check <target>` / `--api` / `--client` take them. */
  source: IntakeRequest;
  profile: AnyProfile;
  mode: 'static' | 'full';
  keepImages?: boolean;
  /** Defaults to a fresh random id; every Docker object of the run carries it. */
  runId?: string;
  /** Told each step as it happens: taking the submission in, building, starting, each criterion checked. */
  onProgress?: (e: ProgressEvent) => void;
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
  const runId = req.runId ?? randomBytes(6).toString('hex');
  using _listening = listen(runId, req.onProgress);
  emitProgress({ runId, step: 'intake', detail: intakeLabel(req.source) });
  await using intake = await takeIn(req.source, { profile: req.profile });
  const images = req.mode === 'full' ? await imagePreflight(intake.submission, req.profile) : undefined;
  const run = await runSuites({
    submission: intake.submission,
    profile: req.profile,
    mode: req.mode,
    runId,
    options: { keepImages: req.keepImages ?? false },
    unavailableImages: images?.unavailable,
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
    errors: [...(images?.errors ?? []), ...run.errors],
    notices: submissionNotices(intake.submission, req.profile),
  });
  const problems = validateReport(report);
  return problems.length > 0 ? { kind: 'invalid-report', problems } : { kind: 'report', report };
}

/** The images a full grade needs, present or fetched before anything is built (runtime-only code, loaded only then). */
async function imagePreflight(submission: Submission, profile: AnyProfile) {
  const [{ preflightImages }, { dockerClient }] = await Promise.all([import('../../helpers/stack/images.js'), import('../cleanup/docker-client.js')]);
  const docker = await dockerClient().catch(() => undefined);
  return docker ? preflightImages(docker, submission, profile) : { unavailable: [], errors: [] };
}

function listen(runId: string, listener: ((e: ProgressEvent) => void) | undefined): Disposable {
  const off = listener ? onProgress(runId, listener) : () => undefined;
  return { [Symbol.dispose]: off };
}

function intakeLabel(source: IntakeRequest): string {
  const targets = [source.target, source.api, source.client].filter((t): t is string => t !== undefined);
  const urls = targets.filter((t) => /^[a-z][a-z0-9+.-]*:|^[^/]+@[^/]+:/i.test(t));
  return urls.length > 0 ? `cloning ${urls.join(' and ')}` : 'reading the submission';
}
