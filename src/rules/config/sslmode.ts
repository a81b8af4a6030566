import type { Finding } from '../../model/finding.js';
import { dictDisplays } from '../../parsers/python-source.js';
import { defineRule } from '../rule.js';
import type { ConfigInput } from './input.js';
import { findingOf } from './report-finding.js';
import { needsPostgresSettings } from './requires.js';

/** sslmode values that refuse a server without SSL. */
const NEEDS_SSL = new Set(['require', 'verify-ca', 'verify-full']);

export const sslmodeNotHardCoded = defineRule<ConfigInput>({
  id: 'RC-CF002',
  name: 'rock-of-ages/sslmode-not-required',
  title: 'sslmode not hard-coded to require',
  severity: 'error',
  docs:
    "RDS needs SSL, but a local PostgreSQL container has none: with 'sslmode': 'require' written into settings.py the api " +
    "cannot reach the database of the Docker network or compose setup. Read it from the environment instead, e.g. " +
    "'OPTIONS': {'sslmode': os.getenv('SSLMODE', 'require')}, and set SSLMODE=disable in the local env file.",
  requires: needsPostgresSettings,
  check({ settings, profile }): Finding[] {
    if (!settings.parsed) return [];
    const key = profile.env.sslmodeKey;
    return dictDisplays(settings.parsed).flatMap((d) =>
      d.entries
        .filter((e) => e.key.kind === 'string' && e.key.value.toLowerCase() === 'sslmode')
        .flatMap((e) =>
          e.value.kind === 'string' && NEEDS_SSL.has(e.value.value)
            ? [
                findingOf(
                  sslmodeNotHardCoded,
                  settings.path,
                  e.value.pos,
                  `sslmode is hard-coded to '${e.value.value}': a local PostgreSQL container has no SSL, so the api cannot connect; write os.getenv('${key}', '${e.value.value}') and set ${key}=disable for local runs`,
                ),
              ]
            : [],
        ),
    );
  },
});
