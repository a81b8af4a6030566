import { looksLikeHostPath } from '../../compose/host-paths.js';
import { locate } from '../../compose/input.js';
import { interpolate } from '../../compose/interpolate.js';
import { serviceMounts } from '../../compose/service-data.js';
import { cascade, needRoleService } from '../needs.js';
import { quoted, reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';

type Params = { role: string; path: string };

export const composeNamedVolume: RoleCheck<Params> = {
  name: 'compose/named-volume',
  docs:
    "The role's data directory is a named volume (volumes: [\"db-data:/var/lib/postgresql/data\"] with db-data: under " +
    'the top-level volumes:) rather than a folder of the project: Docker creates and owns it, with the permissions the ' +
    "server needs on any machine, and it stays out of the project's folder and out of git. A mounted folder keeps the " +
    'data too; this is advice.',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['role', 'path'],
    properties: { role: { type: 'string', minLength: 1 }, path: { type: 'string', pattern: '^/' } },
  },
  check(facts, params, ctx) {
    const found = needRoleService(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const { compose, name, service } = found.ok;
    const target = trimSlash(params.path);
    const mounts = serviceMounts(service, ['services', name], (s) => looksLikeHostPath(interpolate(s, compose.variables).value)).filter(
      (m) => m.target !== undefined && trimSlash(interpolate(m.target, compose.variables).value) === target,
    );
    const shown = `service ${quoted(name)} (${params.role})`;
    if (mounts.some((m) => m.kind === 'volume')) return [];
    const bind = mounts.find((m) => m.kind === 'bind');
    if (bind === undefined) return cascade(ctx, compose.file, `${shown} mounts no named volume or folder of the project at ${params.path}`, 'compose/data-mount', params.role).verdict;
    const volume = `${params.role}-data`;
    return [
      reporter(ctx)(
        locate(compose, bind.sourcePath),
        `${shown} keeps ${params.path} in the folder ${quoted(bind.source ?? '')} of the project; a named volume is managed by Docker, with the owner and permissions the server needs, and stays out of the project and out of git: ` +
          `volumes: ["${volume}:${params.path}"] under the service and ${volume}: under the top-level volumes:`,
      ),
    ];
  },
};

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}
