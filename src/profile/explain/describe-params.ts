import type { RoleSpec } from '../profile.js';
import { listed } from '../init/draft-criteria.js';

type Params = Record<string, unknown>;
type Roles = Record<string, RoleSpec>;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const code = (s: string) => `\`${s}\``;

/** How a role is recognised, for a student: `web (the service built from the folder holding app.py, or named web or app)`. */
export function roleWords(role: string, spec: RoleSpec | undefined): string {
  if (!spec) return role;
  const { image, markers, folders, names } = spec.match;
  const by = [
    image ? `the service running the ${code(image)} image` : '',
    markers?.length ? `the service built from the folder holding ${listed(markers.map(code), 'or')}` : '',
    folders?.length ? `the service built from a folder named ${listed(folders.map(code), 'or')}` : '',
  ].filter((x) => x !== '');
  const named = names?.length ? `${by.length > 0 ? 'or ' : ''}the service named ${listed(names.map(code), 'or')}` : '';
  return `${role} (${[...by, named].filter((x) => x !== '').join(', ')})`;
}

/**
 * What a generic check's params ask of this assignment, in one sentence;
 * undefined for a check that takes none.
 */
export function describeParams(check: string, p: Params, roles: Roles): string | undefined {
  const role = typeof p.role === 'string' ? p.role : '';
  switch (check) {
    case 'dockerfile/present-and-parseable':
    case 'dockerfile/copy-not-add':
    case 'dockerfile/dependencies-before-source':
      return `Checked: the Dockerfile of ${role}.`;
    case 'dockerfile/base-image-supported': {
      const eol = Object.entries((p.endOfLife ?? {}) as Record<string, string[]>).map(([image, tags]) => `${code(image)} ${tags.join(', ')}`);
      return `Checked: the Dockerfile of ${role}${eol.length > 0 ? `; end-of-life versions: ${eol.join('; ')}` : ''}.`;
    }
    case 'image/exposes':
      return `The ${role} image must declare ${code(`EXPOSE ${list(p.ports).join(' ')}`)}.`;
    case 'image/env':
      return `The ${role} image must set ${listed(Object.entries((p.env ?? {}) as Record<string, string>).map(([k, v]) => code(`ENV ${k} ${v}`)))}.`;
    case 'image/command-runs':
      return `The ${role} image's command must run ${code(String(p.file))}.`;
    case 'python/requirements':
      return `The requirements.txt of ${role} must declare ${listed(list(p.packages).map(code))}.`;
    case 'compose/roles-present':
      return `The roles: ${list(p.roles).map((r) => roleWords(r, roles[r])).join('; ')}.`;
    case 'compose/published-ports': {
      const published = Object.entries((p.published ?? {}) as Record<string, number[]>).map(([r, ports]) => `${r} (container port ${ports.join(', ')})`);
      const kept = list(p.private);
      return [published.length > 0 ? `Published: ${listed(published)}.` : '', kept.length > 0 ? `Not published: ${listed(kept)}.` : ''].filter((x) => x !== '').join(' ');
    }
    case 'compose/shared-network':
      return `${listed(list(p.roles))} must share a network.`;
    case 'compose/command-args':
      return `The command of ${role} must pass ${code(list(p.args).join(' '))}.`;
    case 'compose/data-mount': {
      const types = list(p.types ?? ['volume', 'bind']).map((t) => (t === 'volume' ? 'a named volume' : 'a folder of the project'));
      return `${role} must mount ${types.join(' or ')} at ${code(String(p.path))}.`;
    }
    default:
      return undefined;
  }
}
