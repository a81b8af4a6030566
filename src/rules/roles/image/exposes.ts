import { finalChain, finalImageInstructions } from '../../dockerfile/stages.js';
import { needDockerfile } from '../needs.js';
import { atDockerfile, quoted, reporter, visible } from '../report.js';
import type { RoleCheck } from '../role-check.js';

export const imageExposes: RoleCheck<{ role: string; ports: number[] }> = {
  name: 'image/exposes',
  docs:
    'The final image declares the ports its server listens on with EXPOSE (EXPOSE 80; 80/tcp and ranges count, a udp ' +
    'port does not). In a multi-stage Dockerfile the final stage and the stages it is built FROM count.',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['role', 'ports'],
    properties: { role: { type: 'string', minLength: 1 }, ports: { type: 'array', minItems: 1, items: { type: 'integer', minimum: 1, maximum: 65535 } } },
  },
  check(facts, params, ctx) {
    const found = needDockerfile(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const df = found.ok.dockerfile;
    const exposes = finalImageInstructions(df.stages).filter((i) => i.getKeyword() === 'EXPOSE');
    const specs = exposes.flatMap((i) => i.getArguments().map((a) => a.getValue())).filter((s) => s !== '');
    const missing = params.ports.filter((p) => !specs.some((s) => covers(s, p)));
    if (missing.length === 0) return [];
    const report = reporter(ctx);
    const wanted = `EXPOSE ${missing.join(' ')}`;
    if (specs.length === 0) {
      const last = finalChain(df.stages).at(-1)!;
      return [report(atDockerfile(df.path, last.from.getRange().start), `the final image exposes no port; add ${wanted}, where ${params.role} listens`)];
    }
    const variable = specs.filter((s) => s.includes('$'));
    const why = variable.length > 0 ? ` (${variable.map(quoted).join(', ')} is a variable, not a port the image declares)` : '';
    return [
      report(
        atDockerfile(df.path, exposes[exposes.length - 1].getRange().start),
        `EXPOSE ${visible(specs.join(' '))} does not include port ${missing.join(', ')}${why}, where ${params.role} listens; add ${wanted}`,
      ),
    ];
  },
};

/** `80`, `80/tcp`, `80-90` cover 80; `80/udp` does not. */
function covers(spec: string, port: number): boolean {
  const m = /^(\d+)(?:-(\d+))?(?:\/(\w+))?$/.exec(spec);
  if (!m || (m[3] !== undefined && m[3].toLowerCase() !== 'tcp')) return false;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return from <= port && port <= to;
}
