import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import type { ConfigInput } from './input.js';
import { fixtureLabel, manageCommands } from './manage-commands.js';
import { findingOf, shortName } from './report-finding.js';
import { needsSeedScript } from './requires.js';

export const seedScriptSteps = defineRule<ConfigInput>({
  id: 'RC-CF008',
  name: 'rock-of-ages/seed-script-steps',
  title: 'Seed script migrates and loads every fixture',
  severity: 'error',
  docs:
    'seed_database.sh builds the tables before filling them: python3 manage.py migrate (all apps, so that the auth and ' +
    'authtoken tables exist), then python3 manage.py loaddata for users, tokens, types and rocks. Loading a fixture before ' +
    'migrate fails on an empty PostgreSQL database. source .env, makemigrations and old rm db.sqlite3 lines are harmless.',
  requires: needsSeedScript,
  check({ seed, profile, apiDir }): Finding[] {
    if (!seed.parsed || seed.parsed.text.trim() === '') return [];
    const name = shortName(seed.path, apiDir);
    const at = (pos: Parameters<typeof findingOf>[2], message: string) => findingOf(seedScriptSteps, seed.path, pos, message);
    const commands = manageCommands(seed.parsed);
    const migrates = commands.filter((c) => c.subcommand === 'migrate');
    const loads = commands.filter((c) => c.subcommand === 'loaddata');
    const out: Finding[] = [];
    const fullMigrate = migrates.find((m) => m.args.length === 0);
    if (migrates.length === 0) {
      out.push(at(undefined, `${name} never runs manage.py migrate; add python3 manage.py migrate before loading the fixtures`));
    } else if (!fullMigrate) {
      const apps = migrates.flatMap((m) => m.args.map((a) => a.text)).join(', ');
      out.push(
        at(migrates[0].pos, `${name} only migrates ${apps}; run python3 manage.py migrate (all apps) first so that the auth and authtoken tables exist`),
      );
    }
    const firstMigrate = fullMigrate ?? migrates[0];
    if (firstMigrate) {
      for (const load of loads.filter((l) => l.index < firstMigrate.index)) {
        out.push(
          at(
            load.pos,
            `loaddata runs before manage.py migrate (line ${firstMigrate.pos.line}): the tables do not exist yet; move it after migrate`,
          ),
        );
      }
    }
    const loaded = new Set(loads.flatMap((l) => l.args.map((a) => fixtureLabel(a.text))));
    const missing = profile.seed.loads.filter((label) => !loaded.has(label));
    if (missing.length > 0) {
      const list = missing.join(', ');
      out.push(
        at(
          undefined,
          `${name} does not load the ${list} fixture${missing.length === 1 ? '' : 's'}; add python3 manage.py loaddata ${missing.join(' ')} after migrate`,
        ),
      );
    }
    return out;
  },
});
