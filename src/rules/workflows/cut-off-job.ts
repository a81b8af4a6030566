import { isScalar, isSeq } from 'yaml';
import { shellCommands } from './shell-words.js';
import { stepsOf, usesAction, valueOf, type Job, type Step } from './workflow-ast.js';

/** Actions that only prepare a job: they check out, install or log in, and act on nothing. */
const SETUP = [/^actions\/checkout$/, /^actions\/setup-[\w-]+$/, /^actions\/cache$/, /^docker\/setup-[\w-]+-action$/];
/** Setup actions that obtain credentials: a job that takes them means to use them. */
const CREDENTIALS = ['aws-actions/configure-aws-credentials', 'aws-actions/amazon-ecr-login', 'docker/login-action'];

/** Commands that only print or do nothing. */
const PRINTS = new Set(['echo', 'printf', 'true', ':']);

/** A `run` script whose commands only print (or that has none). */
export function onlyPrints(script: string): boolean {
  return shellCommands(script).every((words) => PRINTS.has(words[0].text));
}

function actionName(step: Step): string | undefined {
  const uses = step.uses?.value.trim().toLowerCase();
  return uses?.replace(/@.*$/, '');
}

/**
 * The last step of a job that looks cut off: its script only prints, and
 * every step before it only sets up, with credentials among them, so the
 * job logs in and then does nothing (a file cut after `run: |` and its first
 * `echo`). A job that does its work and then echoes "done" is not one.
 */
export function cutOffStep(job: Job): Step | undefined {
  const steps = stepsOf(job);
  const last = steps.at(-1);
  if (!last?.run || (last.run.value ?? '').trim() === '' || !onlyPrints(last.run.value)) return undefined;
  let credentials = false;
  for (const step of steps.slice(0, -1)) {
    if (step.run !== undefined || step.runKey !== undefined) {
      if (!onlyPrints(step.run?.value ?? '')) return undefined;
      continue;
    }
    const name = actionName(step);
    if (name === undefined) return undefined;
    if (CREDENTIALS.some((c) => usesAction(step, c))) {
      credentials = true;
      continue;
    }
    if (!SETUP.some((re) => re.test(name))) return undefined;
  }
  return credentials ? last : undefined;
}

/** A job cut off: its `steps:` is empty, its last step has an empty `run:`, or it only prints after setting up (cutOffStep). */
export function jobCutOff(job: Job): boolean {
  const steps = valueOf(job.map, 'steps');
  if (steps === null || (isScalar(steps) && (steps.value ?? '') === '') || (isSeq(steps) && steps.items.length === 0)) return true;
  const last = stepsOf(job).at(-1);
  if (last?.runKey && (last.run?.value ?? '').trim() === '') return true;
  return cutOffStep(job) !== undefined;
}
