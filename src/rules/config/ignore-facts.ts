import { isIgnored, matchesAsFolder, type IgnorePattern } from '../../parsers/gitignore.js';
import type { ConfigInput, EnvFileInput } from './input.js';
import { shortName } from './report-finding.js';
import { disclosedSecret } from './secret-values.js';

/** What the api repository's .gitignore does with one file, as git would decide it. */
export type IgnoreFact =
  | { kind: 'ignored' }
  | { kind: 'no-gitignore' }
  | { kind: 'unreadable-gitignore' }
  /** Not ignored; `reIncludedBy` is a `!pattern` that undoes an ignore, `folderOnly` a `name/` pattern that only matches folders. */
  | { kind: 'not-ignored'; reIncludedBy?: IgnorePattern; folderOnly?: IgnorePattern };

/** `path` is relative to the submission root; the .gitignore is the api folder's. */
export function ignoreFact({ gitignore, apiDir }: Pick<ConfigInput, 'gitignore' | 'apiDir'>, path: string): IgnoreFact {
  if (!gitignore.file) return { kind: 'no-gitignore' };
  if (!gitignore.parsed) return { kind: 'unreadable-gitignore' };
  const name = shortName(path, apiDir);
  const verdict = isIgnored(gitignore.parsed, name);
  if (verdict.ignored) return { kind: 'ignored' };
  if (verdict.decidedBy) return { kind: 'not-ignored', reIncludedBy: verdict.decidedBy };
  const folderOnly = gitignore.parsed.patterns.find((p) => p.dirOnly && !p.negated && matchesAsFolder(p, name));
  return { kind: 'not-ignored', ...(folderOnly ? { folderOnly } : {}) };
}

/** Env files of the api folder that hold local values with a real secret (not a placeholder): what must never reach git. */
export function secretEnvFiles({ envFiles, apiDir, profile }: Pick<ConfigInput, 'envFiles' | 'apiDir' | 'profile'>): EnvFileInput[] {
  const inApi = (p: string) => apiDir === '' || p.startsWith(`${apiDir}/`);
  return envFiles.filter(
    (f) =>
      inApi(f.path) &&
      f.roles.some((r) => r !== 'example') &&
      (f.parsed?.entries ?? []).some((e) => disclosedSecret(e.key, e.value, profile) !== undefined),
  );
}
