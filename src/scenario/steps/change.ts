import type { Observation } from '../observation.js';
import type { RecreateSpec, RoleRef } from '../types.js';
import { bounded, driverGraceMs, type StepEnv } from './env.js';

/** recreate / restart: the driver changes the role's container and waits until it is ready again. */
export async function observeChange(kind: 'recreate' | 'restart', spec: RecreateSpec | RoleRef, env: StepEnv): Promise<Observation> {
  const { limits, secrets, driver } = env;
  const limit = { timeoutMs: limits.changeTimeoutMs };
  const renew = kind === 'recreate' && (spec as RecreateSpec).renewAnonymousVolumes !== false;
  const sent = { line: kind === 'recreate' ? `recreating the ${spec.role} container${renew ? ' (anonymous volumes renewed)' : ''}` : `restarting the ${spec.role} container`, detail: [] };
  const a = await bounded(sent.line, limits.changeTimeoutMs + driverGraceMs, kind === 'recreate' ? driver.recreate(spec.role, { renewAnonymousVolumes: renew }, limit) : driver.restart(spec.role, limit));
  if ('error' in a) {
    const line = `it failed: ${secrets.text(a.error, limits.lineChars)}`;
    return { sent, failure: { line }, got: line, gotDetail: (a.detail ?? []).map((d) => secrets.text(d, limits.lineChars)) };
  }
  return { sent, got: 'done', gotDetail: [] };
}
