import type { Finding } from '../../model/finding.js';
import { unreadableReason } from '../../model/submission.js';
import { defineRule } from '../rule.js';
import type { ConfigInput } from './input.js';
import { findingOf, shortName } from './report-finding.js';
import { needsReadableExample, noEnvFile } from './requires.js';

export const envInlineComments = defineRule<ConfigInput>({
  id: 'RC-CF010',
  name: 'rock-of-ages/env-inline-comments',
  title: 'Env file values free of inline comments',
  severity: 'error',
  docs:
    'docker run --env-file takes everything after the "=" literally: DB_PORT=5432  # default port sets DB_PORT to ' +
    '"5432  # default port" and the api cannot connect. Put comments on their own lines in .env, .env.local, .env.example ' +
    'and every env_file a compose file uses. Not applicable when there is no env file at all (none in the api, none a compose file names).',
  notApplicable: noEnvFile,
  requires: needsReadableExample,
  check({ envFiles, envExample, apiDir }): Finding[] {
    return envFiles.flatMap((f) => {
      const name = shortName(f.path, apiDir);
      if (!f.parsed) {
        // An unreadable .env.example is RC-CF004's finding.
        if (f.path === envExample.path) return [];
        const message = `${name} ${unreadableReason(f.file)}: docker run --env-file and env_file read env files as plain UTF-8 text, one KEY=value per line`;
        return [findingOf(envInlineComments, f.path, undefined, message)];
      }
      return f.parsed.entries.flatMap((e) =>
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
