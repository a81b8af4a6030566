import type { Finding } from '../../../model/finding.js';
import { locate } from '../../compose/input.js';
import { isMapping } from '../../compose/service-data.js';
import { finalImageInstructions } from '../../dockerfile/stages.js';
import { needDockerfile, needRoleService, roleParams, roleSpec } from '../needs.js';
import { quoted, reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';
import { portEntries } from './port-specs.js';

type Params = { role: string; ports?: number[] };

export const composePublishedPortListens: RoleCheck<Params> = {
  name: 'compose/published-port-listens',
  docs:
    'The service publishes a port to the host, and each container port it publishes (the part after the colon in "3000:80", or target: in the long syntax) is ' +
    'one its server listens on: the ports its image EXPOSEs (the final stage of a multi-stage Dockerfile) or the port ' +
    'the assignment gives the role. A request to a published port nothing listens on is refused, whatever the host ' +
    'port. With ports, the container ports the role listens on are those.',
  params: roleParams({ ports: { type: 'array', minItems: 1, items: { type: 'integer', minimum: 1, maximum: 65535 } } }),
  check(facts, params, ctx) {
    const found = needRoleService(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const s = found.ok;
    const all = portEntries(s.service, ['services', s.name], s.compose.variables);
    const entries = all.filter((e) => e.tcp !== undefined && e.tcp.length > 0);
    let listens: number[];
    let source: string;
    if (params.ports) {
      listens = params.ports;
      source = `the assignment's ${params.role} listens on ${listens.join(', ')}`;
    } else {
      const spec = roleSpec(ctx.profile, params.role);
      listens = spec.port === undefined ? [] : [spec.port];
      source = `the ${params.role} listens on port ${spec.port}`;
      if (s.fact.folder !== undefined) {
        const df = needDockerfile(facts, params.role, ctx);
        if (!('ok' in df)) return df.verdict;
        const exposed = exposedPorts(df.ok.dockerfile.stages);
        listens = [...new Set([...exposed, ...listens])];
        if (exposed.length > 0) source = `its image listens on port ${exposed.join(', ')} (EXPOSE in ${df.ok.dockerfile.shown})`;
      }
      if (listens.length === 0) {
        const why = s.fact.folder === undefined ? `the image of ${params.role} declares no port` : 'its Dockerfile declares no port (EXPOSE) in the final stage';
        return [reporter(ctx)(locate(s.compose, ['services', s.name], true), `nothing says which port service ${quoted(s.name)} (${params.role}) listens on: ${why}; add EXPOSE <port> where its server listens`)];
      }
    }
    const report = reporter(ctx);
    const unreadable = all.filter((e) => e.tcp === undefined);
    if (entries.length === 0 && unreadable.length === 0) {
      const what = all.length === 0 ? 'publishes no port' : 'publishes no TCP port (only udp)';
      const at = all.length === 0 ? ['services', s.name] : ['services', s.name, 'ports'];
      return [
        report(
          locate(s.compose, at, true),
          `service ${quoted(s.name)} (${params.role}) ${what}, so nothing outside Docker reaches it: ${source}; publish that port: ports: ["${hostExample(listens[0])}:${listens[0]}"]`,
        ),
      ];
    }
    const out: Finding[] = unreadable
      .map((e) => report(locate(s.compose, e.path), `${quoted(e.written)} under the ports of service ${quoted(s.name)} (${params.role}) cannot be read as a port (a variable the .env next to the compose file does not set, or a typo); write the port it listens on, e.g. "${hostExample(listens[0])}:${listens[0]}"`));
    for (const e of entries) {
      const wrong = e.tcp!.filter((p) => !listens.includes(p));
      if (wrong.length === 0) continue;
      const to = listens[0];
      const item = (s.service.ports as unknown[])[e.path[e.path.length - 1] as number];
      const fix = isMapping(item) ? `target: ${to}` : quoted(fixedShort(e.written, wrong[0], to));
      out.push(
        report(
          locate(s.compose, e.path),
          `service ${quoted(s.name)} (${params.role}) publishes ${quoted(e.written)}, but nothing in the container listens on port ${wrong.join(', ')}: ${source}, so every request to that host port is refused; publish the port it listens on: ${fix}`,
        ),
      );
    }
    return out;
  },
};

/** A host port to suggest: the container port itself, except for the privileged ports below 1024. */
function hostExample(port: number): number {
  return port < 1024 ? 8080 : port;
}

/** Ports the final image declares with EXPOSE (TCP, single ports and ranges). */
function exposedPorts(stages: Parameters<typeof finalImageInstructions>[0]): number[] {
  const specs = finalImageInstructions(stages)
    .filter((i) => i.getKeyword() === 'EXPOSE')
    .flatMap((i) => i.getArguments().map((a) => a.getValue()));
  const ports: number[] = [];
  for (const spec of specs) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(\w+))?$/.exec(spec);
    if (!m || (m[3] !== undefined && m[3].toLowerCase() !== 'tcp')) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let p = from; p <= to && p - from <= 1000; p++) ports.push(p);
  }
  return ports;
}

/** `"3000:3000"` with its container port replaced: `"3000:80"`; the host part and protocol stay. */
function fixedShort(written: string, wrong: number, to: number): string {
  const [spec, protocol] = written.split('/');
  const colon = spec.lastIndexOf(':');
  const host = colon < 0 ? '' : spec.slice(0, colon + 1);
  const container = spec.slice(colon + 1);
  const replaced = /-/.test(container) ? String(to) : container.replace(String(wrong), String(to));
  const hostPart = host === '' ? `${wrong}:` : host;
  return `${hostPart}${replaced}${protocol === undefined ? '' : `/${protocol}`}`;
}
