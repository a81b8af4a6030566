import type { Finding } from '../../model/finding.js';
import { redact } from '../../model/redact.js';
import { defineRule } from '../rule.js';
import { ignoreFact } from './ignore-facts.js';
import type { ConfigInput } from './input.js';
import { findingOf, shortName } from './report-finding.js';
import { disclosedSecret } from './secret-values.js';

export const committedEnvSecrets = defineRule<ConfigInput>({
  id: 'RC-CF003',
  name: 'rock-of-ages/no-committed-env-secrets',
  title: 'No env file with secrets committed',
  severity: 'error',
  docs:
    '.env and .env.local hold real passwords and must never be committed: anyone who can read the repository can read the ' +
    'database password, and it stays in the git history. Commit only .env.example with placeholder values. Applies when the ' +
    'api folder is a git repository; with no env file at all, nothing is committed and the criterion holds.',
  check(input): Finding[] {
    const { envFiles, apiDir, profile } = input;
    return envFiles
      .filter((f) => f.roles.includes('local') && f.file.git?.tracked === true && f.parsed)
      .flatMap((f) => {
        const name = shortName(f.path, apiDir);
        const fix = fixFor(input, f.path, name);
        return f.parsed!.entries.flatMap((e) => {
          const disclosed = disclosedSecret(e.key, e.value, profile);
          if (disclosed === undefined) return [];
          const what = disclosed.inUrl ? `a password in ${e.key} (${redact(disclosed.secret)})` : `${e.key}=${redact(disclosed.secret)}`;
          return [findingOf(committedEnvSecrets, f.path, e.valuePos, `${name} is committed to git and holds ${what}; ${fix}`)];
        });
      });
  },
});

/** What to do, from what the .gitignore does with the file: never "keep it ignored" when it is not. */
function fixFor(input: ConfigInput, path: string, name: string): string {
  const untrack = `remove it from the repository (git rm --cached ${name})`;
  switch (ignoreFact(input, path).kind) {
    case 'ignored':
      return `${untrack}; .gitignore already covers it, so it stays out once removed; change the password`;
    case 'no-gitignore':
      return `${untrack}, add a .gitignore with the line ${name} and change the password`;
    case 'unreadable-gitignore':
      return `${untrack}, rewrite .gitignore as text with the line ${name} and change the password`;
    case 'not-ignored':
      return `${untrack}, make .gitignore cover it (see RC-CF005) and change the password`;
  }
}
