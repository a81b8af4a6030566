import type { Instruction } from 'dockerfile-ast';
import { commandForm, commandsOf } from './command.js';
import type { DockerfileInput } from './input.js';
import { finalImageInstructions } from './stages.js';

/** What the final image runs at `docker run`: ENTRYPOINT and CMD combined as Docker does. */
export interface StartCommand {
  /** The instruction to point at: the CMD when it is used, else the ENTRYPOINT. */
  instruction: Instruction;
  commands: string[][];
}

export function startCommand(input: DockerfileInput): StartCommand | undefined {
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
  const c = cmd && commandForm(cmd);
  if (ep && entrypoint) {
    if (!ep.exec) return { instruction: entrypoint, commands: commandsOf(ep.argv) };
    return { instruction: c && cmd ? cmd : entrypoint, commands: commandsOf([...ep.argv, ...(c?.argv ?? [])]) };
  }
  if (c && cmd) return { instruction: cmd, commands: commandsOf(c.argv) };
  return undefined;
}
