import { Keyword } from 'dockerfile-ast';
import { shownFolder } from '../../../facts/marker-folder.js';
import type { Finding } from '../../../model/finding.js';
import { brokenExecForm, missingArguments, unknownInstruction } from '../../dockerfile/present-and-parseable.js';
import { needRoleFolder, roleSpec } from '../needs.js';
import { atDockerfile, reporter, visible } from '../report.js';
import type { RoleCheck } from '../role-check.js';

const keywords: string[] = Object.values(Keyword);

export const dockerfilePresentAndParseable: RoleCheck<{ role: string }> = {
  name: 'dockerfile/present-and-parseable',
  docs:
    "The role's folder holds a text file named exactly Dockerfile (or the file its compose service's build.dockerfile " +
    'names), starting with FROM and using only Dockerfile instructions; CMD and ENTRYPOINT in JSON form must be valid ' +
    'JSON (double quotes), or Docker runs them through the shell and they fail.',
  params: { type: 'object', additionalProperties: false, required: ['role'], properties: { role: { type: 'string', minLength: 1 } } },
  check(facts, params, ctx) {
    const report = reporter(ctx);
    const spec = roleSpec(ctx.profile, params.role);
    if (facts.layout === 'run' && !spec.run && facts.roles[params.role]?.folder === undefined) {
      const markers = spec.match.markers ?? [];
      return [report({ file: markers[0] ?? 'Dockerfile' }, `no folder of the submission holds ${markers.join(' or ')}; put it and the Dockerfile that builds ${params.role} at the top of the submission`)];
    }
    const found = needRoleFolder(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const { folder } = found.ok;
    const df = found.ok.fact.dockerfile;
    if (!df) return [report({ file: folder || '.' }, `there is no Dockerfile in ${shownFolder(folder)}; add one that builds the ${params.role} image`)];
    const misnamed = df.text === undefined && !facts.submission.files[df.path] ? misnamedDockerfile(facts.submission.files, folder) : undefined;
    if (misnamed !== undefined) {
      return [report({ file: df.path }, `${df.problem}; ${visible(misnamed)} is there, but docker build looks for a file named exactly ${visible(df.path.slice(df.path.lastIndexOf('/') + 1))}: rename it`)];
    }
    if (df.problem !== undefined || !df.ast) {
      const fix = df.text !== undefined ? `write the instructions that build the ${params.role} image, starting with FROM` : `add one that builds the ${params.role} image, as a plain UTF-8 text file`;
      return [report({ file: df.path }, `${df.problem ?? 'the Dockerfile cannot be read'}; ${fix}`)];
    }
    const instructions = df.ast.getInstructions();
    const out: Finding[] = [];
    const firstFrom = instructions.findIndex((i) => i.getKeyword() === 'FROM');
    if (firstFrom < 0) {
      out.push(
        instructions.length > 0
          ? report(atDockerfile(df.path, instructions[0].getRange().start), 'no FROM instruction: a Dockerfile must start with FROM <base image>, e.g. FROM python:3.12-slim')
          : report({ file: df.path }, 'no instructions, only comments: start the Dockerfile with FROM <base image>'),
      );
    } else {
      for (const i of instructions.slice(0, firstFrom)) {
        if (i.getKeyword() !== 'ARG' && keywords.includes(i.getKeyword())) {
          out.push(report(atDockerfile(df.path, i.getRange().start), `${i.getKeyword()} comes before the first FROM; only ARG may come before FROM: move it below FROM`));
        }
      }
    }
    for (const i of instructions) {
      const problem = unknownInstruction(i) ?? missingArguments(i) ?? brokenExecForm(i);
      if (problem) out.push(report(atDockerfile(df.path, i.getRange().start), problem));
    }
    return out;
  },
};

/** Another file of the folder that looks like the Dockerfile under a wrong name (`dockerfile`, `Dockerfile.txt`). */
function misnamedDockerfile(files: Record<string, unknown>, folder: string): string | undefined {
  const prefix = folder === '' ? '' : `${folder}/`;
  return Object.keys(files)
    .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
    .sort()
    .find((p) => /^dockerfile(\.[\w.-]+)?$/i.test(p.slice(prefix.length)));
}
