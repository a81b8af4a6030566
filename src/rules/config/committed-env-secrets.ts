import type { Finding } from '../../model/finding.js';
import { redact } from '../../model/redact.js';
import { defineRule } from '../rule.js';
import type { ConfigInput } from './input.js';
import { findingOf, shortName } from './report-finding.js';
import { disclosedSecret } from './secret-values.js';

export const committedEnvSecrets = defineRule<ConfigInput>({
  id: 'RC-CF003',
  title: 'No env file with secrets committed',
  severity: 'error',
  docs:
    '.env and .env.local hold real passwords and must never be committed: anyone who can read the repository can read the ' +
    'database password, and it stays in the git history. Commit only .env.example with placeholder values. Applies when the ' +
    'api folder is a git repository.',
  check({ envFiles, apiDir, profile }): Finding[] {
    return envFiles
      .filter((f) => f.roles.includes('local') && f.file.git?.tracked === true && f.parsed)
      .flatMap((f) => {
        const name = shortName(f.path, apiDir);
        return f.parsed!.entries.flatMap((e) => {
          const disclosed = disclosedSecret(e.key, e.value, profile);
          if (disclosed === undefined) return [];
          const what = disclosed.inUrl ? `a password in ${e.key} (${redact(disclosed.secret)})` : `${e.key}=${redact(disclosed.secret)}`;
          return [
            findingOf(
              committedEnvSecrets,
              f.path,
              e.valuePos,
              `${name} is committed to git and holds ${what}; remove it from the repository (git rm --cached ${name}), keep it in .gitignore and change the password`,
            ),
          ];
        });
      });
  },
});
