import type { Scalar } from 'yaml';
import { withPlaceholders } from './expressions.js';
import { shellCommands, type ShellWord } from './shell-words.js';
import { usesAction, type Step } from './workflow-ast.js';

/** Actions that call AWS with the job's credentials. */
const AWS_ACTIONS = ['aws-actions/amazon-ecr-login', 'aws-actions/amazon-ecs-deploy-task-definition'];

/** Words that may stand before a command on its line: `sudo aws …`, `if aws …`, `X=1 aws …`. */
const PREFIXES = new Set(['sudo', 'time', 'exec', 'if', 'then', 'else', 'do', '!', '{']);

/** Where a step calls AWS: the `aws` word of a CLI call (its offset in `run`), or an AWS action. */
export type AwsCall = { kind: 'cli'; offset: number } | { kind: 'action'; action: string; uses: Scalar<string> };

/** The first call to AWS a step makes that needs credentials (`aws --version` needs none), if any. */
export function awsCall(step: Step): AwsCall | undefined {
  const action = AWS_ACTIONS.find((a) => usesAction(step, a));
  if (action && step.uses) return { kind: 'action', action, uses: step.uses };
  if (!step.run) return undefined;
  for (const words of shellCommands(withPlaceholders(step.run.value))) {
    const at = words.findIndex((w, i) => isAwsWord(w) && commandPosition(words.slice(0, i), w) && callsService(words.slice(i + 1)));
    if (at >= 0) return { kind: 'cli', offset: words[at].offsets[words[at].text.length - 3] };
  }
  return undefined;
}

function isAwsWord(w: ShellWord): boolean {
  return /(^|[(=`])aws$/.test(w.text);
}

/** `aws` is the command, not an argument of another one (`echo aws`). */
function commandPosition(before: ShellWord[], w: ShellWord): boolean {
  return w.text !== 'aws' || before.every((b) => PREFIXES.has(b.text) || /^[A-Za-z_]\w*=/.test(b.text));
}

function callsService(args: ShellWord[]): boolean {
  return args.some((a) => !a.text.startsWith('-') && a.text !== 'help');
}
