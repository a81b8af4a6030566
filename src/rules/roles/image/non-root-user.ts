import type { Instruction } from 'dockerfile-ast';
import { expandVariables, finalChain, finalImageInstructions } from '../../dockerfile/stages.js';
import { needDockerfile, roleParams } from '../needs.js';
import { atDockerfile, quoted, reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';

const FIX = 'create a user (RUN adduser --disabled-password --gecos "" appuser) and switch to it with USER appuser after the steps that need root';

export const imageNonRootUser: RoleCheck<{ role: string }> = {
  name: 'image/non-root-user',
  docs:
    'The final image runs its process as a user other than root: the last USER of the final stage (or of the stages it ' +
    'is built FROM) names a user or uid other than root and 0. Without USER a container runs as root, so a flaw in ' +
    'the app gives whoever exploits it root inside the container.',
  params: roleParams({}),
  check(facts, params, ctx) {
    const found = needDockerfile(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const df = found.ok.dockerfile;
    const report = reporter(ctx);
    const instructions = finalImageInstructions(df.stages);
    const last = instructions.filter((i) => i.getKeyword() === 'USER').at(-1);
    if (!last) {
      const from = finalChain(df.stages).at(-1)!.from;
      return [report(atDockerfile(df.path, from.getRange().start), `the final image sets no USER, so ${params.role} runs as root; ${FIX}`)];
    }
    const written = last.getArguments().map((a) => a.getValue()).join(' ');
    const at = atDockerfile(df.path, last.getRange().start);
    const { value, unresolved } = expandVariables(written, variablesBefore(instructions, last));
    if (unresolved.length > 0 || value === '') {
      return [report(at, `USER ${quoted(written)} takes its user from a variable with no value in the Dockerfile, so the image's user cannot be told; name the user: ${FIX}`)];
    }
    const user = value.split(':')[0];
    if (user === 'root' || /^0+$/.test(user)) {
      return [report(at, `USER ${quoted(written)} runs ${params.role} as root; ${FIX}`)];
    }
    return [];
  },
};

/** ARG defaults and ENV values set before `upTo` in the final image's instructions, as USER may use them. */
function variablesBefore(instructions: Instruction[], upTo: Instruction): Map<string, string | null> {
  const vars = new Map<string, string | null>();
  for (const i of instructions) {
    if (i === upTo) break;
    const keyword = i.getKeyword();
    if (keyword !== 'ARG' && keyword !== 'ENV') continue;
    const props = (i as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties();
    for (const p of props) {
      const v = p.getValue();
      if (keyword === 'ARG' && v === null && vars.has(p.getName())) continue;
      vars.set(p.getName(), v === null ? null : expandVariables(v, vars).value);
    }
  }
  return vars;
}
