import type { StackDriver } from '../driver.js';
import type { Limits } from '../limits.js';
import type { Secrets } from '../secrets.js';

/** What a step kind needs to run one attempt. */
export interface StepEnv {
  driver: StackDriver;
  limits: Limits;
  secrets: Secrets;
  auth: { header: string; scheme: string };
}

/** A driver call that must end: a driver that overruns its own bound by far is a driver failure (thrown). */
export async function bounded<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the stack driver did not finish ${what} within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Grace beyond a bound given to the driver, before the engine stops waiting for it. */
export const driverGraceMs = 5_000;

/** A text on one line, whitespace runs folded, for a message's single line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
