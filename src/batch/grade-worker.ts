import { rename, writeFile } from 'node:fs/promises';
import { gradeSubmission } from '../grade/grade-submission.js';
import { IntakeError } from '../intake/index.js';
import { loadProfile, ProfileError } from '../profile/load.js';
import { onProgress } from '../progress/events.js';
import { PROGRESS_MARK, type WorkerRequest, type WorkerResult } from './worker-protocol.js';

/**
 * One grading in a process of its own, for the batch: the request in argv,
 * the outcome written to the request's result file. When the batch that
 * started it goes away (its end of stdin closes, as on SIGKILL), the
 * grading is interrupted like a Ctrl-C: its Docker objects are removed.
 */
const req = JSON.parse(process.argv[2] ?? '{}') as WorkerRequest;
process.stdin.on('close', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();
// Each event of the grading, for the batch's live display: one marked JSON line on stderr.
onProgress(req.runId, (e) => process.stderr.write(`${PROGRESS_MARK}${JSON.stringify(e)}\n`));

async function grade(): Promise<WorkerResult> {
  try {
    const profile = req.profileFile === undefined ? loadProfile() : loadProfile(req.profileFile);
    const outcome = await gradeSubmission({ source: req.source, profile, mode: req.mode, runId: req.runId });
    if (outcome.kind === 'report') return { kind: 'report', report: outcome.report };
    if (outcome.kind === 'interrupted') return { kind: 'interrupted', reason: `interrupted by ${outcome.signal}` };
    return { kind: 'error', reason: `rock-check's own report failed its schema: ${outcome.problems.slice(0, 3).join('; ')}` };
  } catch (e) {
    if (e instanceof IntakeError || e instanceof ProfileError) return { kind: 'error', reason: e.message };
    return { kind: 'error', reason: `rock-check internal error: ${String((e as Error).message ?? e).split('\n')[0]}` };
  }
}

const result = await grade();
await writeFile(`${req.resultFile}.part`, JSON.stringify(result));
await rename(`${req.resultFile}.part`, req.resultFile);
process.stdin.destroy();
process.exit(0);
