import type { Finding } from '../../model/finding.js';
import { redact } from '../../model/redact.js';
import { defineRule, type Rule } from '../rule.js';
import { isWholeContext, transferOf } from './copies.js';
import { at, finding } from './findings.js';
import type { DockerfileInput } from './input.js';
import { needsDockerfileStages } from './requires.js';

export const envFileInImage: Rule<DockerfileInput> = defineRule({
  id: 'RC-DF010',
  title: 'No env file copied into the image',
  severity: 'error',
  docs:
    '`COPY . /app/` copies the whole build context, .env and .env.local included, unless .dockerignore excludes them. ' +
    'The image then carries the database password to the registry, where anyone who can pull it reads the file. List ' +
    'the env files in .dockerignore (.env, .env.local). Judged for env files that hold real values and that the ' +
    'image built from the repository gets: files tracked by git, or any file when the folder is not a git work tree.',
  requires: needsDockerfileStages,
  check(input) {
    const context = input.context;
    const finalStage = input.stages.at(-1);
    if (!context || !finalStage) return [];
    const copies = finalStage.instructions.filter((i) => {
      const t = transferOf(i);
      return t !== undefined && !t.fromImage && t.sources.some(isWholeContext);
    });
    const copy = copies[0];
    if (!copy) return [];
    const out: Finding[] = [];
    for (const s of context.secrets) {
      if (s.tracked === false) continue;
      if (context.dockerignore?.ignores(s.inContext)) continue;
      const ignore = context.dockerignore ? `${context.dockerignore.path} does not exclude it` : `there is no .dockerignore`;
      out.push(
        finding(
          envFileInImage,
          input,
          at(copy),
          `this COPY puts ${s.inContext} (${s.key}=${redact(s.secret)}) into the image and ${ignore}: everyone who pulls the image from the registry can read it; add ${s.inContext} to .dockerignore`,
        ),
      );
    }
    return out;
  },
});
