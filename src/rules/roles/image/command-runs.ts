import type { Env, Instruction } from 'dockerfile-ast';
import { basename, commandForm, commandsOf, isBrokenExecForm, shownCommands } from '../../dockerfile/command.js';
import { finalChain, finalImageInstructions } from '../../dockerfile/stages.js';
import { cascade, needDockerfile } from '../needs.js';
import { atDockerfile, reporter, visible } from '../report.js';
import type { RoleCheck } from '../role-check.js';

export const imageCommandRuns: RoleCheck<{ role: string; file: string }> = {
  name: 'image/command-runs',
  docs:
    'The command the final image runs (CMD, with ENTRYPOINT when there is one; exec or shell form) runs the given file: ' +
    'CMD ["python", "app.py"], CMD python3 /app/app.py, or flask run with FLASK_APP naming it.',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['role', 'file'],
    properties: { role: { type: 'string', minLength: 1 }, file: { type: 'string', minLength: 1 } },
  },
  check(facts, params, ctx) {
    const found = needDockerfile(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const df = found.ok.dockerfile;
    const report = reporter(ctx);
    const example = `CMD ["python", "${params.file}"]`;
    const { entrypoint, cmd } = inEffect(finalImageInstructions(df.stages));
    for (const i of [entrypoint, cmd]) {
      const text = i?.getArgumentsContent() ?? '';
      if (i && (text.trim() === '' || isBrokenExecForm(text))) {
        return cascade(ctx, df.path, `the ${i.getKeyword()} cannot be read as Docker runs it`, 'dockerfile/present-and-parseable').verdict;
      }
    }
    const ep = entrypoint && commandForm(entrypoint);
    const c = cmd && commandForm(cmd);
    const argv = ep ? (ep.exec ? [...ep.argv, ...(c?.argv ?? [])] : ep.argv) : (c?.argv ?? []);
    const at = (ep && !ep.exec ? entrypoint : (cmd ?? entrypoint)) as Instruction | undefined;
    if (!at) {
      const last = finalChain(df.stages).at(-1)!;
      return [report(atDockerfile(df.path, last.from.getRange().start), `the final image has no CMD, so it does not run ${params.file}; add ${example}`)];
    }
    const commands = commandsOf(argv);
    const flaskApp = envValue(finalImageInstructions(df.stages), 'FLASK_APP');
    if (commands.some((cmdArgv) => runsFile(cmdArgv, params.file, flaskApp))) return [];
    const flask = commands.some(isFlaskRun) ? `; flask run runs it only when FLASK_APP names it (ENV FLASK_APP ${params.file})` : '';
    return [report(atDockerfile(df.path, at.getRange().start), `the ${at.getKeyword()} runs ${visible(shownCommands(commands))}, not ${params.file}${flask}; run it: ${example}`)];
  },
};

/** The ENTRYPOINT and CMD in effect; a shell-form ENTRYPOINT ignores the CMD. */
function inEffect(instructions: Instruction[]): { entrypoint?: Instruction; cmd?: Instruction } {
  let entrypoint: Instruction | undefined;
  let cmd: Instruction | undefined;
  for (const i of instructions) {
    if (i.getKeyword() === 'ENTRYPOINT') {
      entrypoint = i;
      cmd = undefined;
    } else if (i.getKeyword() === 'CMD') {
      cmd = i;
    }
  }
  const ep = entrypoint && commandForm(entrypoint);
  return ep && !ep.exec ? { entrypoint } : { entrypoint, cmd };
}

function envValue(instructions: Instruction[], name: string): string | undefined {
  let value: string | undefined;
  for (const i of instructions) {
    if (i.getKeyword() !== 'ENV') continue;
    for (const p of (i as Env).getProperties()) if (p.getName() === name) value = p.getValue() ?? undefined;
  }
  return value;
}

/** Options of python that take a value. */
const PYTHON_VALUE_OPTIONS = new Set(['-W', '-X', '-c', '-m']);

/** `python app.py`, `python3 -u /app/app.py`, `./app.py`, `flask run` with the app named. */
function runsFile(argv: string[], file: string, flaskApp: string | undefined): boolean {
  const program = basename(argv[0] ?? '');
  if (isFile(argv[0] ?? '', file)) return true;
  if (/^python(\d+(\.\d+)*)?$/.test(program)) {
    for (let k = 1; k < argv.length; k++) {
      const a = argv[k];
      if (a === '-m') return argv[k + 1] === 'flask' && flaskNames(argv.slice(k + 1), file, flaskApp);
      if (PYTHON_VALUE_OPTIONS.has(a)) {
        k++;
        continue;
      }
      if (a.startsWith('-')) continue;
      return isFile(a, file);
    }
    return false;
  }
  return flaskNames(argv, file, flaskApp);
}

/** `flask [--app X] run`: whether it runs the file's app (FLASK_APP or --app naming it). */
function flaskNames(argv: string[], file: string, flaskApp: string | undefined): boolean {
  if (!isFlaskRun(argv)) return false;
  const app = flaskAppOption(argv) ?? flaskApp;
  if (app === undefined) return false;
  const module = app.split(':')[0].replace(/\.py$/, '');
  return module === file.replace(/\.py$/, '') || isFile(app.split(':')[0], file);
}

function isFlaskRun(argv: string[]): boolean {
  return basename(argv[0] ?? '') === 'flask' && argv.includes('run');
}

/** The app `flask --app X run` names. */
function flaskAppOption(argv: string[]): string | undefined {
  const k = argv.findIndex((a) => a === '--app' || a === '-A');
  if (k > 0 && k + 1 < argv.length) return argv[k + 1];
  return argv.find((a) => a.startsWith('--app='))?.slice('--app='.length);
}

/** `app.py`, `./app.py`, `/app/app.py` name the file app.py. */
function isFile(written: string, file: string): boolean {
  const w = written.replace(/^\.\//, '');
  return w === file || w.endsWith(`/${file}`);
}
