import type { Finding } from '../../../model/finding.js';
import { classifyHostPath, looksLikeHostPath, resolveInside } from '../../compose/host-paths.js';
import { locate } from '../../compose/input.js';
import { interpolate } from '../../compose/interpolate.js';
import { isMapping, serviceMounts, type Mount } from '../../compose/service-data.js';
import { cascade, needRoleService, roleParams } from '../needs.js';
import { quoted, reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';

type MountType = 'volume' | 'bind';
type Params = { role: string; path: string; types?: MountType[] };

export const composeDataMount: RoleCheck<Params> = {
  name: 'compose/data-mount',
  docs:
    "The role keeps its data directory outside the container, so that it survives a new container: a named volume " +
    '(volumes: ["redis-data:/data"] with redis-data declared under the top-level volumes:) or a folder of the project ' +
    'mounted there (volumes: ["./data:/data"]), in short or long syntax. An anonymous volume is replaced with the container.',
  params: roleParams({ path: { type: 'string', pattern: '^/' }, types: { type: 'array', minItems: 1, items: { enum: ['volume', 'bind'] } } }, ['path']),
  check(facts, params, ctx) {
    const found = needRoleService(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const { compose, name, service } = found.ok;
    const report = reporter(ctx);
    const types = params.types ?? ['volume', 'bind'];
    const target = trimSlash(params.path);
    const withVars = (m: Mount): Mount => {
      if (typeof m.source !== 'string' || !m.source.includes('$')) return m;
      const source = interpolate(m.source, compose.variables);
      return source.missing.length > 0 ? m : { ...m, source: source.value, kind: m.kind === 'other' ? m.kind : looksLikeHostPath(source.value) ? 'bind' : 'volume' };
    };
    const mounts = serviceMounts(service, ['services', name], looksLikeHostPath)
      .map(withVars)
      .filter((m) => m.target !== undefined && trimSlash(interpolate(m.target, compose.variables).value) === target);
    const shown = `service ${quoted(name)} (${params.role})`;
    const example = examples(params.role, params.path, types);
    if (mounts.length === 0) {
      const at = service.volumes !== undefined ? ['services', name, 'volumes'] : ['services', name];
      return [report(locate(compose, at, true), `${shown} mounts nothing at ${params.path}, so its data is lost with the container; ${example}`)];
    }
    const out: Finding[] = [];
    const declared = isMapping(compose.data.volumes) ? compose.data.volumes : {};
    for (const m of mounts) {
      const at = locate(compose, m.sourcePath);
      if (m.kind === 'volume' && types.includes('volume')) {
        if (m.source !== undefined && Object.hasOwn(declared, m.source)) return [];
        const volume = quoted(m.source ?? '');
        return cascade(ctx, compose.file, `the volume ${volume} of ${shown} is not declared under the top-level volumes:`, 'compose/valid').verdict;
      }
      if (m.kind === 'bind' && types.includes('bind') && m.source !== undefined) {
        const kind = classifyHostPath(compose.dir, m.source);
        if (kind === 'inside' && resolveInside(compose.dir, m.source) !== undefined) return [];
        return cascade(ctx, compose.file, `${shown} mounts ${quoted(m.source)} at ${params.path}, outside the submission`, 'compose/host-safety').verdict;
      }
      out.push(report(at, `${shown} keeps ${params.path} in ${kindWords(m)}, which ${kindProblem(m, types)}; ${example}`));
    }
    return out;
  },
};

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

function kindWords(m: Mount): string {
  if (m.kind === 'anonymous') return 'an anonymous volume';
  if (m.kind === 'bind') return `a folder of the host (${quoted(m.source ?? '')})`;
  if (m.kind === 'volume') return `the named volume ${quoted(m.source ?? '')}`;
  return 'a mount that is neither a volume nor a folder of the project';
}

function kindProblem(m: Mount, types: MountType[]): string {
  if (m.kind === 'anonymous') return 'is replaced by a new empty one when the container is recreated';
  if (m.kind === 'other') return 'does not outlive the container';
  return `the assignment does not accept here (it wants ${types.map((t) => (t === 'volume' ? 'a named volume' : 'a mounted folder of the project')).join(' or ')})`;
}

function examples(role: string, path: string, types: MountType[]): string {
  const volume = `${role}-data`;
  const named = `mount a named volume there: volumes: ["${volume}:${path}"] under the service and ${volume}: under the top-level volumes:`;
  const bind = `mount a folder of the project there: volumes: ["./data:${path}"]`;
  return types.includes('volume') ? (types.includes('bind') ? `${named} (or ${bind.replace(/^mount /, '')})` : named) : bind;
}
