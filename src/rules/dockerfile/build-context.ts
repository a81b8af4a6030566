import dockerignoreModule from '@balena/dockerignore';
import { posix } from 'node:path';
import type { Position } from '../../model/finding.js';
import { shownPath } from '../../model/repository-path.js';
import type { Submission, SubmissionFile } from '../../model/submission.js';
import { parseEnvFile } from '../../parsers/env-file.js';
import type { Profile } from '../../profile/profile.js';
import { disclosedSecret } from '../config/secret-values.js';

/** An env file of the build context that holds a real secret. */
export interface ContextSecret {
  /** Relative to the submission root. */
  path: string;
  /** Relative to the build context (the component folder), as .dockerignore patterns see it. */
  inContext: string;
  key: string;
  secret: string;
  pos: Position;
  /** Tracked by git (true), not tracked (false), or not a git work tree (undefined). */
  tracked?: boolean;
}

/** What `docker build <component folder>` sends to the builder, as far as the rules need it. */
export interface BuildContext {
  secrets: ContextSecret[];
  /** The context's .dockerignore, when it is there and text. */
  dockerignore?: { path: string; ignores(inContext: string): boolean };
  /** A file the builder is sent (there and not dockerignored), by its path in the context. */
  file(inContext: string): ContextFile | undefined;
}

export interface ContextFile {
  /** Relative to the submission root. */
  path: string;
  /** How messages name it: its path in its own repository. */
  shown: string;
  file: SubmissionFile;
}

// A CommonJS package: its function is module.exports, also exported as .default.
const dockerignore = dockerignoreModule.default;

const EXAMPLE_NAME = /\.(example|sample|template|dist)$/;

export function buildContextOf(sub: Submission, profile: Profile, dir: string): BuildContext {
  const prefix = dir === '' ? '' : `${dir}/`;
  const secrets: ContextSecret[] = [];
  for (const path of Object.keys(sub.files).sort()) {
    if (!path.startsWith(prefix)) continue;
    const base = posix.basename(path);
    if ((base !== '.env' && !base.startsWith('.env.')) || base === profile.env.exampleFile || EXAMPLE_NAME.test(base)) continue;
    const file = sub.files[path];
    if (file.text === undefined) continue;
    for (const e of parseEnvFile(path, file.text).entries) {
      const disclosed = disclosedSecret(e.key, e.value, profile);
      if (!disclosed) continue;
      secrets.push({ path, inContext: path.slice(prefix.length), key: e.key, secret: disclosed.secret, pos: e.valuePos, tracked: file.git?.tracked });
      break;
    }
  }
  const ignorePath = `${prefix}.dockerignore`;
  const text = sub.files[ignorePath]?.text;
  const ig = text === undefined ? undefined : dockerignore({ ignorecase: false }).add(text.split(/\r?\n/));
  const file = (inContext: string): ContextFile | undefined => {
    const path = `${prefix}${inContext}`;
    const found = sub.files[path];
    return found && !ig?.ignores(inContext) ? { path, shown: shownPath(sub.components, path), file: found } : undefined;
  };
  return { secrets, file, ...(ig ? { dockerignore: { path: ignorePath, ignores: (p: string) => ig.ignores(p) } } : {}) };
}
