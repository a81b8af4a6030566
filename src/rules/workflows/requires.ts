import type { Blocker } from '../rule.js';
import type { WorkflowFile, WorkflowInput } from './model.js';
import { jobCutOff } from './cut-off-job.js';
import { readableSource } from './readable.js';
import { buildsInSomeJob } from './roles.js';
import { jobsOf } from './workflow-ast.js';

const unreadable = (wf: WorkflowFile) => readableSource(wf) === undefined;
const doesNotParse = (wf: WorkflowFile, what = 'the workflow'): Blocker => ({ file: wf.path, reason: `${what} does not parse`, see: 'RC-WF002' });

/** At least one workflow file; RC-WF001 reports an empty or missing folder. */
export function needsWorkflows(input: WorkflowInput): Blocker | undefined {
  return input.workflows.length > 0 ? undefined : { file: input.folder, reason: `there is no workflow in ${input.shownFolder}/`, see: 'RC-WF001' };
}

/** Every workflow readable, for rules that read them all. */
export function needsReadableWorkflows(input: WorkflowInput): Blocker | undefined {
  const broken = input.workflows.find(unreadable);
  return needsWorkflows(input) ?? (broken ? doesNotParse(broken) : undefined);
}

/**
 * The workflows of one role (deploy or build) readable, when there are some;
 * when none is recognised while a file does not parse, that file may be it.
 */
function roleReadable(input: WorkflowInput, role: 'deploy' | 'build'): Blocker | undefined {
  const blocked = needsWorkflows(input);
  if (blocked) return blocked;
  const mine = input.workflows.filter((wf) => wf[role]);
  const broken = (mine.length > 0 ? mine : input.workflows).find(unreadable);
  if (!broken) return undefined;
  return mine.length > 0 ? doesNotParse(broken, `the ${role} workflow`) : doesNotParse(broken, `this workflow, which may be the ${role} workflow,`);
}

/** For the rule that reports a missing deploy workflow itself (RC-WF003): a deploy workflow that can be read, if any. */
export function needsDeployReadable(input: WorkflowInput): Blocker | undefined {
  return roleReadable(input, 'deploy');
}

/**
 * The build workflows RC-WF009 judges: those marked build, except a deploy
 * workflow that builds nothing (it is marked build only for logging in to ECR).
 */
export function buildWorkflows(input: WorkflowInput): WorkflowFile[] {
  return input.workflows.filter((wf) => wf.build && (!wf.deploy || buildsInSomeJob(readableSource(wf))));
}

/** For the rule that reports a missing build workflow itself (RC-WF009): the build workflows readable and not cut off (RC-WF002). */
export function needsBuildReadable(input: WorkflowInput): Blocker | undefined {
  const blocked = roleReadable(input, 'build');
  if (blocked) return blocked;
  const cut = buildWorkflows(input).find((wf) => jobsOf(readableSource(wf)).some(jobCutOff));
  return cut ? { file: cut.path, reason: 'a job of the build workflow is cut off before its commands', see: 'RC-WF002' } : undefined;
}

/** A readable deploy workflow; RC-WF003 reports its absence. */
export function needsDeployWorkflow(input: WorkflowInput): Blocker | undefined {
  const blocked = roleReadable(input, 'deploy');
  if (blocked) return blocked;
  return input.workflows.some((wf) => wf.deploy) ? undefined : { file: input.folder, reason: 'there is no deploy workflow', see: 'RC-WF003' };
}

/** A readable deploy workflow, and every other workflow readable too. */
export function needsDeployAndAllReadable(input: WorkflowInput): Blocker | undefined {
  return needsDeployWorkflow(input) ?? needsReadableWorkflows(input);
}
