import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import type { ConfigInput } from './input.js';
import { findingOf, shortName } from './report-finding.js';

/** pip's name comparison: case, `_`/`.`/`-` and extras do not matter. */
function normalized(name: string): string {
  return name.replace(/\[.*\]$/, '').toLowerCase().replace(/[-_.]+/g, '-');
}

export const postgresDriver = defineRule<ConfigInput>({
  id: 'RC-CF006',
  name: 'rock-of-ages/postgres-driver',
  title: 'PostgreSQL driver declared',
  severity: 'error',
  docs:
    'Django needs a PostgreSQL driver installed in the image: psycopg2-binary (or psycopg2 / psycopg) in the Pipfile\'s ' +
    '[packages] (or requirements.txt). The binary wheel brings its own client library, so libpq-dev is not needed.',
  check({ pipfile, requirements, profile, apiDir }): Finding[] {
    const drivers = new Set(profile.drivers.map(normalized));
    const suggested = profile.drivers[0];
    const isDriver = (name: string) => drivers.has(normalized(name));
    const out: Finding[] = [];
    const pipName = shortName(pipfile.path, apiDir);
    if (pipfile.file && !pipfile.parsed) out.push(findingOf(postgresDriver, pipfile.path, undefined, `${pipName} ${pipfile.unreadable ?? 'is not a text file'}`));
    for (const p of pipfile.parsed?.problems.slice(0, 3) ?? []) {
      out.push(findingOf(postgresDriver, pipfile.path, p.position, `${pipName} is not valid TOML here: ${p.message}`));
    }
    const inPackages = pipfile.parsed?.entries.some((e) => e.section === 'packages' && isDriver(e.name)) ?? false;
    const inRequirements = requirements.parsed?.requirements.some((r) => isDriver(r.name)) ?? false;
    if (inPackages || inRequirements) return out;
    if (!pipfile.file && !requirements.file) {
      out.push(findingOf(postgresDriver, pipfile.path, undefined, `no ${pipName} or requirements.txt: declare the PostgreSQL driver, e.g. ${suggested} = "*" under [packages]`));
      return out;
    }
    if (pipfile.parsed) {
      const elsewhere = pipfile.parsed.entries.find((e) => isDriver(e.name));
      const packages = pipfile.parsed.sections.find((s) => s.name === 'packages');
      if (elsewhere) {
        out.push(findingOf(postgresDriver, pipfile.path, elsewhere.pos, `${elsewhere.name} is under [${elsewhere.section}], which pipenv install in the image skips; move it to [packages]`));
      } else {
        const message = packages
          ? `no PostgreSQL driver in [packages]; add ${suggested} = "*"`
          : `${pipName} has no [packages] section; add one with ${suggested} = "*"`;
        out.push(findingOf(postgresDriver, pipfile.path, packages?.pos, message));
      }
      return out;
    }
    const reqName = shortName(requirements.path, apiDir);
    if (requirements.file) {
      out.push(
        findingOf(
          postgresDriver,
          requirements.path,
          undefined,
          requirements.parsed ? `${reqName} declares no PostgreSQL driver; add ${suggested}` : `${reqName} ${requirements.unreadable ?? 'is not a text file'}`,
        ),
      );
    }
    return out;
  },
});
