import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { parseYamlSource, yamlData } from '../parsers/yaml-source.js';
import { yamlLimits } from '../parsers/yaml-bounds.js';
import { profilePath } from '../paths.js';
import { schemaValidator } from '../validation/schema-validators.js';
import type { Profile } from './profile.js';

export class ProfileError extends Error {}

/**
 * Reads and validates a profile (YAML or JSON). Every schema error is listed,
 * with line:column, in one ProfileError.
 */
export function loadProfile(file: string = profilePath('rock-of-ages')): Profile {
  const text = readProfileText(file);
  const src = parseYamlSource(file, text);
  const { doc, lineCounter } = src;
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => {
      const p = lineCounter.linePos(e.pos[0]);
      return `${file}:${p.line}:${p.col}: ${e.message.split('\n')[0]}`;
    });
    throw new ProfileError(`profile is not valid YAML:\n${lines.join('\n')}`);
  }
  const read = yamlData(src);
  if ('error' in read) throw new ProfileError(`profile is not valid YAML: ${file}: ${read.error}`);
  const data = read.data;
  const validate = schemaValidator('profile');
  if (!validate(data)) {
    const lines = (validate.errors ?? []).map((e) => {
      const path = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
      const p = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
      const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : '';
      return `${file}:${p.line}:${p.col}: ${e.instancePath || '(root)'} ${e.message}${extra}`;
    });
    throw new ProfileError(`profile does not match schemas/profile.schema.json:\n${lines.join('\n')}`);
  }
  const profile = data as Profile;
  const seen = new Set<string>();
  for (const c of profile.criteria) {
    if (seen.has(c.id)) throw new ProfileError(`${file}: criterion ${c.id} is listed twice`);
    seen.add(c.id);
  }
  return profile;
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
