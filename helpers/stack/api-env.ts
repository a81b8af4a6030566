import type { Finding } from '../../src/model/finding.js';
import { joinPath, type Submission } from '../../src/model/submission.js';
import type { Profile } from '../../src/profile/profile.js';
import { envRecord, readDockerEnvFile } from './env-file.js';

/**
 * The environment the api container gets in a network-mode run: what the
 * course's `docker run --env-file .env.local` gives it. The student's local
 * env file is used as written; only keys it lacks or leaves as placeholders
 * are supplied, so a wrong DB_HOST or SSLMODE of theirs is what gets graded.
 * An example file holds placeholders by purpose: its database keys are
 * replaced by the local run's values, its other keys kept.
 */
export interface ApiEnvPlan {
  /** Submission-relative path of the file read, when there is one. */
  file?: string;
  kind: 'local' | 'example' | 'none';
  env: Record<string, string>;
  /** Keys rock-check set, with why; values of secret keys are not recorded. */
  supplied: { key: string; value?: string; reason: 'missing' | 'placeholder' | 'example file' }[];
  /** Keys given without `=`: Docker would take them from the caller's shell; left unset. */
  passThrough: string[];
  /** `docker run` would refuse the file: the api cannot be started with it. */
  refusal?: Finding;
}

const PLACEHOLDER = [
  /^$/,
  /^<.*>$/,
  /^\$\{.*\}$/,
  /^\[.*\]$/,
  /\byour[_-]?/i,
  /change[_-]?me/i,
  /placeholder/i,
  /^x{3,}$/i,
  /^\*+$/,
  /^\.{3}$/,
  /^(todo|tbd|fixme|none|null|undefined)$/i,
];

export function isPlaceholder(value: string): boolean {
  const v = value.trim().replace(/^(['"])(.*)\1$/, '$2');
  return PLACEHOLDER.some((re) => re.test(v));
}

/** What a local run needs for each database key, keyed by env variable name. */
export function localRunValues(profile: Profile): Record<string, string> {
  const db = profile.database;
  const byRole: Record<string, string> = {
    NAME: db.name,
    USER: db.user,
    PASSWORD: db.password,
    HOST: db.alias,
    PORT: String(db.port),
  };
  const out: Record<string, string> = {};
  for (const [role, envKey] of Object.entries(profile.settings.keys)) {
    if (byRole[role] !== undefined) out[envKey] = byRole[role];
  }
  out[profile.env.sslmodeKey] = 'disable';
  return out;
}

export function planApiEnv(sub: Submission, profile: Profile): ApiEnvPlan {
  const api = sub.components.api;
  const dir = api?.dir ?? '';
  const pick = (names: string[]) =>
    names.map((n) => joinPath(dir, n)).find((p) => sub.files[p]?.text !== undefined);
  const localFile = pick(profile.env.localFiles);
  const exampleFile = localFile ? undefined : pick([profile.env.exampleFile]);
  const file = localFile ?? exampleFile;
  const kind: ApiEnvPlan['kind'] = localFile ? 'local' : exampleFile ? 'example' : 'none';

  const parsed = file ? readDockerEnvFile(sub.files[file].text ?? '') : { entries: [], passThrough: [] };
  const plan: ApiEnvPlan = {
    ...(file ? { file } : {}),
    kind,
    env: envRecord(parsed),
    supplied: [],
    passThrough: parsed.passThrough.map((p) => p.key),
  };
  if ('error' in parsed && parsed.error && file) {
    plan.refusal = {
      ruleId: 'RC-RT002',
      severity: 'error',
      file,
      line: parsed.error.line,
      column: 1,
      message: `docker run --env-file refuses this file: ${parsed.error.message}`,
      hint: 'write one KEY=value per line, with no spaces in the key and no `export` prefix',
    };
  }
  const secretKeys = new Set([profile.env.passwordKey]);
  for (const [key, value] of Object.entries(localRunValues(profile))) {
    const current = plan.env[key];
    let reason: ApiEnvPlan['supplied'][number]['reason'] | undefined;
    if (current === undefined) reason = 'missing';
    else if (kind === 'example') reason = 'example file';
    else if (isPlaceholder(current)) reason = 'placeholder';
    if (!reason) continue;
    plan.env[key] = value;
    plan.supplied.push({ key, ...(secretKeys.has(key) ? {} : { value }), reason });
  }
  return plan;
}
