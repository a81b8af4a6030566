import type { Instruction } from 'dockerfile-ast';
import { basename, commandsOfInstruction } from '../../dockerfile/command.js';
import { isWholeContext, transferOf } from '../../dockerfile/copies.js';
import { manifestInstall } from '../../dockerfile/installs.js';
import { needDockerfile } from '../needs.js';
import { atDockerfile, reporter, visible } from '../report.js';
import type { RoleCheck } from '../role-check.js';

export const dockerfileDependenciesBeforeSource: RoleCheck<{ role: string }> = {
  name: 'dockerfile/dependencies-before-source',
  docs:
    'Copy the dependency manifest first (COPY requirements.txt /app/), install (RUN pip install -r requirements.txt, and ' +
    'any apt-get install), and only then copy the rest of the source (COPY . /app). Docker then reuses the cached install ' +
    'layers until the manifest changes, instead of reinstalling every dependency after each code edit.',
  params: { type: 'object', additionalProperties: false, required: ['role'], properties: { role: { type: 'string', minLength: 1 } } },
  check(facts, params, ctx) {
    const found = needDockerfile(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const df = found.ok.dockerfile;
    return df.stages.flatMap((stage) => {
      const wholeCopy = stage.instructions.find((i) => {
        const t = transferOf(i);
        return t !== undefined && !t.fromImage && t.sources.some(isWholeContext);
      });
      const copy = wholeCopy && transferOf(wholeCopy);
      if (!wholeCopy || !copy) return [];
      const line = wholeCopy.getRange().start.line;
      const runs = stage.instructions.filter((i) => i.getKeyword() === 'RUN' && i.getRange().start.line > line);
      for (const run of runs) {
        const install = installAfter(run);
        if (!install) continue;
        const shown = `${copy.keyword} ${copy.sources.join(' ')} ${copy.dest}`;
        const first = install.manifests === undefined ? `run ${install.display}` : `copy only ${install.manifests} first (COPY ${install.manifests} ${copy.dest}), run ${install.display}`;
        return [
          reporter(ctx)(
            atDockerfile(df.path, wholeCopy.getRange().start),
            visible(
              `${shown} copies the whole source before "${install.display}" (line ${run.getRange().start.line + 1}), so every code change reinstalls it; ` +
                `${first}, then ${shown}`,
            ),
          ),
        ];
      }
      return [];
    });
  },
};

/** A dependency install in a RUN: from a manifest (pip -r, npm, ...) or of system packages (apt-get, apk). */
function installAfter(run: Instruction): { display: string; manifests?: string } | undefined {
  for (const argv of commandsOfInstruction(run)) {
    const manifest = manifestInstall(argv);
    if (manifest) return manifest;
    const tool = basename(argv[0] ?? '');
    if ((tool === 'apt-get' || tool === 'apt') && argv.includes('install')) return { display: `${tool} install` };
    if (tool === 'apk' && argv[1] === 'add') return { display: 'apk add' };
  }
  return undefined;
}
