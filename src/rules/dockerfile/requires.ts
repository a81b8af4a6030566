import type { Blocker } from '../rule.js';
import type { DockerfileInput } from './input.js';
import { findApiServer } from './servers.js';
import { startCommand, unreadableStartCommand } from './start-command.js';

const ROOT = 'RC-DF001';

/** The Dockerfile's text, parsed: missing, binary, unreadable or empty files block every rule reading it. */
export function needsDockerfileText(input: DockerfileInput): Blocker | undefined {
  const folder = input.folder;
  const at = (reason: string): Blocker => ({ file: input.path, reason, see: ROOT });
  if (input.missing) return at(`there is no Dockerfile in ${folder}`);
  if (input.binary) return at('the Dockerfile is not a text file');
  if (input.unreadable) return at('the Dockerfile cannot be read');
  if (input.empty || !input.ast) return at('the Dockerfile is empty');
  return undefined;
}

/** A build stage (FROM) on top of the text: the rules that follow the stages have nothing to follow without one. */
export function needsDockerfileStages(input: DockerfileInput): Blocker | undefined {
  return needsDockerfileText(input) ?? (input.stages.length === 0 ? { file: input.path, reason: 'the Dockerfile has no FROM', see: ROOT } : undefined);
}

/** On top of the stages, the CMD or ENTRYPOINT in effect, when there is one, readable: RC-DF001 reports one that is not. */
export function needsReadableStartCommand(input: DockerfileInput): Blocker | undefined {
  const blocked = needsDockerfileStages(input);
  if (blocked) return blocked;
  const unreadable = unreadableStartCommand(input);
  return unreadable ? { file: input.path, reason: unreadable, see: ROOT } : undefined;
}

/** The api's start command (CMD/ENTRYPOINT) on top of the stages; RC-DF007 reports its absence. */
export function needsApiStartCommand(input: DockerfileInput): Blocker | undefined {
  if (input.role !== 'api') return undefined;
  const blocked = needsReadableStartCommand(input);
  if (blocked) return blocked;
  return startCommand(input) ? undefined : { file: input.path, reason: "the api's Dockerfile has no CMD", see: 'RC-DF007' };
}

/** The api server its start command runs; RC-DF007 reports a start command that runs none rock-check recognises. */
export function needsApiServer(input: DockerfileInput): Blocker | undefined {
  if (input.role !== 'api') return undefined;
  const blocked = needsApiStartCommand(input);
  if (blocked) return blocked;
  const start = startCommand(input);
  return start && findApiServer(start.commands) ? undefined : { file: input.path, reason: "the api's CMD starts no server rock-check recognises", see: 'RC-DF007' };
}
