/** Process-wide (the grading suites load their own copy of the cleanup modules): the signal that interrupted a grading run. */
const INTERRUPTED = Symbol.for('rock-check.interrupted');
const slot = globalThis as Record<symbol, NodeJS.Signals | undefined>;

export function interruptedBy(): NodeJS.Signals | undefined {
  return slot[INTERRUPTED];
}

export function recordInterrupt(signal: NodeJS.Signals): void {
  slot[INTERRUPTED] = signal;
}
