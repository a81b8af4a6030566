import { markerFolder } from '../../../facts/marker-folder.js';
import type { RoleFacts } from '../../../facts/role-facts.js';
import { visibleLine } from '../../../model/visible-text.js';
import type { Finding } from '../../../model/finding.js';
import { joinPath } from '../../../model/submission.js';
import type { RoleProfile, RoleSpec } from '../../../profile/profile.js';
import { locate, type ComposeInput } from '../../compose/input.js';
import { imageRepository } from '../../compose/roles.js';
import { buildContext } from '../../compose/service-data.js';
import { needCompose, roleSpec } from '../needs.js';
import { quoted, reporter } from '../report.js';
import type { CheckContext, RoleCheck } from '../role-check.js';

export const composeRolesPresent: RoleCheck<{ roles: string[] }> = {
  name: 'compose/roles-present',
  docs:
    'Every role of the assignment is played by a service of the compose file, under whatever name you give it: a role ' +
    'the assignment builds (the web app) is built from the folder holding its code (build: .), a role that runs a ' +
    'published image (Redis) runs that image (image: redis:7).',
  params: { type: 'object', additionalProperties: false, required: ['roles'], properties: { roles: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } } } },
  check(facts, params, ctx) {
    const compose = needCompose(facts, ctx);
    if (!('ok' in compose)) return compose.verdict;
    return params.roles.flatMap((role) => roleProblems(facts, compose.ok, role, ctx));
  },
};

function roleProblems(facts: RoleFacts, compose: ComposeInput<RoleProfile>, role: string, ctx: CheckContext): Finding[] {
  const spec = roleSpec(ctx.profile, role);
  const report = reporter(ctx);
  const name = facts.roles[role]?.service;
  if (name === undefined) {
    if (spec.optional) return [];
    return [report(locate(compose, ['services'], true), `no service plays ${role}; add a service for it and ${wanted(spec, facts, compose)}`)];
  }
  const service = compose.services[name];
  const shown = `service ${quoted(name)} (${role})`;
  if (spec.match.image !== undefined) {
    const image = typeof service.image === 'string' ? service.image : undefined;
    if (image !== undefined && imageRepository(image) === spec.match.image) return [];
    const runs = image === undefined ? (service.build !== undefined ? 'builds its own image' : 'names no image') : `runs the image ${quoted(image)}`;
    return [report(locate(compose, image === undefined ? ['services', name] : ['services', name, 'image'], image === undefined), `${shown} ${runs}; run the ${spec.match.image} image: ${imageExample(spec)}`)];
  }
  const context = buildContext(service);
  if (context === undefined) {
    return [report(locate(compose, ['services', name], true), `${shown} is not built from the submission; ${wanted(spec, facts, compose)}`)];
  }
  const folder = facts.roles[role]?.folder;
  const markers = spec.match.markers ?? [];
  if (folder === undefined || markers.length === 0 || markers.some((m) => compose.files[joinPath(folder, m)] !== undefined)) return [];
  const at = typeof service.build === 'string' ? ['services', name, 'build'] : ['services', name, 'build', 'context'];
  return [report(locate(compose, at), `${shown} is built from ${quoted(context)}, which holds no ${markers.join(' or ')}; ${wanted(spec, facts, compose)}`)];
}

/** What the service of a role should be, for messages. */
function wanted(spec: RoleSpec, facts: RoleFacts, compose: ComposeInput<RoleProfile>): string {
  if (spec.match.image !== undefined) return `run the ${spec.match.image} image (${imageExample(spec)})`;
  const markers = spec.match.markers ?? [];
  const folder = markerFolder(facts.submission.files, spec.match);
  if (folder === undefined) return `build it from the folder holding ${markers.join(' or ') || 'its code'} (build: <folder>)`;
  const rel = relativeTo(compose.dir, folder);
  return `build it from the folder holding ${markers.join(' or ')} (build: ${visibleLine(rel)})`;
}

function imageExample(spec: RoleSpec): string {
  const tag = spec.run?.image.startsWith(`${spec.match.image}:`) ? spec.run.image : `${spec.match.image}:<version>`;
  return `image: ${tag}`;
}

/** `folder` as a build context written in a compose file that lies in `dir`. */
function relativeTo(dir: string, folder: string): string {
  const from = dir === '' ? [] : dir.split('/');
  const to = folder === '' ? [] : folder.split('/');
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  const parts = [...from.slice(common).map(() => '..'), ...to.slice(common)];
  return parts.length === 0 ? '.' : parts[0] === '..' ? parts.join('/') : `./${parts.join('/')}`;
}
