import type { Finding } from '../../model/finding.js';
import { defineRule, type Rule } from '../rule.js';
import { commandsOfInstruction } from './command.js';
import { isWholeContext, transferOf } from './copies.js';
import { at, finding, lineOf } from './findings.js';
import type { DockerfileInput } from './input.js';
import { manifestInstall } from './installs.js';
import { needsDockerfileStages } from './requires.js';

export const dependenciesBeforeSource: Rule<DockerfileInput> = defineRule({
  id: 'RC-DF003',
  name: 'dockerfile/dependencies-before-source',
  title: 'Dependencies installed before the source is copied',
  severity: 'warning',
  docs:
    'Copy the dependency manifests first (`COPY Pipfile* /app/`, `COPY package*.json ./`), install ' +
    '(`RUN pipenv install`, `RUN npm install`), and only then copy the rest of the source (`COPY . .`). ' +
    'Docker then reuses the cached install layer until the manifests change, instead of reinstalling ' +
    'every dependency after each code edit. Dockerfiles without a manifest-based install are fine.',
  requires: needsDockerfileStages,
  check(input) {
    const out: Finding[] = [];
    for (const stage of input.stages) {
      const wholeCopy = stage.instructions.find((i) => {
        const t = transferOf(i);
        return t !== undefined && !t.fromImage && t.sources.some(isWholeContext);
      });
      const copy = wholeCopy && transferOf(wholeCopy);
      if (!wholeCopy || !copy) continue;
      const after = stage.instructions.filter((i) => i.getKeyword() === 'RUN' && wholeCopy.getRange().start.line < i.getRange().start.line);
      for (const run of after) {
        const install = commandsOfInstruction(run).map(manifestInstall).find((m) => m !== undefined);
        if (!install) continue;
        const shown = `${copy.keyword} ${copy.sources.join(' ')} ${copy.dest}`;
        out.push(
          finding(
            dependenciesBeforeSource,
            input,
            at(wholeCopy),
            `${shown} copies the whole source before "${install.display}" (line ${lineOf(run)}), so every code change reinstalls all dependencies; ` +
              `copy only ${install.manifests} first (COPY ${install.manifests} ${copy.dest}), run ${install.display}, then ${shown}`,
          ),
        );
        break;
      }
    }
    return out;
  },
});
