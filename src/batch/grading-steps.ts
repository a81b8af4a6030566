import type { ProgressEvent } from '../progress/events.js';
import { advance, newProgress, runningLine } from '../progress/steps.js';

/** Longest text a grading's row of the batch display shows. */
const WIDTH = 90;

/**
 * One grading's progress events, as its process reports them (one JSON
 * object each), read into the same steps as `rock-check` shows on a
 * terminal: each call returns the grading's row text (`building api ·
 * building client` while both build, `building client: Step 4/9 : RUN …`
 * once it builds alone), or undefined for a line that is not an event.
 */
export function gradingSteps(now: () => number = Date.now): (json: string) => string | undefined {
  let progress = newProgress(now());
  return (json) => {
    const e = progressEvent(json, now);
    if (!e) return undefined;
    progress = advance(progress, e);
    const text = runningLine(progress);
    return text.length <= WIDTH ? text : `${text.slice(0, WIDTH - 1)}…`;
  };
}

function progressEvent(json: string, now: () => number): ProgressEvent | undefined {
  let e: Partial<ProgressEvent>;
  try {
    e = JSON.parse(json) as Partial<ProgressEvent>;
  } catch {
    return undefined;
  }
  if (typeof e !== 'object' || e === null || typeof e.step !== 'string' || typeof e.detail !== 'string') return undefined;
  return {
    runId: '',
    step: e.step,
    detail: e.detail,
    ...(typeof e.line === 'string' ? { line: e.line } : {}),
    ...(typeof e.state === 'string' ? { state: e.state } : {}),
    ...(e.phase === 'begins' || e.phase === 'ends' ? { phase: e.phase } : {}),
    at: typeof e.at === 'number' ? e.at : now(),
  };
}
