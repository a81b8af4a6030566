import type { Instruction } from 'dockerfile-ast';
import type { RoleFacts } from '../../../facts/role-facts.js';
import type { RuleVerdict } from '../../rule.js';
import { needsComposeData } from '../../compose/requires.js';
import { posix } from 'node:path';
import type { Finding } from '../../../model/finding.js';
import { looksLikeHostPath, resolveInside } from '../../compose/host-paths.js';
import { locate } from '../../compose/input.js';
import { interpolate } from '../../compose/interpolate.js';
import { serviceMounts, type Service } from '../../compose/service-data.js';
import { basename, commandsOf, commandsOfInstruction } from '../../dockerfile/command.js';
import { finalImageInstructions } from '../../dockerfile/stages.js';
import { needDockerfile, needRoleService } from '../needs.js';
import { quoted, reporter, visible } from '../report.js';
import type { RoleCheck } from '../role-check.js';

const PACKAGE_MANAGERS = new Set(['npm', 'yarn', 'pnpm']);

export const composeBindHidesBuild: RoleCheck<{ roles: string[] }> = {
  name: 'compose/bind-hides-build',
  docs:
    'A development bind mount (./frontend:/app) puts the folder of the project over the image\'s folder, so whatever the ' +
    'Dockerfile built there (RUN npm run build writes .next/, dist/ or build/) is hidden in the container. A service ' +
    'that mounts its source that way must run a development server that works from the source (npm run dev), not the ' +
    'built app (npm start, next start); to run the built app, leave the source mount out. Mounts that hide nothing ' +
    'the container runs are fine.',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['roles'],
    properties: { roles: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } } },
  },
  check(facts, params, ctx) {
    const out: Finding[] = [];
    const report = reporter(ctx);
    const unplayed: RuleVerdict[] = [];
    for (const role of params.roles) {
      const found = needRoleService(facts, role, ctx);
      if (!('ok' in found)) {
        // The compose file cannot be read: nothing can be judged. A role no service plays has no mounts to judge.
        if (!needsUsableCompose(facts)) return found.verdict;
        unplayed.push(found.verdict);
        continue;
      }
      const { compose, name, service } = found.ok;
      const mounts = serviceMounts(service, ['services', name], looksLikeHostPath);
      const binds = mounts.filter((m) => m.kind === 'bind' && m.source !== undefined && m.target !== undefined);
      if (binds.length === 0) continue;
      const df = needDockerfile(facts, role, ctx);
      if (!('ok' in df)) return df.verdict;
      const instructions = finalImageInstructions(df.ok.dockerfile.stages);
      const builds = buildSteps(instructions);
      const start = startCommands(service, instructions).find(runsBuiltApp);
      if (builds.length === 0 || !start) continue;
      const kept = mounts.filter((m) => m.kind !== 'bind' && m.target !== undefined && posix.basename(m.target) !== 'node_modules').map((m) => absolute(m.target!));
      for (const bind of binds) {
        const source = interpolate(bind.source!, compose.variables).value;
        if (resolveInside(compose.dir, source) === undefined) continue;
        const target = absolute(interpolate(bind.target!, compose.variables).value);
        const hidden = builds.find((b) => covers(target, b.dir) && !kept.some((k) => covers(b.dir, k) || covers(k, b.dir)));
        if (!hidden) continue;
        const shownMount = `${visible(source)}:${visible(target)}`;
        out.push(
          report(
            locate(compose, bind.sourcePath),
            `service ${quoted(name)} (${role}) mounts ${quoted(shownMount)} over ${visible(target)}, which hides what ${visible(hidden.shown)} built into ${visible(hidden.dir)} in the image: ${visible(start.join(' '))} then finds no build and the container stops; ` +
              `keep the mount for development and run the development server (CMD ["npm", "run", "dev"] in the Dockerfile, or command: npm run dev in the service), or remove the mount ${quoted(shownMount)} to run the built app`,
          ),
        );
      }
    }
    // Charged once, by the criterion that wants the roles played, unless no role here could be judged at all.
    if (unplayed.length === params.roles.length) return unplayed[0];
    return out;
  },
};

function needsUsableCompose(facts: RoleFacts): boolean {
  return facts.compose !== undefined && needsComposeData(facts.compose) === undefined;
}

/** RUN steps of the final image that build the app, with the folder they run in. */
function buildSteps(instructions: Instruction[]): { dir: string; shown: string }[] {
  let dir = '/';
  const out: { dir: string; shown: string }[] = [];
  for (const i of instructions) {
    const keyword = i.getKeyword();
    if (keyword === 'WORKDIR') dir = posix.resolve(dir, i.getArgumentsContent()?.trim() || '.');
    if (keyword !== 'RUN') continue;
    const build = commandsOfInstruction(i).find(isBuild);
    if (build) out.push({ dir, shown: `RUN ${build.join(' ')}` });
  }
  return out;
}

/** What the container runs: the service's command: when it has one, else the image's ENTRYPOINT and CMD. */
function startCommands(service: Service, instructions: Instruction[]): string[][] {
  const command = service.command;
  if (typeof command === 'string') return commandsOf(['/bin/sh', '-c', command]);
  if (Array.isArray(command)) return commandsOf(command.map(String));
  return instructions.filter((i) => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT').flatMap(commandsOfInstruction);
}

/** `npm run build`, `yarn build`, `next build`, `npx next build`. */
function isBuild(argv: string[]): boolean {
  return scriptOf(argv) === 'build';
}

/** `npm start`, `npm run start`, `yarn start`, `next start`, `npx next start`, `serve`: the built app, not the source. */
function runsBuiltApp(argv: string[]): boolean {
  return scriptOf(argv) === 'start' || basename(argv[0] ?? '') === 'serve';
}

function scriptOf(argv: string[]): string | undefined {
  const name = basename(argv[0] ?? '');
  if (PACKAGE_MANAGERS.has(name)) return argv[1] === 'run' || argv[1] === 'run-script' ? argv[2] : argv[1];
  if (name === 'next') return argv[1];
  if (name === 'npx' && argv[1] === 'next') return argv[2];
  return undefined;
}

function absolute(p: string): string {
  return posix.resolve('/', p);
}

/** `outer` is `inner` or one of its parents. */
function covers(outer: string, inner: string): boolean {
  return outer === '/' || inner === outer || inner.startsWith(`${outer}/`);
}
