import type { Copy, Instruction } from 'dockerfile-ast';
import { imageRepository } from '../../compose/roles.js';
import { finalChain, parseImageRef, type Stage } from '../../dockerfile/stages.js';
import { imageRepositoryParam, needDockerfile, roleParams } from '../needs.js';
import { atDockerfile, quoted, reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';

type Params = { role: string; image: string; copiesFromStage?: boolean };

export const dockerfileFinalStageFrom: RoleCheck<Params> = {
  name: 'dockerfile/final-stage-from',
  docs:
    'The image that runs is the last stage of the Dockerfile: it starts FROM the image the assignment names (any tag, ' +
    'e.g. nginx:stable-alpine), directly or through an earlier stage built FROM it. With copiesFromStage, it is a ' +
    'multi-stage build: the final stage copies what an earlier stage built (COPY --from=builder /app/build ' +
    '/usr/share/nginx/html), so the build tools stay out of the image that runs.',
  params: roleParams({ image: imageRepositoryParam, copiesFromStage: { type: 'boolean' } }, ['image']),
  check(facts, params, ctx) {
    const found = needDockerfile(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const df = found.ok.dockerfile;
    const chain = finalChain(df.stages);
    const base = chain[0];
    const last = chain[chain.length - 1];
    const report = reporter(ctx);
    const at = atDockerfile(df.path, (base.from.getImageRange() ?? base.from.getRange()).start);
    const { written, resolved, unresolved } = base.image;
    if (unresolved.length > 0) {
      return [report(at, `the final stage starts FROM ${quoted(written)}, which depends on ARG ${unresolved[0]} with no default; give it one before FROM, e.g. ARG ${unresolved[0]}=${params.image}:<version>`)];
    }
    const name = imageRepository(parseImageRef(resolved).name);
    if (name !== params.image) {
      const shown = written === resolved ? quoted(written) : `${quoted(written)} (resolved: ${quoted(resolved)})`;
      const stages = df.stages.length > 1 ? `the last of its ${df.stages.length} stages` : 'its only stage';
      return [
        report(
          at,
          `the image ${params.role} runs is built FROM ${shown} (${stages}), not ${params.image}; end the Dockerfile with a stage FROM ${params.image} (e.g. ${params.image}:<version>)` +
            (params.copiesFromStage ? ' that copies the build output of the earlier stage: COPY --from=<stage> <build folder> <folder it serves>' : ''),
        ),
      ];
    }
    if (params.copiesFromStage && !chain.some((s) => s.instructions.some((i) => copiesFromEarlier(i, s, df.stages)))) {
      const where = atDockerfile(df.path, last.from.getRange().start);
      if (df.stages.length === 1) {
        return [report(where, `the Dockerfile has a single stage FROM ${quoted(written)}, so nothing is built in the image; build in a first stage (FROM node:<version> AS builder ... RUN npm run build), then copy its output into the ${params.image} stage with COPY --from=builder`)];
      }
      return [report(where, `the final stage FROM ${quoted(written)} copies nothing from an earlier stage, so the build output never reaches it; add COPY --from=<build stage> <build folder> <folder it serves>`)];
    }
    return [];
  },
};

/** `COPY --from=<name or index>` naming a stage before `stage`, not an outside image. */
function copiesFromEarlier(instruction: Instruction, stage: Stage, stages: Stage[]): boolean {
  if (instruction.getKeyword() !== 'COPY') return false;
  const ref = (instruction as Copy).getFlags().find((f) => f.getName().toLowerCase() === 'from')?.getValue()?.toLowerCase();
  if (ref === undefined) return false;
  return stages.some((s) => s.index < stage.index && (s.name === ref || String(s.index) === ref));
}
