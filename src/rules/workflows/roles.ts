import type { ParsedWorkflow } from '../../parsers/workflow.js';
import type { YamlSource } from '../../parsers/yaml-source.js';
import { ssmCommands } from './ssm-command.js';
import { allSteps, triggersOf, usesAction, type Step } from './workflow-ast.js';

/** File names the course gives its two workflows (profile.workflows). */
export interface WorkflowNames {
  deployFiles: string[];
  buildFiles: string[];
}

function named(names: string[], path: string): boolean {
  const base = baseName(path).toLowerCase();
  return names.some((n) => n.toLowerCase() === base);
}

export function runsTests(step: Step): boolean {
  const run = step.run?.value ?? '';
  return /manage\.py\s+test\b|\bpytest\b|\bpython3?\s+-m\s+unittest\b|\bnpm\s+(run\s+)?test\b|\btox\b/.test(run);
}

export function buildsImage(step: Step): boolean {
  const run = step.run?.value ?? '';
  return /\bdocker\s+(buildx\s+)?(build|push)\b/.test(run) || usesAction(step, 'docker/build-push-action');
}

/** Some job of the workflow builds or pushes an image. */
export function buildsInSomeJob(src: YamlSource | undefined): boolean {
  return allSteps(src).some(buildsImage);
}

export function sendsSsmCommand(step: Step): boolean {
  return ssmCommands(step).length > 0;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Marks the deploy and the build workflows. Deploy: the workflows that send
 * an SSM command; failing that, one named deploy.yml; failing that, a
 * manually started one that builds nothing. Build: named testBuildPush.yml,
 * or building/pushing an image, or logging in to ECR without deploying.
 */
export function assignRoles(
  files: { path: string; parsed: ParsedWorkflow }[],
  names: WorkflowNames,
): { deploy: boolean; build: boolean }[] {
  const facts = files.map((f) => {
    const steps = allSteps(f.parsed.src);
    const ssm = steps.some(sendsSsmCommand);
    const build =
      named(names.buildFiles, f.path) ||
      steps.some(buildsImage) ||
      (!ssm && steps.some((s) => usesAction(s, 'aws-actions/amazon-ecr-login')));
    return {
      ssm,
      named: named(names.deployFiles, f.path),
      manual: triggersOf(f.parsed.src).includes('workflow_dispatch') && !build,
      build,
    };
  });
  const tier = (['ssm', 'named', 'manual'] as const).find((t) => facts.some((f) => f[t]));
  return facts.map((f) => ({ deploy: tier !== undefined && f[tier], build: f.build }));
}
