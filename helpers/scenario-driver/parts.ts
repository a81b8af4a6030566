import type Dockerode from 'dockerode';
import { hostPortOf, projectContainers } from '../stack/compose-project-containers.js';
import type { ComponentRuntime, Role, RuntimeInfo } from '../stack/runtime-info.js';

/** A container of the booted stack, as the runtime description gives a component. */
export type StackPart = Omit<ComponentRuntime, 'role'>;

/** What plays a scenario role. */
export type RoleBinding =
  /** One of the parts the stack builder booted and waited for (database, api, client). */
  | { component: Role }
  /** Another service of the compose file, found by its Compose label; `port`: the container port to reach (default: the first published). */
  | { service: string; port?: number }
  /** The submission legitimately has none (an api repository without a client). */
  | { absent: string };

/** The part of a compose service, read from its container; undefined when it has none (or the stack is not a compose project). */
export async function servicePart(docker: Dockerode, runtime: RuntimeInfo, service: string, port?: number): Promise<StackPart | undefined> {
  if (!runtime.compose) return undefined;
  const container = (await projectContainers(docker, runtime.compose.projectName)).get(service);
  if (!container) return undefined;
  const info = await container.inspect();
  return partFrom(info, runtime, { service, names: serviceNames(info, service), port: port ?? firstPublished(info) });
}

/** Every container of the stack: the compose project's, or the booted components'. */
export async function stackParts(docker: Dockerode, runtime: RuntimeInfo): Promise<StackPart[]> {
  if (!runtime.compose) return Object.values(runtime.components).filter((c): c is ComponentRuntime => !!c?.containerId);
  const out: StackPart[] = [];
  for (const [service, container] of await projectContainers(docker, runtime.compose.projectName)) {
    const info = await container.inspect().catch(() => undefined);
    if (info) out.push(partFrom(info, runtime, { service, names: serviceNames(info, service) }));
  }
  return out;
}

/** A part as its container is now (after a restart or a recreate, its id, address and host port may change). */
export function partFrom(info: Dockerode.ContainerInspectInfo, runtime: RuntimeInfo, base: { service?: string; names: string[]; port?: number }): StackPart {
  const networks = info.NetworkSettings.Networks ?? {};
  const network = (runtime.network ? networks[runtime.network] : undefined) ?? Object.values(networks)[0];
  const running = info.State.Running && !info.State.Restarting;
  return {
    ...(base.service ? { service: base.service } : {}),
    containerId: info.Id,
    containerName: info.Name.replace(/^\//, ''),
    image: info.Config.Image,
    names: base.names,
    address: network?.IPAddress || undefined,
    port: base.port,
    hostPort: base.port === undefined ? undefined : hostPortOf(info, base.port),
    ready: running,
    ...(running ? {} : { problem: info.State.Status === 'exited' ? `it exited with code ${info.State.ExitCode}` : `it is ${info.State.Status}` }),
  };
}

/** The service's name, then its aliases on the stack's networks (Docker's short container id left out). */
function serviceNames(info: Dockerode.ContainerInspectInfo, service: string): string[] {
  const aliases = Object.values(info.NetworkSettings.Networks ?? {}).flatMap((n) => n.Aliases ?? []);
  return [...new Set([service, ...aliases.filter((a) => !/^[0-9a-f]{12}$/.test(a))])];
}

function firstPublished(info: Dockerode.ContainerInspectInfo): number | undefined {
  const published = Object.entries(info.NetworkSettings.Ports ?? {})
    .filter(([key, bindings]) => key.endsWith('/tcp') && (bindings?.length ?? 0) > 0)
    .map(([key]) => Number.parseInt(key, 10));
  return published.sort((a, b) => a - b)[0];
}
