import { BoundPorts } from 'testcontainers';
import { dockerClient } from '../../src/cleanup/docker-client.js';
import type { Finding } from '../../src/model/finding.js';
import { compose } from '../stack/compose-cli.js';
import { isNamedVolume } from '../stack/compose-project-containers.js';
import { tailLines } from '../stack/container-logs.js';
import { databaseReady, NotReadyError } from '../stack/readiness.js';
import { finding, need, type ProbeContext } from './context.js';
import { rowCounts, withDatabase } from './db.js';

/**
 * RC-RT014 (compose only): the database container is recreated (anonymous
 * volumes renewed, named volumes kept, as `docker compose up
 * --force-recreate` after a `down` without -v) and the seeded rows are
 * still there.
 */
export async function dataSurvivesRecreate(ctx: ProbeContext): Promise<Finding[] | { notApplicable: string }> {
  const id = 'RC-RT014';
  if (ctx.runtime.mode !== 'compose') return { notApplicable: 'no compose file: the containers are run one by one' };
  const ready = need(ctx, id, ['database', 'api']);
  if (!ready.ok) return ready.findings;
  if (!ctx.runtime.compose) throw new Error('the compose project of the run is unknown');
  const { database } = ready.parts;
  const { profile } = ctx.grading;
  const file = ctx.runtime.stackFile;
  const tables = profile.tables.map((t) => t.table);
  const before = await withDatabase(ctx, (q) => rowCounts(q, tables));

  const docker = await dockerClient();
  const old = await docker.getContainer(database.containerId!).inspect();
  const dataDir = profile.database.dataDir;
  const mount = old.Mounts.find((m) => m.Destination === dataDir);
  const named = mount?.Type === 'volume' && mount.Name !== undefined && old.Config.Labels['com.docker.compose.project'] !== undefined && isNamedVolume(mount.Name, ctx.runtime.compose.projectName);

  const budgetMs = profile.runtime.bootTimeoutSeconds * 1000;
  const project = { file: ctx.runtime.compose.file, projectName: ctx.runtime.compose.projectName };
  const anonymous = old.Mounts.filter((m) => m.Type === 'volume' && m.Name !== undefined && !isNamedVolume(m.Name, project.projectName)).map((m) => m.Name!);
  const r = await compose(project, ['up', '--detach', '--no-deps', '--no-build', '--force-recreate', '--renew-anon-volumes', database.service!], { timeoutMs: budgetMs });
  // Renewed anonymous volumes no longer belong to any container, so `down --volumes` would miss them.
  for (const name of anonymous) await docker.getVolume(name).remove().catch(() => undefined);
  if (r.code !== 0) {
    return [finding(id, file, `recreating the database service "${database.service}" failed: ${tailLines(r.output, 1)[0] ?? 'no output'}`)];
  }
  const list = await docker.listContainers({
    all: true,
    filters: JSON.stringify({ label: [`com.docker.compose.project=${project.projectName}`, `com.docker.compose.service=${database.service}`] }),
  });
  const fresh = list[0] ? docker.getContainer(list[0].Id) : undefined;
  if (!fresh || list[0].Id === database.containerId) return [finding(id, file, `the database service "${database.service}" was not recreated`)];
  const info = await fresh.inspect();
  const hostPort = Number(info.NetworkSettings.Ports?.[`${database.port}/tcp`]?.[0]?.HostPort);
  try {
    const ports = new BoundPorts();
    ports.setBinding(database.port!, hostPort);
    await databaseReady(database.port!, budgetMs).waitUntilReady(fresh, ports);
  } catch (e) {
    if (!(e instanceof NotReadyError)) throw e;
    return [finding(id, file, `the recreated database did not start again: ${e.facts.cause}`, e.facts.logLines.slice(-10).join('\n'))];
  }
  const after = await withDatabase(ctx, (q) => rowCounts(q, tables), hostPort);
  const lost = tables.filter((t) => (before[t] ?? 0) > 0 && (after[t] ?? 0) < (before[t] ?? 0));
  if (lost.length === 0) return [];
  const counts = lost.map((t) => `${t} ${before[t]} → ${after[t] ?? 'missing'}`).join(', ');
  const where = mount ? (mount.Type === 'volume' ? (named ? `the named volume ${mount.Name}` : 'an anonymous volume') : `a ${mount.Type} mount`) : "the container's own filesystem";
  return [
    finding(
      id,
      file,
      `rows were lost when the database container was recreated (${counts}): ${dataDir} was on ${where}`,
      `mount a named volume on ${dataDir} in the database service, e.g. "postgres_data:${dataDir}", and declare it under the top-level volumes:`,
    ),
  ];
}
