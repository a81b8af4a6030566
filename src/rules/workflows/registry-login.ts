import type { Scalar } from 'yaml';
import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import { deploySends, needsRemoteCommands } from './deploy-commands.js';
import { imageArgument, pullPolicy } from './docker-image.js';
import { expressionSpans } from './expressions.js';
import type { WorkflowInput } from './model.js';
import { readableSource } from './readable.js';
import { dockerInvocations, type DockerRun, type RemoteCommand } from './remote-commands.js';
import { positionInScalar } from './scalar-offset.js';
import type { ShellWord } from './shell-words.js';

const ID = 'RC-WF012';

export const registryLogin = defineRule<WorkflowInput>({
  id: ID,
  name: 'rock-of-ages/deploy-registry-login',
  title: 'Deploy logs the instance in to the registry before pulling',
  severity: 'warning',
  docs:
    'The deploy\'s `docker pull`, and its `docker run` of the registry image (which pulls the image when the instance ' +
    'does not have it, or always with `--pull always`), run on the EC2 instance, not on the runner: ' +
    '`aws-actions/amazon-ecr-login` logs in only the runner. Without a `docker login` among the SSM commands the instance pulls from ECR only while ' +
    'a login done by hand (valid 12 hours) or a credential helper lasts; then the deploy fails with "no basic auth ' +
    'credentials". Put `aws ecr get-login-password --region <region> | docker login --username AWS ' +
    '--password-stdin <registry>` before the first pull. Images from Docker Hub (`postgres:16`) need no login.',
  requires: needsRemoteCommands,
  check(input) {
    const out: Finding[] = [];
    for (const send of deploySends(input)) {
      const src = readableSource(send.wf);
      const commands = send.commands ?? [];
      if (!src) continue;
      const first = registryPulls(commands, send.step.run!.value)[0];
      if (!first || loggedInBefore(commands, first.invocation.command)) continue;
      out.push({
        ruleId: ID,
        severity: 'warning',
        file: send.wf.path,
        ...positionInScalar(src, send.step.run as Scalar, first.invocation.docker.offsets[0]),
        message:
          `${first.what} with no docker login before it in the SSM commands: the instance is not logged in to ECR ` +
          '(amazon-ecr-login logs in only the runner); add "aws ecr get-login-password --region … | docker login ' +
          `--username AWS --password-stdin <registry>" before the ${first.kind === 'pull' ? 'pull' : 'docker run'}`,
      });
    }
    return out;
  },
});

interface RegistryPull {
  invocation: DockerRun;
  kind: 'pull' | 'run';
  /** How the message names what pulls. */
  what: string;
}

/** The commands that pull an image from a registry (`docker pull`, and `docker run` unless `--pull never`), in the order they run. */
function registryPulls(commands: RemoteCommand[], script: string): RegistryPull[] {
  const pulls: RegistryPull[] = [];
  for (const invocation of dockerInvocations(commands, 'pull')) {
    const image = imageArgument('pull', invocation.args);
    if (image && fromRegistry(image, script)) pulls.push({ invocation, kind: 'pull', what: 'docker pull of the registry image' });
  }
  for (const invocation of dockerInvocations(commands, 'run')) {
    const image = imageArgument('run', invocation.args);
    const policy = pullPolicy(invocation.args);
    if (!image || policy === 'never' || !fromRegistry(image, script)) continue;
    const what =
      policy === 'always'
        ? 'docker run --pull always pulls the registry image'
        : 'docker run of the registry image pulls it when the instance does not have it,';
    pulls.push({ invocation, kind: 'run', what });
  }
  return pulls.sort((a, b) => commands.indexOf(a.invocation.command) - commands.indexOf(b.invocation.command));
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
