import type { Run } from 'dockerfile-ast';
import type { Finding } from '../../model/finding.js';
import { defineRule, type Rule } from '../rule.js';
import { basename, commandsOfInstruction } from './command.js';
import { at, finding } from './findings.js';
import type { DockerfileInput } from './input.js';
import { finalImageInstructions } from './stages.js';
import { needsDockerfileStages } from './requires.js';

export const aptListsRemoved: Rule<DockerfileInput> = defineRule({
  id: 'RC-DF009',
  name: 'dockerfile/apt-lists-removed',
  title: 'apt lists removed in the same layer',
  severity: 'warning',
  docs:
    'A RUN that runs apt-get update or apt-get install should end with `rm -rf /var/lib/apt/lists/*` in the ' +
    'same RUN: the package lists (tens of MB) are useless at run time, and removing them in a later RUN ' +
    'does not shrink the image because the earlier layer keeps them.',
  requires: needsDockerfileStages,
  check(input) {
    const out: Finding[] = [];
    for (const run of finalImageInstructions(input.stages)) {
      if (run.getKeyword() !== 'RUN' || hasAptCacheMount(run as Run)) continue;
      const commands = commandsOfInstruction(run);
      const apt = commands.find(isAptFetch);
      if (!apt || commands.some(removesAptLists)) continue;
      out.push(
        finding(
          aptListsRemoved,
          input,
          at(run),
          `this RUN runs "${basename(apt[0])} ${apt.find(isAptVerb)}" but keeps the apt package lists in the image; end the same RUN with: && rm -rf /var/lib/apt/lists/*`,
        ),
      );
    }
    return out;
  },
});

function isAptFetch(argv: string[]): boolean {
  const tool = basename(argv[0] ?? '');
  return (tool === 'apt-get' || tool === 'apt') && argv.some(isAptVerb);
}

function isAptVerb(word: string): boolean {
  return word === 'update' || word === 'install';
}

function removesAptLists(argv: string[]): boolean {
  return basename(argv[0] ?? '') === 'rm' && argv.some((a) => a.startsWith('/var/lib/apt/lists'));
}

/** `RUN --mount=type=cache,target=/var/lib/apt/lists`: the lists never reach the layer. */
function hasAptCacheMount(run: Run): boolean {
  return run.getFlags().some((f) => f.getName() === 'mount' && /target=\/var\/lib\/apt(\/lists)?\/?(,|$)/.test(f.getValue() ?? ''));
}
