import type { Scalar } from 'yaml';
import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import { deploySends, needsDeployedRun } from './deploy-commands.js';
import type { WorkflowInput } from './model.js';
import { readableSource } from './readable.js';
import { deployedRun } from './remote-commands.js';
import { positionInScalar } from './scalar-offset.js';
import type { ShellWord } from './shell-words.js';

const ID = 'RC-WF010';

export const deployDetached = defineRule<WorkflowInput>({
  id: ID,
  name: 'rock-of-ages/deploy-detached',
  title: 'Deploy starts the container detached (docker run -d)',
  severity: 'error',
  docs:
    'The deploy\'s SSM command runs `docker run` on the instance through AWS-RunShellScript, which waits for every ' +
    'command to end. Without `-d` the container runs in the foreground: the SSM command never returns, stays ' +
    '"In Progress" until its timeout, and the deploy cannot tell success from failure. Start it with ' +
    '`docker run -d --name rock-of-ages-api -p 80:8000 … "$IMAGE"`, as the course does.',
  requires: needsDeployedRun,
  check(input) {
    const out: Finding[] = [];
    for (const send of deploySends(input)) {
      const run = deployedRun(send.commands ?? []);
      const src = readableSource(send.wf);
      if (!run || !src || isDetached(run.args)) continue;
      out.push({
        ruleId: ID,
        severity: 'error',
        file: send.wf.path,
        ...positionInScalar(src, send.step.run as Scalar, run.docker.offsets[0]),
        message:
          'the deploy\'s docker run has no -d: the container stays in the foreground, so the SSM command never returns and runs until its timeout; write docker run -d …',
      });
    }
    return out;
  },
});

/** `-d`, `--detach`, `--detach=true`, or a group of boolean short flags holding d (`-itd`). */
export function isDetached(args: ShellWord[]): boolean {
  return args.some((a) => /^-[itPd]*d[itPd]*$/.test(a.text) || a.text === '--detach' || a.text === '--detach=true');
}
