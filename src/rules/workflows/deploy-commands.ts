import type { Blocker } from '../rule.js';
import type { WorkflowFile, WorkflowInput } from './model.js';
import { readableSource } from './readable.js';
import { deployedRun, remoteCommands, type RemoteCommand } from './remote-commands.js';
import { needsDeployWorkflow } from './requires.js';
import { ssmCommands, type SsmCommand } from './ssm-command.js';
import { jobCutOff } from './cut-off-job.js';
import { allSteps, jobsOf, type Step } from './workflow-ast.js';

/** One `aws ssm send-command` of a deploy workflow, with the commands it sends (when they can be read). */
export interface DeploySend {
  wf: WorkflowFile;
  step: Step;
  cmd: SsmCommand;
  commands?: RemoteCommand[];
}

export function deploySends(input: WorkflowInput): DeploySend[] {
  return input.workflows
    .filter((wf) => wf.deploy)
    .flatMap((wf) => {
      const src = readableSource(wf);
      if (!src) return [];
      return allSteps(src).flatMap((step) => ssmCommands(step).map((cmd) => ({ wf, step, cmd, commands: remoteCommands(cmd) })));
    });
}

/** A deploy workflow cut off before its command (RC-WF002 reports it). */
export function deployNotCutOff(input: WorkflowInput): Blocker | undefined {
  for (const wf of input.workflows.filter((w) => w.deploy)) {
    const src = readableSource(wf);
    if (src && jobsOf(src).some(jobCutOff)) {
      return { file: wf.path, reason: `the deploy workflow ${wf.path} is cut off before its command`, see: 'RC-WF002' };
    }
  }
  return undefined;
}

/**
 * For rules that read the deploy's `--parameters`: a readable deploy workflow
 * (RC-WF003), not cut off (RC-WF002), sending SSM commands that each have
 * `--parameters`. RC-WF007, the criterion of those parameters, reports a
 * deploy that sends none or leaves them out.
 */
export function needsSsmParameters(input: WorkflowInput): Blocker | undefined {
  const blocked = needsDeployWorkflow(input) ?? deployNotCutOff(input);
  if (blocked) return blocked;
  const sends = deploySends(input);
  if (sends.length === 0) {
    const deploy = input.workflows.find((wf) => wf.deploy)!;
    return { file: deploy.path, reason: 'the deploy workflow sends no aws ssm send-command', see: 'RC-WF007' };
  }
  const bare = sends.find((s) => s.cmd.parameters === undefined);
  return bare ? { file: bare.wf.path, reason: 'the deploy\'s aws ssm send-command has no --parameters', see: 'RC-WF007' } : undefined;
}

/** For rules that judge what the deploy runs on the instance: as needsSsmParameters, and the `commands` list can be read (RC-WF007). */
export function needsRemoteCommands(input: WorkflowInput): Blocker | undefined {
  const blocked = needsSsmParameters(input);
  if (blocked) return blocked;
  const unread = deploySends(input).find((s) => s.commands === undefined);
  return unread ? { file: unread.wf.path, reason: 'the commands of the deploy\'s --parameters cannot be read', see: 'RC-WF007' } : undefined;
}

/** As needsRemoteCommands, and the commands start the container with `docker run` (RC-WF006 reports it when they do not). */
export function needsDeployedRun(input: WorkflowInput): Blocker | undefined {
  const blocked = needsRemoteCommands(input);
  if (blocked) return blocked;
  const without = deploySends(input).find((s) => !deployedRun(s.commands ?? []));
  return without ? { file: without.wf.path, reason: 'the deploy\'s SSM commands start no container with docker run', see: 'RC-WF006' } : undefined;
}
