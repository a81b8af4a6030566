import { locate } from '../../compose/input.js';
import { scalarText, type Service } from '../../compose/service-data.js';
import { simpleCommands } from '../../dockerfile/shell.js';
import { needRoleService, roleSpec } from '../needs.js';
import { quoted, reporter, shownList } from '../report.js';
import type { RoleCheck } from '../role-check.js';

/** The program of a few official images, for the example of a message. */
const programs: Record<string, string> = { redis: 'redis-server', postgres: 'postgres', mongo: 'mongod', mysql: 'mysqld', mariadb: 'mariadbd' };

export const composeCommandArgs: RoleCheck<{ role: string; args: string[] }> = {
  name: 'compose/command-args',
  docs:
    "The role's service runs its program with the given arguments, in this order, in its command: (a string or a list) " +
    'or its entrypoint:, e.g. command: ["redis-server", "--appendonly", "yes"] or command: redis-server --appendonly yes.',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['role', 'args'],
    properties: { role: { type: 'string', minLength: 1 }, args: { type: 'array', minItems: 1, items: { type: 'string' } } },
  },
  check(facts, params, ctx) {
    const found = needRoleService(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const { compose, name, service } = found.ok;
    const words = [...commandWords(service.entrypoint), ...commandWords(service.command)];
    if (containsInOrder(words, params.args)) return [];
    const wanted = params.args.join(' ');
    const shown = `service ${quoted(name)} (${params.role})`;
    const key = service.command !== undefined ? 'command' : service.entrypoint !== undefined ? 'entrypoint' : undefined;
    if (key === undefined) {
      const image = roleSpec(ctx.profile, params.role).match.image;
      const program = (image && programs[image]) ?? '<program>';
      return [
        reporter(ctx)(
          locate(compose, ['services', name], true),
          `${shown} has no command:, so it runs its image's default without ${wanted}; add command: ${shownList([program, ...params.args])}`,
        ),
      ];
    }
    const written = service[key];
    const list = Array.isArray(written) ? written.map((w) => scalarText(w) ?? '') : commandWords(written);
    return [
      reporter(ctx)(
        locate(compose, ['services', name, key]),
        `the ${key} of ${shown} does not pass ${wanted} in this order; write them after the program, e.g. ${key}: ${shownList([...list.slice(0, 1), ...params.args])}`,
      ),
    ];
  },
};

/**
 * The words of a command: a list as it is, a string split as Compose splits
 * it (quotes honoured); each word also split at spaces, since a program such
 * as redis-server reads `"--appendonly yes"` as two.
 */
function commandWords(value: Service[string]): string[] {
  const argv = Array.isArray(value)
    ? value.map((w) => scalarText(w) ?? '')
    : typeof value === 'string'
      ? simpleCommands(value).flatMap((c) => c.argv)
      : [];
  return argv.flatMap((w) => w.split(/\s+/)).filter((w) => w !== '');
}

function containsInOrder(words: string[], args: string[]): boolean {
  for (let i = 0; i + args.length <= words.length; i++) if (args.every((a, k) => words[i + k] === a)) return true;
  return false;
}
