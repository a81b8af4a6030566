import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradingSteps } from './grading-steps.js';
import { PROGRESS_MARK, type WorkerRequest, type WorkerResult } from './worker-protocol.js';

const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const workerPath = join(dirname(fileURLToPath(import.meta.url)), `grade-worker.${ext}`);

export interface RunningGrading {
  /** Ends with the worker's result, or an error result saying why there is none. */
  done: Promise<WorkerResult>;
  /** Forwards a signal to the grading (its cleanup runs, then it ends). */
  signal(signal: NodeJS.Signals): void;
}

/**
 * Starts one grading in a child process of its own (same Node, same loader
 * flags): gradeSubmission keeps process-wide state (signal handlers, the
 * cleanup registry, the interrupt flag, process.exitCode) and runs vitest,
 * so each grading gets a process, and a crash costs one row, not the batch.
 * The child is in its own process group: a terminal's Ctrl-C reaches the
 * batch alone, which forwards it once. `onStep` gets what it is doing, on
 * one line, each time it reports an event.
 */
export function startGrading(req: WorkerRequest, timeoutMs: number, onStep: (step: string) => void): RunningGrading {
  const child = spawn(process.execPath, [...process.execArgv, workerPath, JSON.stringify(req)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'pipe'],
    env: process.env,
  });
  let stderr = '';
  let partial = '';
  const steps = gradingSteps();
  child.stderr!.on('data', (b: Buffer) => {
    const text = partial + b.toString('utf8');
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith(PROGRESS_MARK)) {
        const text = steps(line.slice(PROGRESS_MARK.length));
        if (text !== undefined) onStep(text);
        continue;
      }
      stderr = (stderr + line + '\n').slice(-4000);
    }
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 60_000).unref();
  }, timeoutMs);
  const done = new Promise<WorkerResult>((resolve) => {
    child.on('error', (e) => resolve({ kind: 'error', reason: `rock-check could not start a grading: ${e.message}` }));
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      const result = await readFile(req.resultFile, 'utf8').then(
        (t) => JSON.parse(t) as WorkerResult,
        () => undefined,
      );
      await rm(req.resultFile, { force: true });
      if (timedOut) return resolve({ kind: 'error', reason: `the grading took longer than ${Math.round(timeoutMs / 1000)} s and was stopped` });
      if (result) return resolve(result);
      if (signal || code === 130 || code === 143) return resolve({ kind: 'interrupted', reason: `the grading ended by ${signal ?? `exit ${code}`}` });
      const last = stderr.trim().split('\n').slice(-1)[0] ?? '';
      resolve({ kind: 'error', reason: `rock-check's grading process failed (exit ${code})${last ? `: ${last.slice(0, 300)}` : ''}` });
    });
  });
  return {
    done,
    signal: (s) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(s);
    },
  };
}
