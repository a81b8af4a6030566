import { appendFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { join, posix } from 'node:path';
import { ExitCode } from '../cli/io.js';
import { gradeSubmission } from '../grade/grade-submission.js';
import { IntakeError } from '../intake/index.js';
import { loadProfile, profileFile, ProfileError } from '../profile/load.js';
import { exitCodeFor } from '../report/build.js';
import { commandData, runErrorCommands, verdictNotice } from '../report/formats/github.js';
import { writeReports } from '../report/formats/index.js';
import type { Report } from '../report/report.js';
import { readInputs, ActionInputError } from './action-inputs.js';
import { actionOutputs } from './action-outputs.js';
import { selectAnnotations } from './annotation-budget.js';
import { stepSummary } from './step-summary.js';

export interface ActionIo {
  env: Record<string, string | undefined>;
  stdout(text: string): void;
}

/** Findings' paths as the repository's, when the graded folder is a subfolder of the workspace. */
function underPrefix(report: Report, prefix: string): Report {
  if (prefix === '') return report;
  return { ...report, criteria: report.criteria.map((c) => ({ ...c, findings: c.findings.map((f) => ({ ...f, file: posix.join(prefix, f.file) })) })) };
}

/**
 * The Action's grading step: grades through the one entry point, writes the
 * reports into the report folder, the Markdown summary to
 * $GITHUB_STEP_SUMMARY, the outputs to $GITHUB_OUTPUT, and as many
 * annotations as GitHub shows. Returns the step's exit code.
 */
export async function runAction(io: ActionIo): Promise<number> {
  const error = (message: string) => io.stdout(`::error title=rock-check::${commandData(message)}\n`);
  let inputs;
  try {
    inputs = readInputs(io.env);
  } catch (e) {
    if (!(e instanceof ActionInputError)) throw e;
    error(e.message);
    return ExitCode.usage;
  }
  const reportDir = join(io.env.RUNNER_TEMP ?? io.env.GITHUB_WORKSPACE ?? process.cwd(), 'rock-check');
  let report: Report;
  try {
    const outcome = await gradeSubmission({
      source: { target: inputs.target, api: inputs.api, client: inputs.client },
      profile: inputs.profile === undefined ? loadProfile() : loadProfile(profileFile(inputs.profile)),
      mode: inputs.static ? 'static' : 'full',
    });
    if (outcome.kind === 'interrupted') return 128 + constants.signals[outcome.signal];
    if (outcome.kind === 'invalid-report') {
      error(`internal error: the report does not match its schema: ${outcome.problems.join('; ')}`);
      return ExitCode.internal;
    }
    report = outcome.report;
  } catch (e) {
    if (e instanceof IntakeError || e instanceof ProfileError) {
      error(e.message);
      return ExitCode.usage;
    }
    error(`internal error: ${(e as Error).message}`);
    return ExitCode.internal;
  }
  await writeReports(report, reportDir, ['json', 'junit', 'markdown', 'github']);
  const placed = underPrefix(report, inputs.annotationPrefix);
  const selection = selectAnnotations(placed);
  if (inputs.annotations) {
    const lines = [...runErrorCommands(placed), ...selection.shown.map((a) => a.line), verdictNotice(placed)];
    io.stdout(`${lines.join('\n')}\n`);
  }
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) await appendFile(summaryFile, stepSummary(placed, inputs.annotations ? selection : { ...selection, hidden: { error: 0, warning: 0 } }, join(reportDir, 'rock-check.json')), 'utf8');
  const outputFile = io.env.GITHUB_OUTPUT;
  if (outputFile) await appendFile(outputFile, actionOutputs(report, reportDir), 'utf8');
  return inputs.failOn === 'never' ? ExitCode.pass : exitCodeFor(report);
}
