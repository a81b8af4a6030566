import type { PathSegment } from '../../parsers/yaml-source.js';
import { classifyReference, resolveReference, type HostPathKind, type PathContext } from './host-paths.js';
import type { ComposeDocument } from './hostile-documents.js';
import { followedFiles } from './hostile-documents.js';
import { envFileRefs, isMapping } from './service-data.js';

/**
 * Every setting of a compose document that makes Docker read a file or a
 * folder of the machine it runs on, other than mounts: build contexts,
 * Dockerfiles, additional contexts, SSH keys and local caches of builds,
 * env files, secret and config files, included and extended files.
 */
export interface PathReference {
  written: string;
  /** Folder `written` is relative to. */
  from: string;
  path: PathSegment[];
  /** e.g. `service "api"`, `secret "key"`. */
  owner: string;
  /** e.g. `builds from the context`. */
  what: string;
}

export function pathReferences(doc: ComposeDocument, ctx: PathContext): PathReference[] {
  const out: PathReference[] = [];
  const add = (r: Omit<PathReference, 'from'> & { from?: string }) => out.push({ from: doc.dir, ...r });
  for (const [name, svc] of Object.entries(isMapping(doc.data.services) ? doc.data.services : {})) {
    if (!isMapping(svc)) continue;
    const owner = `service "${name}"`;
    const at = (...p: PathSegment[]) => ['services', name, ...p];
    buildReferences(svc.build, at('build'), owner, doc.dir, ctx, add);
    for (const ref of envFileRefs(svc, at())) add({ written: ref.written, path: ref.path, owner, what: 'reads the env_file' });
    const labelFiles = typeof svc.label_file === 'string' ? [svc.label_file] : Array.isArray(svc.label_file) ? svc.label_file : [];
    labelFiles.forEach((f, i) => {
      const path = typeof svc.label_file === 'string' ? at('label_file') : at('label_file', i);
      if (typeof f === 'string') add({ written: f, path, owner, what: 'reads the label_file' });
    });
  }
  for (const kind of ['secrets', 'configs'] as const) {
    for (const [name, def] of Object.entries(isMapping(doc.data[kind]) ? doc.data[kind] : {})) {
      if (isMapping(def) && typeof def.file === 'string') {
        add({ written: def.file, path: [kind, name, 'file'], owner: `${kind.slice(0, -1)} "${name}"`, what: 'is read from' });
      }
    }
  }
  for (const f of followedFiles(doc, ctx)) {
    add({ written: f.written, path: f.path, owner: f.joinsStack ? 'the compose file' : `service "${String(f.path[1])}"`, what: f.joinsStack ? 'includes' : 'extends a service of' });
  }
  (Array.isArray(doc.data.include) ? doc.data.include : []).forEach((item, i) => {
    if (!isMapping(item)) return;
    if (typeof item.project_directory === 'string') {
      add({ written: item.project_directory, path: ['include', i, 'project_directory'], owner: 'the compose file', what: 'includes with the project directory' });
    }
    const envFiles = typeof item.env_file === 'string' ? [item.env_file] : Array.isArray(item.env_file) ? item.env_file : [];
    envFiles.forEach((e, j) => {
      const p = typeof item.env_file === 'string' ? ['include', i, 'env_file'] : ['include', i, 'env_file', j];
      if (typeof e === 'string') add({ written: e, path: p, owner: 'the compose file', what: 'includes with the env_file' });
    });
  });
  return out;
}

type AddReference = (r: Omit<PathReference, 'from'> & { from?: string }) => void;

/** Build settings that name host paths; the Dockerfile is relative to the context. */
function buildReferences(build: unknown, at: PathSegment[], owner: string, dir: string, ctx: PathContext, add: AddReference): void {
  if (typeof build === 'string') {
    add({ written: build, path: at, owner, what: 'builds from the context' });
    return;
  }
  if (!isMapping(build)) return;
  const context = typeof build.context === 'string' ? build.context : '.';
  if (typeof build.context === 'string') add({ written: context, path: [...at, 'context'], owner, what: 'builds from the context' });
  const contextDir = resolveReference(dir, context, ctx);
  if (typeof build.dockerfile === 'string' && contextDir !== undefined) {
    add({ written: build.dockerfile, from: contextDir, path: [...at, 'dockerfile'], owner, what: 'builds with the Dockerfile' });
  }
  for (const [key, value, path] of keyedEntries(build.additional_contexts, [...at, 'additional_contexts'])) {
    if (!/^(docker-image:\/\/|service:|target:)/.test(value)) add({ written: value, path, owner, what: `adds the build context "${key}" from` });
  }
  for (const [key, value, path] of keyedEntries(build.ssh, [...at, 'ssh'])) {
    if (value !== '') add({ written: value, path, owner, what: `gives its build the SSH key "${key}" from` });
  }
  for (const field of ['cache_from', 'cache_to'] as const) {
    const list = Array.isArray(build[field]) ? build[field] : [];
    list.forEach((item, i) => {
      const local = typeof item === 'string' ? localCachePath(item) : undefined;
      if (local !== undefined) add({ written: local, path: [...at, field, i], owner, what: `keeps a build cache (${field}) at` });
    });
  }
}

/**
 * `key=value` list items or `key: value` entries; a bare list item is a key
 * with an empty value (`ssh: [default]`).
 */
export function keyedEntries(v: unknown, at: PathSegment[]): [string, string, PathSegment[]][] {
  if (isMapping(v)) {
    return Object.entries(v).flatMap(([k, x]): [string, string, PathSegment[]][] => (typeof x === 'string' ? [[k, x, [...at, k]]] : []));
  }
  if (!Array.isArray(v)) return [];
  return v.flatMap((item, i): [string, string, PathSegment[]][] => {
    if (typeof item !== 'string') return [];
    const eq = item.indexOf('=');
    return [eq < 0 ? [item, '', [...at, i]] : [item.slice(0, eq), item.slice(eq + 1), [...at, i]]];
  });
}

/** The `src=` or `dest=` of a `type=local` cache, or a bare path. */
function localCachePath(spec: string): string | undefined {
  const fields = new Map(spec.split(',').map((f) => [f.split('=')[0].trim(), f.slice(f.indexOf('=') + 1)] as const));
  if (!spec.includes('=')) return undefined;
  if (fields.get('type') !== 'local') return undefined;
  return fields.get('src') ?? fields.get('dest') ?? '';
}

/** What a reference reaches, and the words for a refusal when it is not inside. */
export function referenceKind(r: PathReference, ctx: PathContext): HostPathKind {
  return classifyReference(r.from, r.written, ctx);
}

export function outsideWords(kind: HostPathKind): string {
  switch (kind) {
    case 'home':
      return "lies in the home folder of the machine that grades, outside the submission";
    case 'climbs-out':
      return 'climbs out of the submission';
    case 'variable':
      return "comes from a variable the .env beside the compose file does not set (rock-check never passes its own environment to Compose)";
    case 'remote':
      return 'is fetched from outside the submission';
    case 'link-out':
      return 'goes through a link that leads out of the submission';
    case 'docker-socket':
      return "is the Docker socket of the machine that grades";
    default:
      return 'is a path of the machine that grades, outside the submission';
  }
}
