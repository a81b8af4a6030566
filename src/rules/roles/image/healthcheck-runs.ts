import type { Instruction } from 'dockerfile-ast';
import { locate } from '../../compose/input.js';
import { isMapping, isTrue } from '../../compose/service-data.js';
import { basename, commandsOf, commandsOfInstruction, parseExecForm } from '../../dockerfile/command.js';
import { finalChain, finalImageInstructions, parseImageRef } from '../../dockerfile/stages.js';
import { needDockerfile, type ParsedDockerfile, roleParams, roleSpec } from '../needs.js';
import { atDockerfile, quoted, reporter, type At } from '../report.js';
import type { CheckContext, RoleCheck } from '../role-check.js';
import type { RoleFacts } from '../../../facts/role-facts.js';

/** HTTP clients a healthcheck commonly calls that many small base images lack. */
const CLIENTS = ['curl', 'wget'] as const;
type Client = (typeof CLIENTS)[number];
const INSTALLERS = new Set(['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf']);

/** The healthcheck in effect: the compose service's test overrides the image's HEALTHCHECK. */
interface Test {
  /** The commands it runs, e.g. [["curl", "-f", "http://localhost:8000/health"], ["exit", "1"]]. */
  commands: string[][];
  at: At;
  where: string;
}

export const imageHealthcheckRuns: RoleCheck<{ role: string }> = {
  name: 'image/healthcheck-runs',
  docs:
    "The role's container has a healthcheck (HEALTHCHECK in its Dockerfile, or healthcheck: in its compose service, " +
    'which takes precedence), and the HTTP client it calls exists in the image: slim images (python:3.12-slim, ' +
    'node:20-slim, debian) have neither curl nor wget, alpine images have wget but not curl. A check whose command is ' +
    'missing fails every time and the container turns unhealthy. Call the language the image already has ' +
    '(python -c "import urllib.request; ..."), or install the client in a RUN of the final stage.',
  params: roleParams({}),
  check(facts, params, ctx) {
    const found = needDockerfile(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const df = found.ok.dockerfile;
    const report = reporter(ctx);
    const instructions = finalImageInstructions(df.stages);
    const base = finalChain(df.stages)[0].image.resolved;
    const url = urlOf(params.role, ctx);
    const composeTest = composeHealthcheck(facts, params.role);
    if (composeTest === 'disabled') {
      const service = facts.roles[params.role]?.service ?? params.role;
      const at = facts.compose ? locate(facts.compose, ['services', service, 'healthcheck'], true) : { file: df.path };
      return [report(at, `the compose service ${quoted(service)} switches off the healthcheck of ${params.role}, so its health is never known; remove disable: true (or test: ["NONE"]) and give it a check: ${advice(fixFor(base, url), url)}`)];
    }
    const test = composeTest ?? dockerfileTest(df, instructions);
    if (!test) {
      const from = finalChain(df.stages).at(-1)!.from;
      return [report(atDockerfile(df.path, from.getRange().start), `${params.role} has no healthcheck (${df.path} sets none, or HEALTHCHECK NONE, and its compose service no healthcheck:), so Docker never knows whether it serves; add one: ${advice(fixFor(base, url), url)}`)];
    }
    const client = test.commands.map((argv) => basename(argv[0] ?? '')).find((w): w is Client => (CLIENTS as readonly string[]).includes(w));
    if (!client) return [];
    const has = toolsOf(base);
    if (has === undefined || has.has(client) || installs(instructions, client)) return [];
    const install = /alpine/.test(base) ? `RUN apk add --no-cache ${client}` : `RUN apt-get update && apt-get install -y --no-install-recommends ${client}`;
    const instead = fixFor(base, url, client);
    return [
      report(
        test.at,
        `the ${test.where} runs ${client}, which ${quoted(base)} does not have and no RUN of the final stage installs: the check fails every time, so the container turns unhealthy; ${instead === undefined ? '' : `${advice(instead, url)}, or `}install ${client} (${install})`,
      ),
    ];
  },
};

/** The compose service's own healthcheck test, `disabled`, or undefined when the image's HEALTHCHECK is in effect. */
function composeHealthcheck(facts: RoleFacts, role: string): Test | 'disabled' | undefined {
  const compose = facts.compose;
  const service = facts.roles[role]?.service;
  if (!compose || service === undefined || !compose.usable) return undefined;
  const hc = compose.services[service]?.healthcheck;
  if (!isMapping(hc)) return undefined;
  if (isTrue(hc.disable)) return 'disabled';
  const test = hc.test;
  const at = locate(compose, ['services', service, 'healthcheck', 'test']);
  const where = `healthcheck of the compose service ${quoted(service)}`;
  if (typeof test === 'string') return { commands: commandsOf(['/bin/sh', '-c', test]), at, where };
  if (!Array.isArray(test) || test.length === 0) return undefined;
  const words = test.map(String);
  if (words[0] === 'NONE') return 'disabled';
  if (words[0] === 'CMD-SHELL') return { commands: commandsOf(['/bin/sh', '-c', words.slice(1).join(' ')]), at, where };
  if (words[0] === 'CMD') return { commands: commandsOf(words.slice(1)), at, where };
  return undefined;
}

/** The final image's last HEALTHCHECK; undefined when there is none or it is HEALTHCHECK NONE. */
function dockerfileTest(df: ParsedDockerfile, instructions: Instruction[]): Test | undefined {
  const hc = instructions.filter((i) => i.getKeyword() === 'HEALTHCHECK').at(-1);
  if (!hc) return undefined;
  const text = (hc.getArgumentsContent() ?? '').replace(/^\s*(?:--\S+\s+)*/, '');
  const m = /^CMD\s+([\s\S]*)$/i.exec(text);
  if (!m) return undefined;
  const exec = parseExecForm(m[1]);
  const commands = commandsOf(exec ?? ['/bin/sh', '-c', m[1]]);
  return { commands, at: atDockerfile(df.path, hc.getRange().start), where: 'HEALTHCHECK' };
}

/** A RUN of the final image installs the client with a package manager. */
function installs(instructions: Instruction[], client: Client): boolean {
  return instructions
    .filter((i) => i.getKeyword() === 'RUN')
    .flatMap(commandsOfInstruction)
    .some((argv) => INSTALLERS.has(basename(argv[0] ?? '')) && argv.some((a) => a === 'install' || a === 'add') && argv.includes(client));
}

/**
 * The HTTP clients an official image is known to ship, by its name and tag;
 * undefined for an image not known here (the runtime health check decides).
 */
function toolsOf(image: string): Set<Client> | undefined {
  const ref = parseImageRef(image.toLowerCase());
  const name = ref.name.replace(/^(?:docker\.io\/)?(?:library\/)?/, '');
  const tag = ref.tag ?? 'latest';
  if (name === 'alpine' || name === 'busybox') return new Set(['wget']);
  if (name === 'debian' || name === 'ubuntu') return new Set();
  if (name === 'python' || name === 'node') {
    if (tag.includes('alpine')) return new Set(['wget']);
    if (tag.includes('slim')) return new Set();
    return new Set(['curl', 'wget']);
  }
  return undefined;
}

function urlOf(role: string, ctx: CheckContext): string {
  const spec = roleSpec(ctx.profile, role);
  const path = spec.ready && 'http' in spec.ready ? spec.ready.http.path : '/';
  return `http://localhost:${spec.port ?? 80}${path}`;
}

/** A healthcheck that needs nothing the image lacks, when one is known for the image: the program it calls and the instruction. */
function fixFor(image: string, url: string, missing?: Client): { tool: string; instruction: string } | undefined {
  const name = parseImageRef(image.toLowerCase()).name.replace(/^(?:docker\.io\/)?(?:library\/)?/, '');
  if (name === 'python') return { tool: 'Python', instruction: `HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('${url}', timeout=2)"` };
  if (name === 'node') return { tool: 'Node', instruction: `HEALTHCHECK CMD node -e "fetch('${url}').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"` };
  const tools = toolsOf(image);
  if (missing !== 'wget' && tools?.has('wget')) return { tool: 'wget', instruction: `HEALTHCHECK CMD wget -q -O /dev/null ${url}` };
  return undefined;
}

function advice(fix: { tool: string; instruction: string } | undefined, url: string): string {
  return fix ? `call ${fix.tool}, which the image has: ${fix.instruction}` : `HEALTHCHECK CMD curl -f ${url} || exit 1, with curl installed in the image`;
}
