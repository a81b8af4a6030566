import type { Finding } from '../../model/finding.js';
import { dictDisplays, type PyExpr } from '../../parsers/python-source.js';
import { defineRule } from '../rule.js';
import type { ConfigInput } from './input.js';
import { findingOf, shortName } from './report-finding.js';
import { needsPostgresSettings } from './requires.js';
import { findEnvRead } from './settings-env-read.js';

/** sslmode values that refuse a server without SSL. */
const NEEDS_SSL = new Set(['require', 'verify-ca', 'verify-full']);
/** sslmode values that connect to a server without SSL. */
const WITHOUT_SSL = new Set(['disable', 'allow', 'prefer']);

export const localSslmode = defineRule<ConfigInput>({
  id: 'RC-CF011',
  name: 'rock-of-ages/local-sslmode',
  title: 'Local runs set sslmode to disable',
  severity: 'error',
  docs:
    "Settings that read sslmode from the environment with a default of 'require' (os.getenv('SSLMODE', 'require')) are " +
    'right for RDS, but a local PostgreSQL container has no SSL: the local environment must set SSLMODE=disable, or the ' +
    'api cannot reach the database. Checked in what the api gets locally: the compose file\'s api service (environment ' +
    'and env_file) or, without a compose file, the .env.local (else .env) that docker run --env-file reads. Not applicable ' +
    'to an api repository with neither: it holds no local environment to judge.',
  notApplicable: ({ localEnv, apiFolder, profile }) =>
    localEnv ? undefined : `no compose file and no ${profile.env.localFiles.join(' or ')} in ${apiFolder}: there is no local environment to judge`,
  requires: (input) => needsPostgresSettings(input) ?? input.localEnv?.blocked,
  check({ settings, profile, localEnv, apiDir }): Finding[] {
    if (!settings.parsed || !localEnv) return [];
    const out: Finding[] = [];
    for (const d of dictDisplays(settings.parsed)) {
      for (const e of d.entries) {
        if (e.key.kind !== 'string' || e.key.value.toLowerCase() !== 'sslmode') continue;
        const read = findEnvRead(e.value);
        const fallback = stringValue(read?.fallback);
        if (!read?.key || fallback === undefined || !NEEDS_SSL.has(fallback)) continue;
        const key = read.key;
        const set = localEnv.get(key);
        const value = set?.value?.trim();
        if (value !== undefined && WITHOUT_SSL.has(value.toLowerCase())) continue;
        const settingsAt = `${shortName(settings.path, apiDir)}:${read.pos.line}`;
        const cannot = 'the local PostgreSQL container has no SSL and the api cannot connect';
        const message =
          value === undefined
            ? `${localEnv.source} ${set === undefined ? 'does not set' : 'takes from the shell, unset,'} ${key}, so sslmode falls back to '${fallback}' (${settingsAt}): ${cannot}; add ${key}=disable to ${localEnv.addTo}`
            : `${localEnv.source} sets ${key} to ${/^[\w-]{1,20}$/.test(value) ? `'${value}'` : 'a value other than disable'}: ${cannot}; set ${key}=disable here`;
        const at = set?.where.line !== undefined ? set.where : localEnv.where;
        out.push(
          findingOf(localSslmode, at.file ?? localEnv.where.file, at.line !== undefined ? { line: at.line, column: at.column ?? 1 } : undefined, message),
        );
      }
    }
    return out;
  },
});

function stringValue(e: PyExpr | undefined): string | undefined {
  return e?.kind === 'string' ? e.value : undefined;
}
