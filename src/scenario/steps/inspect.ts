import { isStandIn, secretName } from '../../model/redact.js';
import type { Observation } from '../observation.js';
import type { RoleRef } from '../types.js';
import { bounded, driverGraceMs, type StepEnv } from './env.js';

/** The container's facts (health, uid, env, mounts, ports) as the JSON expectations' document. */
export async function observeInspect(spec: RoleRef, env: StepEnv): Promise<Observation> {
  const { limits, secrets } = env;
  const sent = { line: `inspecting ${spec.role}`, detail: [] };
  const a = await bounded('inspecting a container', limits.probeTimeoutMs + driverGraceMs, env.driver.inspect(spec.role, { timeoutMs: limits.probeTimeoutMs }));
  if ('error' in a) {
    const line = `could not inspect it: ${secrets.text(a.error, limits.lineChars)}`;
    return { sent, failure: { line }, got: line, gotDetail: [] };
  }
  // Values the container's settings name as credentials are kept out of every message.
  const credentials = Object.entries(a.facts.env).filter(([k, v]) => secretName.test(k) && !isStandIn(v));
  for (const [, v] of credentials) secrets.add(v);
  const { health, uid, healthCheck } = a.facts;
  const cannotRun = health === 'unhealthy' && healthCheck?.cannotRun === true;
  const why = cannotRun ? ` (its HEALTHCHECK command cannot run: ${secrets.text(healthCheck.output, limits.lineChars)})` : '';
  return {
    sent,
    json: { value: a.facts },
    got: `showed health ${health}${why}, uid ${uid ?? 'unknown'}`,
    gotDetail: [`got facts ${secrets.value(a.facts, limits.detailChars)}`],
    secrets: credentials.map(([, v]) => v),
    ...(cannotRun ? { settled: true } : {}),
  };
}
