import { isAbsolute, relative, sep } from 'node:path';
import type Dockerode from 'dockerode';
import type { ContainerFacts } from '../../src/scenario/driver.js';
import { envMap, isNamedVolume } from '../stack/compose-project-containers.js';
import type { RuntimeInfo } from '../stack/runtime-info.js';
import { lastHealthCheckRun } from './health-check-run.js';

const HEALTH = new Set(['healthy', 'unhealthy', 'starting']);

/**
 * What a scenario may check of a running container. A volume is named as
 * RC-RT014 decides (Compose's `<project>_<key>`); the course's `docker run`
 * commands make no named volume. A bind mount's source is shown relative to
 * the copy of the submission the stack runs from.
 */
export async function containerFacts(docker: Dockerode, containerId: string, runtime: RuntimeInfo): Promise<ContainerFacts> {
  const container = docker.getContainer(containerId);
  const info = await container.inspect();
  const status = info.State.Health?.Status ?? 'none';
  const project = runtime.compose?.projectName;
  const healthCheck = lastHealthCheckRun(info.State.Health);
  return {
    health: HEALTH.has(status) ? (status as ContainerFacts['health']) : 'none',
    ...(healthCheck ? { healthCheck } : {}),
    uid: await mainUid(container, info),
    env: envMap(info.Config.Env ?? []),
    mounts: info.Mounts.map((m) => ({
      destination: m.Destination,
      type: m.Type,
      ...(m.Name ? { name: m.Name } : {}),
      ...(m.Type === 'bind' ? { source: shownSource(m.Source, runtime) } : {}),
      rw: m.RW,
      ...(m.Type === 'volume' && m.Name ? { named: project !== undefined && isNamedVolume(m.Name, project) } : {}),
    })),
    ports: portsOf(info),
  };
}

/**
 * The uid the main process runs as, from the engine's process list (an
 * entrypoint may drop root after starting); else the image's numeric USER;
 * else unknown.
 */
async function mainUid(container: Dockerode.Container, info: Dockerode.ContainerInspectInfo): Promise<number | null> {
  try {
    const top = (await container.top({ ps_args: '-o pid,uid' })) as { Titles: string[]; Processes: string[][] };
    const pid = top.Titles.indexOf('PID');
    const uid = top.Titles.indexOf('UID');
    const main = top.Processes.find((p) => Number(p[pid]) === info.State.Pid);
    if (main && /^\d+$/.test(main[uid] ?? '')) return Number(main[uid]);
  } catch {
    // Some engines list no processes: fall back on the configured user.
  }
  const m = /^(\d+)(?::|$)/.exec(info.Config.User ?? '');
  return m ? Number(m[1]) : null;
}

function portsOf(info: Dockerode.ContainerInspectInfo): ContainerFacts['ports'] {
  const published = info.NetworkSettings.Ports ?? {};
  const keys = new Set([...Object.keys(info.Config.ExposedPorts ?? {}), ...Object.keys(published)]);
  return [...keys]
    .map((key) => {
      const [port, protocol = 'tcp'] = key.split('/');
      return { container: Number(port), protocol, published: (published[key]?.length ?? 0) > 0 };
    })
    .sort((a, b) => a.container - b.container || a.protocol.localeCompare(b.protocol));
}

function shownSource(source: string, runtime: RuntimeInfo): string {
  const dir = runtime.compose?.dir;
  if (!dir) return source;
  const rel = relative(dir, source);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? source : rel.split(sep).join('/');
}
