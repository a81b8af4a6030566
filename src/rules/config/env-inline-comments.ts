import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import type { ConfigInput } from './input.js';
import { findingOf, shortName } from './report-finding.js';
import { needsEnvFiles } from './requires.js';

export const envInlineComments = defineRule<ConfigInput>({
  id: 'RC-CF010',
  title: 'Env file values free of inline comments',
  severity: 'error',
  docs:
    'docker run --env-file takes everything after the "=" literally: DB_PORT=5432  # default port sets DB_PORT to ' +
    '"5432  # default port" and the api cannot connect. Put comments on their own lines in .env, .env.local, .env.example ' +
    'and every env_file a compose file uses.',
  requires: needsEnvFiles,
  check({ envFiles, apiDir }): Finding[] {
    return envFiles.flatMap((f) => {
      const name = shortName(f.path, apiDir);
      return (f.parsed?.entries ?? []).flatMap((e) =>
        e.inlineComment
          ? [
              findingOf(
                envInlineComments,
                f.path,
                e.inlineComment,
                `${e.key} has an inline comment, which docker run --env-file keeps as part of the value; move the comment to its own line in ${name}`,
              ),
            ]
          : [],
      );
    });
  },
});
