import type { Observation } from '../observation.js';
import type { ConnectSpec } from '../types.js';
import { bounded, driverGraceMs, type StepEnv } from './env.js';

export const hostName = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})$/;

/** From inside one role: each name resolves to the other role's container, and its port accepts. */
export async function observeConnect(spec: ConnectSpec, env: StepEnv): Promise<Observation> {
  const { limits, secrets } = env;
  const { from, to, port } = spec;
  const show = (s: string) => secrets.text(s, 100);
  const names = spec.names?.filter((n) => n !== '');
  const sent = {
    line: `from ${from}, looking up ${names ? names.map((n) => `"${show(n)}"`).join(', ') : `the names of ${to}`}${port ? ` and connecting to port ${port}` : ''}`,
    detail: [],
  };
  const odd = names?.filter((n) => !hostName.test(n)) ?? [];
  if (odd.length > 0) {
    const line = `${odd.map((n) => `"${show(n)}"`).join(', ')} is not a host name`;
    return { sent, got: line, gotDetail: [], unmet: [line] };
  }
  if (names && names.length === 0) {
    const line = `there is no name to look up (the names given are empty)`;
    return { sent, got: line, gotDetail: [], unmet: [line] };
  }
  const a = await bounded('a name lookup', limits.probeTimeoutMs + driverGraceMs, env.driver.connect(from, to, names, port, { timeoutMs: limits.probeTimeoutMs }));
  if ('error' in a) {
    const line = `cannot look inside the ${from} container: ${secrets.text(a.error, limits.lineChars)}`;
    return { sent, failure: { line }, got: line, gotDetail: [] };
  }
  if (a.lookups.length === 0) {
    const line = `the ${to} container has no name to look up`;
    return { sent, got: line, gotDetail: [], unmet: [line] };
  }
  const unmet = a.lookups.flatMap((l): string[] => {
    const name = `"${show(l.name)}"`;
    const addresses = show(l.addresses.join(', '));
    if (l.tool === undefined) return [`inside ${from}, ${name} could not be looked up: the image has none of the tools to resolve a name with`];
    if (l.addresses.length === 0) return [`inside ${from}, ${name} does not resolve (${show(l.tool)})`];
    if (!l.reachesTarget) return [`inside ${from}, ${name} resolves to ${addresses}, not to the ${to} container`];
    if (port && l.accepts === false) return [`inside ${from}, ${name} resolves to the ${to} container but port ${port} refuses connections (${show(l.connectTool ?? '')})`];
    if (port && l.accepts === undefined) return [`inside ${from}, ${name} resolves to the ${to} container, but the image has no tool to open a connection to port ${port} with`];
    return [];
  });
  const got = a.lookups.map((l) => `"${show(l.name)}" → ${l.addresses.length > 0 ? show(l.addresses.join(', ')) : 'nothing'}${l.accepts === true ? ' (accepts)' : ''}`).join('; ');
  return { sent, got: `found ${got}`, gotDetail: [], unmet };
}
