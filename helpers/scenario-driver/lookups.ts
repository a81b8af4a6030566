import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import type { ConnectAnswer, IsolationAnswer } from '../../src/scenario/driver.js';
import type { BaseProfile } from '../../src/profile/profile.js';
import { probeNames } from '../probes/exec.js';
import { outsideLookups, stackAddresses } from '../probes/outsider.js';
import { limitsOf } from '../stack/limits.js';
import type { RuntimeInfo } from '../stack/runtime-info.js';
import type { StackPart } from './parts.js';

/**
 * From inside `from`, the names looked up and a connection opened to `port`
 * with whatever the image has (the probes' NETWORK_PROBE); a name reaches
 * the target when it resolves to one of the target container's addresses.
 */
export async function lookupsFrom(docker: Dockerode, from: StackPart, to: StackPart, names: string[], port: number | undefined, timeoutMs: number): Promise<ConnectAnswer> {
  const targets = await stackAddresses([to]);
  const { probes, failure } = await probeNames(docker, from.containerId!, names, port, timeoutMs);
  if (failure) return { error: failure };
  return {
    lookups: names.map((name) => {
      const p = probes.get(name);
      const addresses = p?.resolved && p.address ? [p.address] : [];
      return {
        name,
        ...(p?.tool !== undefined ? { tool: p.tool } : {}),
        addresses,
        reachesTarget: addresses.some((a) => targets.has(a)),
        ...(port !== undefined && p?.connected !== undefined ? { accepts: p.connected, connectTool: p.connectTool } : {}),
      };
    }),
  };
}

/** From a container outside the stack's networks (the outsider probe), which names resolve to a container of the stack. */
export async function lookupsFromOutside(
  stack: StackPart[],
  names: string[],
  opts: { runtime: RuntimeInfo; profile: Pick<BaseProfile, 'runtime'>; network?: string; timeoutMs: number },
): Promise<IsolationAnswer> {
  if (names.length === 0) return { error: 'the stack has no container whose names could be looked up' };
  const lookups = await outsideLookups(stack, names, {
    image: opts.profile.runtime.probeImage,
    // Unique: isolation steps of criteria running at once each start their own.
    name: `rock-check-${opts.runtime.runId}-outsider-${randomBytes(3).toString('hex')}`,
    runId: opts.runtime.runId,
    limits: limitsOf(opts.profile),
    network: opts.network,
    timeoutMs: opts.timeoutMs,
  });
  return { lookups, ...(opts.runtime.network ? { network: opts.runtime.network } : {}) };
}

