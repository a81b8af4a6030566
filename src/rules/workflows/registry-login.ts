import type { Scalar } from 'yaml';
import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import { deploySends, needsRemoteCommands } from './deploy-commands.js';
import { expressionSpans } from './expressions.js';
import type { WorkflowInput } from './model.js';
import { readableSource } from './readable.js';
import { dockerInvocations, type RemoteCommand } from './remote-commands.js';
import { positionInScalar } from './scalar-offset.js';
import type { ShellWord } from './shell-words.js';

const ID = 'RC-WF012';

export const registryLogin = defineRule<WorkflowInput>({
  id: ID,
  title: 'Deploy logs the instance in to the registry before pulling',
  severity: 'warning',
  docs:
    'The `docker pull` of the deploy runs on the EC2 instance, not on the runner: `aws-actions/amazon-ecr-login` ' +
    'logs in only the runner. Without a `docker login` among the SSM commands the instance pulls from ECR only while ' +
    'a login done by hand (valid 12 hours) or a credential helper lasts; then the deploy fails with "no basic auth ' +
    'credentials". Put `aws ecr get-login-password --region <region> | docker login --username AWS ' +
    '--password-stdin <registry>` before the pull. Images from Docker Hub (`postgres:16`) need no login.',
  requires: needsRemoteCommands,
  check(input) {
    const out: Finding[] = [];
    for (const send of deploySends(input)) {
      const src = readableSource(send.wf);
      const commands = send.commands ?? [];
      if (!src) continue;
      const script = send.step.run!.value;
      for (const pull of dockerInvocations(commands, 'pull')) {
        const image = imageArgument(pull.args);
        if (!image || !fromRegistry(image, script)) continue;
        if (loggedInBefore(commands, pull.command)) continue;
        out.push({
          ruleId: ID,
          severity: 'warning',
          file: send.wf.path,
          ...positionInScalar(src, send.step.run as Scalar, pull.docker.offsets[0]),
          message:
            'docker pull of the registry image with no docker login before it in the SSM commands: the instance is not ' +
            'logged in to ECR (amazon-ecr-login logs in only the runner); add "aws ecr get-login-password --region … | ' +
            'docker login --username AWS --password-stdin <registry>" before the pull',
        });
      }
    }
    return out;
  },
});

function imageArgument(args: ShellWord[]): ShellWord | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i].text === '--platform') i++;
    else if (!args[i].text.startsWith('-')) return args[i];
  }
  return undefined;
}

/** A shell variable or an expression (the deploy's own image), or a name with a registry host. */
function fromRegistry(image: ShellWord, script: string): boolean {
  if (image.text.includes('$')) return true;
  const spans = expressionSpans(script);
  if (image.offsets.some((o) => spans.some((s) => o >= s.start && o < s.end))) return true;
  const first = image.text.split('/')[0];
  return image.text.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
}

/** `docker login`, or the AWS CLI v1 `$(aws ecr get-login …)`, in a command before `at`. */
function loggedInBefore(commands: RemoteCommand[], at: RemoteCommand): boolean {
  for (const c of commands) {
    if (c === at) return false;
    const w = c.words.map((x) => x.text);
    if (w.some((t, i) => t === 'docker' && w[i + 1] === 'login')) return true;
    if (w.some((t, i) => t === 'ecr' && w[i + 1] === 'get-login')) return true;
  }
  return false;
}
