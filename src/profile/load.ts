import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { profilePath, schemaPath } from '../paths.js';
import type { Profile } from './profile.js';

export class ProfileError extends Error {}

/**
 * Reads and validates a profile (YAML or JSON). Every schema error is listed,
 * with line:column, in one ProfileError.
 */
export function loadProfile(file: string = profilePath('rock-of-ages')): Profile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ProfileError(`cannot read profile ${file}: ${(e as Error).message}`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => {
      const p = lineCounter.linePos(e.pos[0]);
      return `${file}:${p.line}:${p.col}: ${e.message.split('\n')[0]}`;
    });
    throw new ProfileError(`profile is not valid YAML:\n${lines.join('\n')}`);
  }
  const data = doc.toJS();
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath('profile.schema.json'), 'utf8')));
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

let cached: Profile | undefined;
/** The built-in rock-of-ages profile, loaded once. */
export function defaultProfile(): Profile {
  cached ??= loadProfile();
  return cached;
}
