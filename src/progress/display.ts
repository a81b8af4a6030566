import type { ProgressEvent } from './events.js';
import { advance, newProgress, plainEndLine, plainLine, renderLive, type GradingProgress } from './steps.js';

export interface ProgressSink {
  write(text: string): void;
  /** The terminal's width, when it is one. */
  columns?: number;
}

export interface ProgressDisplay {
  onEvent(e: ProgressEvent): void;
  /** Clears the live lines (before the report is printed) and stops redrawing. */
  close(): void;
}

/**
 * On a terminal: the steps redrawn in place about ten times a second. In a log:
 * one line per step as it begins, and one more as it ends for a step that ran
 * beside others. Either way it writes to the sink (stderr), so the report on
 * stdout stays clean.
 */
export function progressDisplay(sink: ProgressSink, mode: 'live' | 'lines', now: () => number = Date.now): ProgressDisplay {
  let progress: GradingProgress = newProgress(now());
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  const clear = () => {
    if (drawn > 0) sink.write(`\u001b[${drawn}F\u001b[J`);
    drawn = 0;
  };
  const draw = () => {
    const lines = renderLive(progress, now(), (sink.columns ?? 80) - 1);
    clear();
    sink.write(`${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  return {
    onEvent(e) {
      const before = progress.steps;
      progress = advance(progress, e);
      if (mode === 'lines') {
        for (const [i, step] of progress.steps.entries()) {
          if (i >= before.length) sink.write(`${plainLine(progress, step)}\n`);
          else if (step.endsItself && step.endedAt !== undefined && before[i].endedAt === undefined) sink.write(`${plainEndLine(progress, { ...step, endedAt: step.endedAt })}\n`);
        }
        return;
      }
      timer ??= setInterval(draw, 100).unref();
      draw();
    },
    close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (mode === 'live') clear();
    },
  };
}
