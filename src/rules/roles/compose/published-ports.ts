import type { Finding } from '../../../model/finding.js';
import { locate } from '../../compose/input.js';
import { needRoleService, type RoleService } from '../needs.js';
import { quoted, reporter } from '../report.js';
import type { CheckContext, RoleCheck } from '../role-check.js';
import { portEntries } from './port-specs.js';

type Params = { published?: Record<string, number[]>; private?: string[] };

export const composePublishedPorts: RoleCheck<Params> = {
  name: 'compose/published-ports',
  docs:
    'The roles that answer from outside publish their container port (ports: ["80:80"], or another host port such as ' +
    '"8080:80", in short or long syntax); the others publish nothing, so that they are reached only over the stack\'s ' +
    'network. expose: does not publish, and is fine.',
  params: {
    type: 'object',
    additionalProperties: false,
    properties: {
      published: { type: 'object', additionalProperties: { type: 'array', minItems: 1, items: { type: 'integer', minimum: 1, maximum: 65535 } } },
      private: { type: 'array', items: { type: 'string', minLength: 1 } },
    },
  },
  check(facts, params, ctx) {
    const out: Finding[] = [];
    const blocked: Finding[] = [];
    const each = (role: string, judge: (found: RoleService) => Finding[]): { notApplicable: string } | undefined => {
      const found = needRoleService(facts, role, ctx);
      if ('ok' in found) out.push(...judge(found.ok));
      else if (Array.isArray(found.verdict)) blocked.push(...found.verdict);
      else if (facts.layout !== 'compose') return found.verdict;
      return undefined;
    };
    for (const [role, ports] of Object.entries(params.published ?? {})) {
      const na = each(role, (s) => missingPorts(s, role, ports, ctx));
      if (na) return na;
    }
    for (const role of params.private ?? []) {
      const na = each(role, (s) => publishedPorts(s, role, ctx));
      if (na) return na;
    }
    return [...blocked.filter((f, i) => blocked.findIndex((g) => g.message === f.message) === i), ...out];
  },
};

function missingPorts(s: RoleService, role: string, ports: number[], ctx: CheckContext): Finding[] {
  const entries = portEntries(s.service, ['services', s.name], s.compose.variables);
  const report = reporter(ctx);
  const unreadable = entries.filter((e) => e.tcp === undefined);
  const published = new Set(entries.flatMap((e) => e.tcp ?? []));
  return ports
    .filter((p) => !published.has(p))
    .map((port) => {
      const example = `ports: ["${port}:${port}"] (or another host port: "8080:${port}")`;
      if (entries.length === 0) {
        return report(locate(s.compose, ['services', s.name], true), `service ${quoted(s.name)} (${role}) publishes no port, so container port ${port} cannot be reached from outside; publish it: ${example}`);
      }
      const seen = unreadable.length > 0 ? `; ${unreadable.map((e) => quoted(e.written)).join(', ')} cannot be read as a port` : '';
      return report(
        locate(s.compose, ['services', s.name, 'ports'], true),
        `service ${quoted(s.name)} (${role}) does not publish container port ${port}${seen}; publish it: ${example}`,
      );
    });
}

function publishedPorts(s: RoleService, role: string, ctx: CheckContext): Finding[] {
  const report = reporter(ctx);
  return portEntries(s.service, ['services', s.name], s.compose.variables).map((e) =>
    report(
      locate(s.compose, e.path),
      `service ${quoted(s.name)} (${role}) publishes ${quoted(e.written)} on the host, but only the other services need to reach it, over the stack's network; remove this entry (expose: is enough)`,
    ),
  );
}
