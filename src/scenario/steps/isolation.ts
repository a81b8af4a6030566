import type { Observation } from '../observation.js';
import type { IsolationSpec } from '../types.js';
import { hostName } from './connect.js';
import { bounded, driverGraceMs, type StepEnv } from './env.js';

/**
 * From a container outside the stack's network, no name resolves to a
 * container of the stack. A name the machine's own DNS answers elsewhere is
 * no leak: only addresses of the stack count (the driver reports those).
 */
export async function observeIsolation(spec: IsolationSpec, env: StepEnv): Promise<Observation> {
  const { limits, secrets } = env;
  const show = (s: string) => secrets.text(s, 100);
  const names = spec.names?.filter((n) => n !== '');
  const sent = { line: `from a container outside the stack's network, looking up ${names ? names.map((n) => `"${show(n)}"`).join(', ') : "the stack's names"}`, detail: [] };
  const odd = names?.filter((n) => !hostName.test(n)) ?? [];
  if (odd.length > 0 || (names && names.length === 0)) {
    const line = odd.length > 0 ? `${odd.map((n) => `"${show(n)}"`).join(', ')} is not a host name` : 'there is no name to look up';
    return { sent, got: line, gotDetail: [], unmet: [line] };
  }
  const a = await bounded('the outside lookups', limits.probeTimeoutMs + driverGraceMs, env.driver.isolation(names, { timeoutMs: limits.probeTimeoutMs }));
  if ('error' in a) {
    const line = `the outside container could not look names up: ${secrets.text(a.error, limits.lineChars)}`;
    return { sent, failure: { line }, got: line, gotDetail: [] };
  }
  if (a.lookups.length === 0) return { sent, failure: { line: 'the outside container gave no answer' }, got: 'no answer', gotDetail: [] };
  const only = a.network ? `only containers on ${show(a.network)} should` : "only the stack's own containers should";
  const unmet = a.lookups
    .filter((l) => l.leaked.length > 0)
    .map((l) => `a container outside the stack's network resolves "${show(l.name)}" to ${show(l.leaked.join(', '))}, a container of the stack; ${only}`);
  return { sent, got: `looked up ${a.lookups.length} name(s)`, gotDetail: a.lookups.map((l) => `"${show(l.name)}" → ${l.leaked.length > 0 ? show(l.leaked.join(', ')) : 'none of the stack'}`), unmet };
}
