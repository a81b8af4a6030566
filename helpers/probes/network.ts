import { dockerClient } from '../../src/cleanup/docker-client.js';
import type { Finding } from '../../src/model/finding.js';
import { joinPath } from '../../src/model/submission.js';
import { envMap } from '../stack/compose-project-containers.js';
import { apiDir, finding, need, type ProbeContext } from './context.js';
import { probeNames, type NameProbe } from './exec.js';

function describeProbe(p: NameProbe | undefined, name: string): string {
  if (!p || p.tool === undefined) return `"${name}" could not be looked up (the image has none of getent, python, node or nslookup)`;
  if (!p.resolved) return `"${name}" does not resolve (${p.tool})`;
  return `"${name}" resolves to ${p.address} (${p.tool})`;
}

/** Where a finding about the api's view of the database points: the compose file, or the env file the api was run with. */
function apiConfigFile(ctx: ProbeContext): string {
  return ctx.runtime.mode === 'compose' ? ctx.runtime.stackFile : (ctx.runtime.env?.file ?? apiDir(ctx));
}

/** RC-RT011: inside the api container, the database's name resolves to the database container and its port accepts a connection. */
export async function apiReachesDatabase(ctx: ProbeContext): Promise<Finding[]> {
  const id = 'RC-RT011';
  const ready = need(ctx, id, ['api', 'database']);
  if (!ready.ok) return ready.findings;
  const { api, database } = ready.parts;
  const docker = await dockerClient();
  const hostKey = ctx.grading.profile.env.hostKey;
  const apiEnv = envMap((await docker.getContainer(api.containerId!).inspect()).Config.Env ?? []);
  const names = [...new Set([apiEnv[hostKey], database.names[0]].filter((n): n is string => !!n))];
  const port = database.port ?? ctx.grading.profile.database.port;
  const { probes, failure } = await probeNames(docker, api.containerId!, names, port);
  const file = apiConfigFile(ctx);
  if (failure) return [finding(id, file, `cannot look inside the api container: ${failure}`)];
  const findings: Finding[] = [];
  for (const name of names) {
    const p = probes.get(name);
    const label = name === apiEnv[hostKey] ? `${hostKey} "${name}"` : `the database's name "${name}"`;
    if (!p?.resolved || p.address !== database.address) {
      findings.push(
        finding(id, file, `inside the api container, ${describeProbe(p, name)}; expected ${label} to resolve to the database container (${database.address ?? 'unknown address'} on ${ctx.runtime.network})`),
      );
    } else if (p.connected === false) {
      findings.push(finding(id, file, `inside the api container, "${name}" resolves to ${p.address} but port ${port} refuses connections (${p.connectTool})`));
    } else if (p.connected === undefined) {
      findings.push(finding(id, file, `inside the api container, "${name}" resolves to ${p.address}, but the image has no tool to open a connection to port ${port} with (python, node, bash or nc)`));
    }
  }
  return findings;
}

/** RC-RT012: inside the client container, the api's names resolve to the api container. */
export async function clientReachesApi(ctx: ProbeContext): Promise<Finding[] | { notApplicable: string }> {
  const id = 'RC-RT012';
  const folder = ctx.grading.submission.components.client;
  const started = ctx.runtime.components.client;
  // A client the stack defines but could not build or start is not "no client": it cascades like the other criteria.
  if (!folder && !started) return { notApplicable: 'the submission has no client' };
  if (folder && !started && ctx.runtime.mode === 'network') {
    return [finding(id, joinPath(folder.dir, 'Dockerfile'), 'cannot be checked: the client has no Dockerfile, so no client container was started (see RC-DF001)')];
  }
  if (!started && ctx.runtime.mode === 'compose' && !ctx.runtime.boot.refused) {
    return [finding(id, ctx.runtime.stackFile, 'cannot be checked: the compose file starts no client service (see RC-CO006)')];
  }
  const ready = need(ctx, id, ['client', 'api']);
  if (!ready.ok) return ready.findings;
  const { client, api } = ready.parts;
  const docker = await dockerClient();
  const names = api.names.slice(0, 2);
  const { probes, failure } = await probeNames(docker, client.containerId!, names, api.port);
  const file = ctx.runtime.mode === 'compose' ? ctx.runtime.stackFile : joinPath(folder?.dir ?? '', 'Dockerfile');
  if (failure) return [finding(id, file, `cannot look inside the client container: ${failure}`)];
  return names.flatMap((name) => {
    const p = probes.get(name);
    if (p?.resolved && p.address === api.address) return [];
    return [finding(id, file, `inside the client container, ${describeProbe(p, name)}; expected it to resolve to the api container (${api.address ?? 'unknown address'})`)];
  });
}
