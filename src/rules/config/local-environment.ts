import type { Finding } from '../../model/finding.js';
import { shownPath } from '../../model/repository-path.js';
import { joinPath, unreadableReason, type Submission } from '../../model/submission.js';
import { parseEnvFile } from '../../parsers/env-file.js';
import type { Profile } from '../../profile/profile.js';
import { composeDemanded, courseComposeFile, missingComposeReason } from '../compose/course-folder.js';
import { composeInput, locate } from '../compose/input.js';
import { needsComposeData } from '../compose/requires.js';
import type { Blocker } from '../rule.js';
import { serviceEnvironment } from '../compose/service-env.js';

type Where = Pick<Finding, 'file' | 'line' | 'column'>;

/** A variable of the api's local environment: its value (undefined when compose takes it from the shell) and where it is set. */
export interface LocalValue {
  value: string | undefined;
  where: Where;
}

/**
 * The environment the api container gets in local runs: the compose file's
 * api service (`env_file` and `environment`), or in the network layout the
 * local env file that `docker run --env-file` reads (`.env.local`).
 */
export interface LocalEnvironment {
  /** How it is set, for messages: "the compose service api" or "rock-of-ages-api/.env.local". */
  source: string;
  /** Where a missing variable belongs: the api service's key, or the env file. */
  where: Where;
  /** Where the student adds a variable, for hints. */
  addTo: string;
  get(key: string): LocalValue | undefined;
  /** Why it cannot be read: the compose file is missing, does not parse or has no api service; the env file is not text. */
  blocked?: Blocker;
}

function unreadable(file: string, blocked: Blocker): LocalEnvironment {
  return { source: file, where: { file }, addTo: file, get: () => undefined, blocked };
}

/**
 * Undefined when the submission legitimately has no local environment for
 * the api: no compose file and no local env file (.env.local, else .env),
 * outside the course folder, which must have its compose file.
 */
export function localEnvironment(sub: Submission, profile: Profile): LocalEnvironment | undefined {
  const api = sub.components.api;
  if (!api) return undefined;
  if (sub.compose) {
    const input = composeInput(sub, profile);
    const name = input.roles.api;
    const blocked = needsComposeData(input);
    if (blocked) return unreadable(input.file, blocked);
    if (!name) return unreadable(input.file, { file: input.file, reason: 'the compose file has no api service', see: 'RC-CO004' });
    const env = serviceEnvironment(input, name);
    const files = env.values.size > 0 ? [...new Set([...env.values.values()].map((v) => v.where.file))] : [];
    return {
      source: `the compose service ${name}`,
      where: locate(input, ['services', name], true),
      addTo: `the environment of service ${name} in ${input.file}${files.some((f) => f !== input.file) ? ` or ${files.filter((f) => f !== input.file).join(', ')}` : ''}`,
      get: (key) => {
        const v = env.values.get(key);
        return v ? { value: v.value, where: v.where } : undefined;
      },
    };
  }
  const path = profile.env.localFiles.map((name) => joinPath(api.dir, name)).find((p) => sub.files[p] !== undefined);
  if (path === undefined) {
    if (!composeDemanded(sub)) return undefined;
    return unreadable(courseComposeFile, { file: courseComposeFile, reason: missingComposeReason, see: 'RC-CO001' });
  }
  const file = sub.files[path];
  if (file.text === undefined) {
    return unreadable(path, { file: path, reason: `${shownPath(sub.components, path)} ${unreadableReason(file)}`, see: 'RC-CF010' });
  }
  const entries = parseEnvFile(path, file.text).entries;
  return {
    source: path,
    where: { file: path },
    addTo: path,
    get: (key) => {
      const e = entries.filter((x) => x.key === key).at(-1);
      // docker run --env-file reads everything after '=' as the value.
      return e ? { value: e.rawValue, where: { file: path, line: e.valuePos.line, column: e.valuePos.column } } : undefined;
    },
  };
}
