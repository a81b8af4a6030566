import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { visibleLine } from '../model/visible-text.js';
import { parseYamlSource, yamlData } from '../parsers/yaml-source.js';
import { yamlLimits } from '../parsers/yaml-bounds.js';
import { packageRoot, profilePath } from '../paths.js';
import { schemaValidator } from '../validation/schema-validators.js';
import { courseProfile, type CoursePacks } from './course-profile.js';
import { meaningProblems, type CheckedProfile } from './meaning.js';
import type { AnyProfile, BaseProfile, Profile, RuntimeLimits } from './profile.js';

/** A profile that cannot be used; `problems` lists its problems one by one, each `file:line:col: message`, when it has such. */
export class ProfileError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

/** The profile file as the schema has checked it. */
interface ProfileFile extends CheckedProfile {
  id: string;
  name: string;
  version: 2;
  revision?: number;
  runtime: RuntimeLimits;
}

/**
 * Reads and validates a profile (YAML or JSON, version 2): its schema, then
 * its meaning (see meaning.ts). Every problem is listed, with line:column,
 * in one ProfileError. A profile with `packs` is a course profile (Rock of
 * Ages' checks read it as `Profile`); any other is graded from its roles.
 */
export function loadProfile(): Profile;
export function loadProfile(file: string): AnyProfile;
export function loadProfile(given?: string): AnyProfile {
  const file = given ?? profilePath('rock-of-ages');
  const text = readProfileText(file);
  const src = parseYamlSource(file, text);
  const { doc, lineCounter } = src;
  const at = positionIn(file, doc, lineCounter);
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => {
      const p = lineCounter.linePos(e.pos[0]);
      return `${file}:${p.line}:${p.col}: ${e.message.split('\n')[0]}`;
    });
    throw new ProfileError(`profile is not valid YAML:\n${lines.join('\n')}`, lines);
  }
  const read = yamlData(src);
  if ('error' in read) throw new ProfileError(`profile is not valid YAML: ${file}: ${read.error}`);
  const data = read.data;
  const old = oldFormVersion(data);
  if (old !== undefined) {
    const line =
      `${at(['version'])}: /version is ${old}: this profile is in the old form; rock-check reads version 2 ` +
      '(the README\'s "From the old profile form" says where each block goes)';
    throw new ProfileError(line, [line]);
  }
  const validate = schemaValidator('profile');
  if (!validate(data)) {
    const lines = (validate.errors ?? []).map((e) => {
      const path = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      const extra =
        e.keyword === 'additionalProperties'
          ? ` (${(e.params as { additionalProperty: string }).additionalProperty})`
          : e.keyword === 'const'
            ? `: ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`
            : '';
      return `${at(path)}: ${e.instancePath || '(root)'} ${e.message}${extra}`;
    });
    throw new ProfileError(`profile does not match schemas/profile.schema.json:\n${lines.join('\n')}`, lines);
  }
  const checked = data as ProfileFile;
  const { problems, scenario } = meaningProblems(checked);
  if (problems.length > 0) {
    const lines = problems.map((p) => `${at(p.path)}: ${p.message}`);
    throw new ProfileError(`profile is not consistent:\n${lines.join('\n')}`, lines);
  }
  const base: BaseProfile = {
    id: checked.id,
    name: checked.name,
    version: checked.revision ?? 1,
    stack: checked.stack,
    runtime: checked.runtime,
    criteria: checked.criteria,
    ...(scenario ? { scenario } : {}),
  };
  if (checked.packs !== undefined) return courseProfile(base, checked.packs as CoursePacks);
  if (given === undefined) throw new ProfileError(`${file}: the built-in Rock of Ages profile has no packs: block, so its course checks have nothing to read`);
  return { ...base, kind: 'roles' };
}

/** The version of a profile in the old form (no `stack`, a version other than 2), else undefined. */
function oldFormVersion(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const { version, stack } = data as { version?: unknown; stack?: unknown };
  return typeof version === 'number' && version !== 2 && stack === undefined ? version : undefined;
}

/** `file:line:col` of the value at a path, or of its nearest ancestor the file has (a value the loader supplies, such as the scenario's default roles). */
function positionIn(file: string, doc: Document.Parsed, lineCounter: LineCounter): (path: (string | number)[]) => string {
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number] } | undefined;
      if (node?.range) {
        const p = lineCounter.linePos(node.range[0]);
        return `${file}:${p.line}:${p.col}`;
      }
    }
    return `${file}:1:1`;
  };
}

/** The ids of the built-in profiles (profiles/*.yaml). */
export function builtinProfileIds(): string[] {
  return readdirSync(join(packageRoot, 'profiles'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/**
 * The file a `--profile` value names: a value without a slash and without a
 * .yaml, .yml or .json ending is a built-in profile's id (profiles/<id>.yaml);
 * anything else is a path, returned as given.
 */
export function profileFile(idOrPath: string): string {
  if (/[/\\]/.test(idOrPath) || /\.(ya?ml|json)$/i.test(idOrPath)) return idOrPath;
  const ids = builtinProfileIds();
  if (!ids.includes(idOrPath)) {
    throw new ProfileError(`no built-in profile '${visibleLine(idOrPath)}': the built-in profiles are ${ids.join(', ')} (or name a profile file, e.g. ./my-profile.yaml)`);
  }
  return profilePath(idOrPath);
}

/** A built-in profile by its id (rock-of-ages, friendlyhello-redis). */
export function builtinProfile(id: string): AnyProfile {
  if (/[/\\]/.test(id) || /\.(ya?ml|json)$/i.test(id)) throw new ProfileError(`'${visibleLine(id)}' is a path, not a built-in profile's id (${builtinProfileIds().join(', ')})`);
  return loadProfile(profileFile(id));
}

/**
 * The profile's text: a regular file of at most 1 MiB, read without blocking
 * (a FIFO or device named as the profile is refused before it is opened, and
 * opened without waiting for a writer should it be swapped in between).
 */
function readProfileText(file: string): string {
  const fail = (why: string) => new ProfileError(`cannot read profile ${file}: ${why}`);
  const limit = yamlLimits.maxBytes;
  const check = (st: { isFile(): boolean; size: number }) => {
    if (!st.isFile()) throw fail('it is not a regular file (a folder, device or FIFO); name a .yaml file');
    if (st.size > limit) throw fail(`it is larger than ${limit / 1024 / 1024} MiB; a profile is a few kilobytes`);
  };
  let fd: number;
  try {
    check(statSync(file));
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if (e instanceof ProfileError) throw e;
    throw fail((e as Error).message);
  }
  try {
    check(fstatSync(fd));
    const buf = Buffer.alloc(limit + 1);
    let got = 0;
    for (let n = 1; n > 0 && got <= limit; got += n) n = readSync(fd, buf, got, limit + 1 - got, null);
    if (got > limit) throw fail(`it is larger than ${limit / 1024 / 1024} MiB; a profile is a few kilobytes`);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, got));
    } catch {
      throw fail('it is not UTF-8 text');
    }
  } finally {
    closeSync(fd);
  }
}

let cached: Profile | undefined;
/** The built-in rock-of-ages profile, loaded once. */
export function defaultProfile(): Profile {
  cached ??= loadProfile();
  return cached;
}
