import { dockerClient } from '../../src/cleanup/docker-client.js';
import { runLabels } from '../../src/cleanup/labels.js';
import type { Finding } from '../../src/model/finding.js';
import { LimitedContainer } from '../stack/containers.js';
import { normalizeRef, unavailableReason } from '../stack/images.js';
import { limitsOf, type Limits } from '../stack/limits.js';
import type { ComponentRuntime } from '../stack/runtime-info.js';
import { finding, need, type ProbeContext } from './context.js';
import { execIn } from './exec.js';

/** One line per name: `LOOKUP <name> <exit code> <nslookup's output on one line>`; the lookups run at once. */
const LOOKUP_SCRIPT = `for n in "$@"; do (out=$(timeout 8 nslookup "$n" 2>&1); rc=$?; echo "LOOKUP $n $rc" $out) & done; wait`;

/**
 * The addresses each name resolved to, from the output of LOOKUP_SCRIPT: the
 * `Address` entries after nslookup's `Name:` (those before it are the DNS
 * server's own). A failed lookup resolves to nothing.
 */
export function parseLookups(output: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of output.split('\n')) {
    const m = /^LOOKUP (\S+) (\d+)(.*)$/.exec(line.trim());
    if (!m) continue;
    const [, name, rc, rest] = m;
    const answer = rest.indexOf('Name:');
    const addresses =
      rc !== '0' || answer < 0 ? [] : [...rest.slice(answer).matchAll(/Address(?: \d+)?:\s*([0-9a-fA-F.:]+)/g)].map((a) => a[1]);
    out.set(name, addresses);
  }
  return out;
}

/** Every name of the stack: each container's names and its own name. */
export function stackNames(components: Pick<ComponentRuntime, 'names' | 'containerName'>[]): string[] {
  return [...new Set(components.flatMap((c) => [...c.names, ...(c.containerName ? [c.containerName] : [])]))];
}

/** Every address the stack's containers have, on any of their networks. */
export async function stackAddresses(components: Pick<ComponentRuntime, 'address' | 'containerId'>[]): Promise<Set<string>> {
  const docker = await dockerClient();
  const out = new Set<string>();
  for (const c of components) {
    if (c.address) out.add(c.address);
    const info = await docker.getContainer(c.containerId!).inspect().catch(() => undefined);
    for (const net of Object.values(info?.NetworkSettings.Networks ?? {})) {
      if (net.IPAddress) out.add(net.IPAddress);
      if (net.GlobalIPv6Address) out.add(net.GlobalIPv6Address);
    }
  }
  return out;
}

/**
 * RC-RT013: a container outside the stack's network cannot resolve the
 * stack's names to the stack's containers. A name that the machine's own DNS
 * happens to answer (a campus search domain that knows "db") is no leak: only
 * an answer pointing at a container of the stack counts. `outsiderNetwork`
 * (Docker's default bridge unless given) is where the outside container runs.
 */
export async function outsideCannotResolve(ctx: ProbeContext, outsiderNetwork?: string): Promise<Finding[]> {
  const id = 'RC-RT013';
  const ready = need(ctx, id, ['database', 'api']);
  if (!ready.ok) return ready.findings;
  const running = Object.values(ctx.runtime.components).filter((c): c is ComponentRuntime => !!c?.containerId);
  const names = stackNames(running);
  const lacking = (ctx.grading.unavailableImages ?? []).filter((i) => i.ref === normalizeRef(ctx.grading.profile.runtime.probeImage));
  if (lacking.length > 0) throw new Error(unavailableReason(lacking));
  const lookups = await outsideLookups(running, names, {
    image: ctx.grading.profile.runtime.probeImage,
    name: `rock-check-${ctx.runtime.runId}-outsider`,
    runId: ctx.runtime.runId,
    limits: limitsOf(ctx.grading.profile),
    network: outsiderNetwork,
  });
  return lookups
    .filter(({ leaked }) => leaked.length > 0)
    .map(({ name, leaked }) =>
      finding(
        id,
        ctx.runtime.stackFile,
        `a container outside the stack's network resolves "${name}" to ${leaked.join(', ')}, a container of the stack; only containers on ${ctx.runtime.network ?? "the stack's network"} should`,
        'put the stack on a network of its own (Compose makes one per project) and do not attach its containers to networks other stacks share',
      ),
    );
}

/**
 * From a fresh container of `image` outside the stack's networks (on
 * `network`, Docker's default bridge unless given), the addresses of the
 * stack's containers each name resolves to. The container is removed before
 * this returns.
 */
export async function outsideLookups(
  stack: Pick<ComponentRuntime, 'address' | 'containerId'>[],
  names: string[],
  opts: { image: string; name: string; runId: string; limits: Limits; network?: string; timeoutMs?: number },
): Promise<{ name: string; leaked: string[] }[]> {
  const owned = await stackAddresses(stack);
  let outsider = new LimitedContainer(opts.image)
    .withName(opts.name)
    .withLabels(runLabels(opts.runId))
    .withLimits({ ...opts.limits, memoryMb: 64 })
    .withCommand(['sleep', '300']);
  if (opts.network) outsider = outsider.withNetworkMode(opts.network);
  const started = await outsider.start();
  try {
    const r = await execIn(await dockerClient(), started.getId(), ['sh', '-c', LOOKUP_SCRIPT, 'sh', ...names], opts.timeoutMs ?? 60_000);
    const lookups = parseLookups(r.output);
    if (lookups.size === 0) throw new Error(`the outside probe gave no answer: ${r.output.slice(0, 200)}`);
    return [...lookups].map(([name, addresses]) => ({ name, leaked: addresses.filter((a) => owned.has(a)) }));
  } finally {
    await started.stop({ remove: true, removeVolumes: true });
  }
}
