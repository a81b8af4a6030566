import type Dockerode from 'dockerode';
import { compose, type ComposeProject } from './compose-cli.js';

/**
 * `docker compose down --volumes`, then the anonymous volumes the project's
 * containers had: a container recreated without renewing them mounts them by
 * name, and `down` keeps those.
 */
export async function downWithVolumes(docker: Dockerode, project: ComposeProject): Promise<unknown> {
  const filters = JSON.stringify({ label: [`com.docker.compose.project=${project.projectName}`] });
  const containers = await docker.listContainers({ all: true, filters }).catch(() => []);
  const anonymous = containers.flatMap((c) => c.Mounts).filter((m) => m.Type === 'volume' && m.Name && !isNamedVolume(m.Name, project.projectName));
  // Nothing of the run is kept, so its containers are killed rather than given time to stop.
  const down = await compose(project, ['down', '--volumes', '--remove-orphans', '--timeout', '0'], { timeoutMs: 120_000 });
  for (const name of new Set(anonymous.map((m) => m.Name!))) await docker.getVolume(name).remove().catch(() => undefined);
  return down;
}

/** Compose names a project's named volume `<project>_<key>`; anonymous volumes get a bare hash. */
export function isNamedVolume(name: string, projectName: string): boolean {
  return name.startsWith(`${projectName}_`);
}

/** The first container of each service of the project, by service name. */
export async function projectContainers(docker: Dockerode, projectName: string): Promise<Map<string, Dockerode.Container>> {
  const list = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`com.docker.compose.project=${projectName}`] }) });
  const out = new Map<string, Dockerode.Container>();
  for (const c of list) {
    const service = c.Labels['com.docker.compose.service'];
    if (service && !out.has(service)) out.set(service, docker.getContainer(c.Id));
  }
  return out;
}

/** The host port Docker published a container port on (IPv4 first). */
export function hostPortOf(inspect: Dockerode.ContainerInspectInfo, port: number): number | undefined {
  const bindings = inspect.NetworkSettings.Ports?.[`${port}/tcp`] ?? [];
  const b = bindings.find((x) => !x.HostIp.includes(':')) ?? bindings[0];
  return b ? Number(b.HostPort) : undefined;
}

/** `KEY=value` entries of a container's environment as a map. */
export function envMap(env: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of env) {
    const eq = e.indexOf('=');
    if (eq > 0) out[e.slice(0, eq)] = e.slice(eq + 1);
  }
  return out;
}
