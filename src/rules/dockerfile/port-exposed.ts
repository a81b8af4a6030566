import { defineRule, type Rule } from '../rule.js';
import { at, finding } from './findings.js';
import type { DockerfileInput } from './input.js';
import { finalImageInstructions } from './stages.js';
import { needsDockerfileStages } from './requires.js';

export const portExposed: Rule<DockerfileInput> = defineRule({
  id: 'RC-DF006',
  name: 'dockerfile/port-exposed',
  title: 'Service port exposed',
  severity: 'error',
  docs:
    'The final image should EXPOSE the port its server listens on: 8000 for the api, 3000 for the client ' +
    '(the profile\'s ports). `8000/tcp` is the same as `8000`. In a multi-stage Dockerfile the final stage counts.',
  requires: needsDockerfileStages,
  check(input) {
    const last = input.stages.at(-1);
    if (!last) return [];
    const exposes = finalImageInstructions(input.stages).filter((i) => i.getKeyword() === 'EXPOSE');
    const specs = exposes.flatMap((i) => i.getExpandedArguments().map((a) => a.getValue())).filter((s) => s !== '');
    if (specs.some((s) => s.includes('$')) || specs.some((s) => covers(s, input.port))) return [];
    if (specs.length === 0) {
      return [
        finding(portExposed, input, at(last.from), `the final image exposes no port; add EXPOSE ${input.port}, the port the ${input.role} listens on`),
      ];
    }
    const lastExpose = exposes[exposes.length - 1];
    return [
      finding(
        portExposed,
        input,
        at(lastExpose),
        `EXPOSE ${specs.join(' ')} does not include port ${input.port}, where the ${input.role} listens; expose it: EXPOSE ${input.port}`,
      ),
    ];
  },
});

/** `8000`, `8000/tcp`, `8000-8010` cover 8000; `8000/udp` does not. */
function covers(spec: string, port: number): boolean {
  const m = /^(\d+)(?:-(\d+))?(?:\/(\w+))?$/.exec(spec);
  if (!m || (m[3] !== undefined && m[3].toLowerCase() !== 'tcp')) return false;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return from <= port && port <= to;
}
