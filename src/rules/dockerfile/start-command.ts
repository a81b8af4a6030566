import type { Instruction } from 'dockerfile-ast';
import { commandForm, commandsOf, isBrokenExecForm } from './command.js';
import type { DockerfileInput } from './input.js';
import { finalImageInstructions } from './stages.js';
import { expandScripts, type ScriptSite, type StartScript } from './start-script.js';

/**
 * What the final image runs at `docker run`: ENTRYPOINT and CMD combined as
 * Docker does, with the commands of the submission's scripts they run.
 */
export interface StartCommand {
  /** The instruction to point at: the CMD when it is used, else the ENTRYPOINT. */
  instruction: Instruction;
  commands: string[][];
  /** The commands as the instruction writes them, scripts not read. */
  written: string[][];
  /** For each command, the line of the script it comes from; undefined when the instruction itself holds it. */
  sites: (ScriptSite | undefined)[];
  /** The scripts of the submission it runs, read or not. */
  scripts: StartScript[];
}

/** The ENTRYPOINT and CMD in effect in the final image; a CMD that a shell-form ENTRYPOINT ignores is left out. */
function inEffect(input: DockerfileInput): { entrypoint?: Instruction; cmd?: Instruction } {
  let entrypoint: Instruction | undefined;
  let cmd: Instruction | undefined;
  for (const i of finalImageInstructions(input.stages)) {
    if (i.getKeyword() === 'ENTRYPOINT') {
      entrypoint = i;
      // a new ENTRYPOINT drops the CMD inherited so far
      cmd = undefined;
    } else if (i.getKeyword() === 'CMD') {
      cmd = i;
    }
  }
  const ep = entrypoint && commandForm(entrypoint);
  return ep && !ep.exec ? { entrypoint } : { entrypoint, cmd };
}

export function startCommand(input: DockerfileInput): StartCommand | undefined {
  const written = writtenStartCommand(input);
  return written && { instruction: written.instruction, written: written.commands, ...expandScripts(input, written.commands) };
}

function writtenStartCommand(input: DockerfileInput): { instruction: Instruction; commands: string[][] } | undefined {
  const { entrypoint, cmd } = inEffect(input);
  const ep = entrypoint && commandForm(entrypoint);
  const c = cmd && commandForm(cmd);
  if (ep && entrypoint) {
    if (!ep.exec) return { instruction: entrypoint, commands: commandsOf(ep.argv) };
    return { instruction: c && cmd ? cmd : entrypoint, commands: commandsOf([...ep.argv, ...(c?.argv ?? [])]) };
  }
  if (c && cmd) return { instruction: cmd, commands: commandsOf(c.argv) };
  return undefined;
}

/**
 * Why the CMD or ENTRYPOINT in effect cannot be read as Docker would run it
 * (RC-DF001 reports it): no arguments, or a JSON array that is not JSON.
 */
export function unreadableStartCommand(input: DockerfileInput): string | undefined {
  const { entrypoint, cmd } = inEffect(input);
  for (const i of [entrypoint, cmd]) {
    if (!i) continue;
    const text = i.getArgumentsContent() ?? '';
    if (text.trim() === '') return `the ${i.getKeyword()} has no arguments`;
    if (isBrokenExecForm(text)) return `the ${i.getKeyword()} is not a valid JSON array`;
  }
  return undefined;
}
