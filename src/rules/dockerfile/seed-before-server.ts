import { defineRule, type Rule } from '../rule.js';
import { basename } from './command.js';
import { findingAtCommand } from './findings.js';
import type { DockerfileInput } from './input.js';
import { findApiServer } from './servers.js';
import { startCommand } from './start-command.js';
import { needsApiServer } from './requires.js';

export const seedBeforeServer: Rule<DockerfileInput> = defineRule({
  id: 'RC-DF008',
  name: 'rock-of-ages/seed-before-server',
  title: "API seeds the database before starting the server",
  severity: 'error',
  docs:
    'The api container starts against an empty PostgreSQL database, so its CMD must run the seed script ' +
    '(seed_database.sh: migrations and fixtures) or at least `python manage.py migrate` before the server, ' +
    'e.g. `./seed_database.sh && python manage.py runserver 0.0.0.0:8000`. Run after the server, it never runs: ' +
    'runserver does not return. A CMD that starts no api server (only the seed script, `sleep infinity`) cannot ' +
    'be checked: RC-DF007 says what it runs instead. When the CMD runs a shell script of the submission (`./start.sh`), ' +
    'the seed script may run in the CMD before it or in the script before the server.',
  notApplicable: (input) => (input.role === 'api' ? undefined : "only the api's Dockerfile seeds the database"),
  requires: needsApiServer,
  check(input) {
    const start = startCommand(input);
    const server = start && findApiServer(start.commands);
    // needsApiServer has made sure of both
    if (!start || !server) return [];
    const script = input.profile.seed.script;
    const seeds = (argv: string[]) => runsScript(argv, script) || isMigrate(argv);
    const before = start.commands.slice(0, server.index);
    if (before.some(seeds)) return [];
    // a wrapper script of another name may seed; it cannot be seen from here
    if ([...before, start.commands[server.index]].some((argv) => scriptRun(argv) !== undefined)) return [];
    const site = start.sites[server.index];
    const fix = site?.script.file ? `put ./${script} on a line before ${server.display}` : `./${script} && ${server.display} ...`;
    const late = start.commands.slice(server.index + 1).find(seeds);
    const keyword = site?.script.file ? site.script.file.shown : start.instruction.getKeyword();
    const message = late
      ? `${keyword} runs ${runsScript(late, script) ? script : 'manage.py migrate'} only after ${server.display}, which never returns, so the database is not seeded; run it first: ${fix}`
      : `${keyword} runs ${server.display} without ${script} or manage.py migrate before it, so the database has no tables or rows; run the seed script first: ${fix}`;
    return [findingAtCommand(seedBeforeServer, input, start, server.index, message)];
  },
});

const launchers = ['sh', 'bash', 'source', '.'];

function runsScript(argv: string[], script: string): boolean {
  const [first = '', second = ''] = argv;
  return basename(first) === script || (launchers.includes(basename(first)) && basename(second) === script);
}

/** Name of the shell script a command runs (`./x.sh`, `bash x.sh`, `. x.sh`), if any. */
function scriptRun(argv: string[]): string | undefined {
  const [first = '', second = ''] = argv;
  if (first.endsWith('.sh')) return basename(first);
  if (launchers.includes(basename(first)) && second.endsWith('.sh')) return basename(second);
  return undefined;
}

function isMigrate(argv: string[]): boolean {
  const m = argv.indexOf('migrate');
  return m > 0 && argv.slice(0, m).some((a) => basename(a) === 'manage.py' || basename(a) === 'django-admin');
}
