import type { PathSegment } from '../../parsers/yaml-source.js';

/**
 * Typed reads of a service's plain data. A compose file may be schema-invalid
 * when these run, so every read checks the shape it gets.
 */
export type Service = Record<string, unknown>;

/** A YAML mapping as plain data (not a list, not a Buffer from !!binary). */
export function isMapping(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** `true`, or the strings compose reads as true. */
export function isTrue(v: unknown): boolean {
  return v === true || (typeof v === 'string' && ['true', 'yes', 'on', '1'].includes(v.toLowerCase()));
}

export interface EnvironmentEntry {
  key: string;
  /** undefined when compose would take the value from the shell (`KEY` alone, or `KEY:` empty). */
  value: string | undefined;
  /** YAML path of the value (map form) or of the list item (list form). */
  path: PathSegment[];
}

/** `environment:` in map form or list form (`- KEY=value`). */
export function environmentEntries(service: Service, base: PathSegment[]): EnvironmentEntry[] {
  const env = service.environment;
  if (isMapping(env)) {
    return Object.entries(env).map(([key, v]) => ({ key, value: scalarText(v), path: [...base, 'environment', key] }));
  }
  if (Array.isArray(env)) {
    return env.flatMap((item, i) => {
      if (typeof item !== 'string') return [];
      const eq = item.indexOf('=');
      const key = eq < 0 ? item : item.slice(0, eq);
      return [{ key: key.trim(), value: eq < 0 ? undefined : item.slice(eq + 1), path: [...base, 'environment', i] }];
    });
  }
  return [];
}

export interface EnvFileRef {
  /** As written in the compose file. */
  written: string;
  required: boolean;
  /** YAML path of the written path. */
  path: PathSegment[];
}

/** `env_file:` as a string, a list of strings, or a list of `{path, required}`. */
export function envFileRefs(service: Service, base: PathSegment[]): EnvFileRef[] {
  const ef = service.env_file;
  const at = [...base, 'env_file'];
  if (typeof ef === 'string') return [{ written: ef, required: true, path: at }];
  if (!Array.isArray(ef)) return [];
  return ef.flatMap((item, i): EnvFileRef[] => {
    if (typeof item === 'string') return [{ written: item, required: true, path: [...at, i] }];
    if (isMapping(item) && typeof item.path === 'string') {
      const required = item.required === undefined ? true : !(item.required === false || item.required === 'false');
      return [{ written: item.path, required, path: [...at, i, 'path'] }];
    }
    return [];
  });
}

/** The build context as written (`build: dir` or `build.context`, default `.`), if the service builds. */
export function buildContext(service: Service): string | undefined {
  const b = service.build;
  if (typeof b === 'string') return b;
  if (isMapping(b)) return typeof b.context === 'string' ? b.context : '.';
  return undefined;
}

export interface Mount {
  kind: 'bind' | 'volume' | 'anonymous' | 'other';
  source?: string;
  target?: string;
  /** YAML path of the source (short syntax: the whole item). */
  sourcePath: PathSegment[];
  /** YAML path of the mount entry. */
  path: PathSegment[];
}

/** `volumes:` of a service in short (`src:dst[:mode]`) and long syntax. */
export function serviceMounts(service: Service, base: PathSegment[], isHostPath: (s: string) => boolean): Mount[] {
  const volumes = service.volumes;
  if (!Array.isArray(volumes)) return [];
  return volumes.flatMap((item, i): Mount[] => {
    const path = [...base, 'volumes', i];
    if (typeof item === 'string') {
      const drive = /^[A-Za-z]:[\\/]/.test(item) ? 2 : 0;
      const sep = item.indexOf(':', drive);
      if (sep < 0) return [{ kind: 'anonymous', target: item, sourcePath: path, path }];
      const source = item.slice(0, sep);
      const target = item.slice(sep + 1).split(':')[0];
      return [{ kind: isHostPath(source) ? 'bind' : 'volume', source, target, sourcePath: path, path }];
    }
    if (isMapping(item)) {
      const source = typeof item.source === 'string' ? item.source : undefined;
      const target = typeof item.target === 'string' ? item.target : undefined;
      const sourcePath = source === undefined ? path : [...path, 'source'];
      const kind = item.type === 'bind' ? 'bind' : item.type === 'volume' ? (source ? 'volume' : 'anonymous') : 'other';
      return [{ kind, source, target, sourcePath, path }];
    }
    return [];
  });
}
