import { healthcheckGap, type HealthcheckGap } from '../../compose/db-healthcheck.js';
import { locate } from '../../compose/input.js';
import { isMapping, scalarText } from '../../compose/service-data.js';
import { needRoleService, roleParams } from '../needs.js';
import { quoted, reporter, visible } from '../report.js';
import type { RoleCheck } from '../role-check.js';

type Params = { role: string; command?: string[] };

const GAPS: Record<HealthcheckGap, string> = {
  missing: 'has no healthcheck',
  disabled: 'has its healthcheck turned off',
  'no-test': 'has a healthcheck with no test command',
};

export const composeHealthcheck: RoleCheck<Params> = {
  name: 'compose/healthcheck',
  docs:
    "The role's service has a healthcheck: whose test runs the given command (e.g. pg_isready), so that Docker knows " +
    'when it really serves, not only when its container started, and other services can wait for it with ' +
    'depends_on: condition: service_healthy. The test is a list (["CMD-SHELL", "pg_isready -U app -d notes"] or ' +
    '["CMD", "pg_isready"]) or a string.',
  params: roleParams({ command: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1, pattern: '^\\S+$' } } }),
  check(facts, params, ctx) {
    const found = needRoleService(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const { compose, name, service } = found.ok;
    const report = reporter(ctx);
    const shown = `service ${quoted(name)} (${params.role})`;
    const example = `healthcheck: {test: ["CMD-SHELL", "${(params.command ?? ['<command that succeeds when it serves>']).join(' ')}"], interval: 5s, timeout: 5s, retries: 10}`;
    const gap = healthcheckGap(service);
    if (gap !== undefined) {
      const at = gap === 'missing' ? ['services', name] : ['services', name, 'healthcheck'];
      return [report(locate(compose, at, true), `${shown} ${GAPS[gap]}, so nothing can wait until it is ready; add ${example}`)];
    }
    if (params.command === undefined) return [];
    const hc = service.healthcheck as Record<string, unknown>;
    const words = testWords(hc.test);
    const missing = params.command.filter((w) => !words.includes(w));
    if (missing.length === 0) return [];
    const parts = Array.isArray(hc.test) ? hc.test.map((t) => scalarText(t) ?? '') : [scalarText(hc.test) ?? ''];
    const written = (parts[0] === 'CMD' || parts[0] === 'CMD-SHELL' ? parts.slice(1) : parts).join(' ');
    return [
      report(
        locate(compose, ['services', name, 'healthcheck', 'test']),
        `the healthcheck of ${shown} runs "${visible(written)}", without ${missing.join(' ')}; change its test to run it, e.g. ${example}`,
      ),
    ];
  },
};

/** The words of a healthcheck test, without its CMD / CMD-SHELL marker; a shell command is split at blanks and shell operators. */
function testWords(test: unknown): string[] {
  const parts = Array.isArray(test) ? test.map((t) => scalarText(t) ?? '') : isMapping(test) ? [] : [scalarText(test) ?? ''];
  const body = parts[0] === 'CMD' || parts[0] === 'CMD-SHELL' ? parts.slice(1) : parts;
  return body.flatMap((p) => p.split(/[\s;&|()]+/)).map((w) => w.replace(/^.*\//, '')).filter((w) => w !== '');
}
