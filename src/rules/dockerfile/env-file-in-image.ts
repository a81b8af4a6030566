import type { Instruction } from 'dockerfile-ast';
import type { Finding } from '../../model/finding.js';
import { redact } from '../../model/redact.js';
import { defineRule, type Rule } from '../rule.js';
import type { ContextSecret } from './build-context.js';
import { isWholeContext, transferOf } from './copies.js';
import { at, finding } from './findings.js';
import type { DockerfileInput } from './input.js';
import { needsDockerfileStages } from './requires.js';

export const envFileInImage: Rule<DockerfileInput> = defineRule({
  id: 'RC-DF010',
  name: 'dockerfile/env-file-in-image',
  title: 'No env file copied into the image',
  severity: 'error',
  docs:
    '`COPY . /app/` copies the whole build context, .env and .env.local included, unless .dockerignore excludes them. ' +
    'The image then carries the database password to the registry, where anyone who can pull the image reads the file. ' +
    'List the env files in .dockerignore (.env, .env.local). Judged for env files that hold real values and that the ' +
    'image built from the repository gets: files tracked by git, or any file when the folder is not a git work tree. ' +
    'An env file git does not track is left out of a build from a clone, but not of one from your own folder: it gets ' +
    'advice, which costs no points.',
  requires: needsDockerfileStages,
  check(input) {
    const copied = copiedSecrets(input);
    if (!copied) return [];
    return copied.secrets
      .filter((s) => s.tracked !== false)
      .map((s) =>
        finding(
          envFileInImage,
          input,
          at(copied.copy),
          `this COPY puts ${s.inContext} (${s.key}=${redact(s.secret)}) into the image and ${notExcluded(input)}: anyone who can pull the image from the registry can read it; add ${s.inContext} to .dockerignore`,
        ),
      );
  },
  advise(input) {
    const copied = copiedSecrets(input);
    if (!copied) return [];
    return copied.secrets
      .filter((s) => s.tracked === false)
      .map(
        (s): Finding => ({
          ...finding(
            envFileInImage,
            input,
            at(copied.copy),
            `${s.inContext} (${s.key}=${redact(s.secret)}) is not tracked by git, so an image built from a clone leaves it out, but one ` +
              `you build from this folder gets it through this COPY (${notExcluded(input)}): anyone who can pull the image can read it; ` +
              `add ${s.inContext} to .dockerignore before you build and push from your own machine`,
          ),
          severity: 'warning',
        }),
      );
  },
});

/** The final stage's first whole-context COPY and the env files with real values it takes; undefined without such a COPY. */
function copiedSecrets(input: DockerfileInput): { copy: Instruction; secrets: ContextSecret[] } | undefined {
  const context = input.context;
  const copy = input.stages.at(-1)?.instructions.find((i) => {
    const t = transferOf(i);
    return t !== undefined && !t.fromImage && t.sources.some(isWholeContext);
  });
  if (!context || !copy) return undefined;
  return { copy, secrets: context.secrets.filter((s) => !context.dockerignore?.ignores(s.inContext)) };
}

function notExcluded(input: DockerfileInput): string {
  return input.context?.dockerignore ? `${input.context.dockerignore.path} does not exclude it` : 'there is no .dockerignore';
}
