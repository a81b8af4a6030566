import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import type { WorkflowFile, WorkflowInput } from './model.js';
import { readableSource } from './readable.js';
import { buildsImage, buildsInSomeJob, runsTests } from './roles.js';
import { jobsOf, needsOf, nodePosition, pairOf, rootMap, stepsOf, type Job } from './workflow-ast.js';
import { buildWorkflows, needsBuildReadable } from './requires.js';

const ID = 'RC-WF009';

export const buildNeedsTest = defineRule<WorkflowInput>({
  id: ID,
  name: 'rock-of-ages/build-needs-test',
  title: 'Build job needs the test job',
  severity: 'error',
  docs:
    'testBuildPush.yml runs the tests (`python manage.py test`) in a job `test`, and the job that builds and ' +
    'pushes the image declares `needs: test`, so a failing test stops the push. Without `needs` both jobs run ' +
    'at once and a broken image reaches ECR. Running the tests in the build job itself, before the build step, ' +
    'is accepted too. A build workflow in which no job builds and pushes the image fails: there is no build to guard.',
  requires: needsBuildReadable,
  check(input) {
    const builds = buildWorkflows(input);
    if (builds.length === 0) {
      return [
        {
          ruleId: ID,
          severity: 'error',
          file: input.folder,
          message: `no build workflow found: add ${input.shownFolder}/testBuildPush.yml with a test job (python manage.py test) and a build-and-push job that needs it`,
        },
      ];
    }
    if (!builds.some((wf) => buildsInSomeJob(readableSource(wf)))) return builds.flatMap(buildsNothing);
    return builds.flatMap(buildFindings);
  },
});

function buildsNothing(wf: WorkflowFile): Finding[] {
  const src = readableSource(wf);
  if (!src) return [];
  return [
    {
      ruleId: ID,
      severity: 'error',
      file: wf.path,
      ...nodePosition(src, pairOf(rootMap(src), 'jobs')?.key),
      message:
        'no job of the build workflow builds and pushes the image, so nothing reaches ECR for the deploy to pull: add a job ' +
        '"build-and-push" with "needs: test" that runs docker build -t "$IMAGE" . and docker push "$IMAGE" (or docker/build-push-action)',
    },
  ];
}

function buildFindings(wf: WorkflowFile): Finding[] {
  const src = readableSource(wf);
  if (!src) return [];
  const jobs = jobsOf(src);
  const out: Finding[] = [];
  for (const job of jobs.filter((j) => stepsOf(j).some(buildsImage))) {
    if (testsBeforeBuilding(job)) continue;
    const tests = jobs.filter((j) => j !== job && stepsOf(j).some(runsTests));
    const needs = pairOf(job.map, 'needs');
    if (tests.length === 0) {
      out.push({
        ruleId: ID,
        severity: 'error',
        file: wf.path,
        ...nodePosition(src, job.key),
        message: `job "${job.id}" builds and pushes the image but no job runs the tests: add a test job (python manage.py test) and "needs: test" here`,
      });
      continue;
    }
    const waited = upstream(job, jobs);
    if (tests.some((t) => waited.has(t.id))) continue;
    out.push({
      ruleId: ID,
      severity: 'error',
      file: wf.path,
      ...nodePosition(src, needs?.value ?? job.key),
      message: `job "${job.id}" pushes the image without waiting for the test job "${tests[0].id}": add "needs: ${tests[0].id}" so a failing test stops the push`,
    });
  }
  return out;
}

function testsBeforeBuilding(job: Job): boolean {
  const steps = stepsOf(job);
  const firstBuild = steps.findIndex(buildsImage);
  return steps.slice(0, firstBuild).some(runsTests);
}

/** Ids of every job a job waits for, directly or through other jobs. */
function upstream(job: Job, jobs: Job[]): Set<string> {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const seen = new Set<string>();
  const queue = needsOf(job);
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const next = byId.get(id);
    if (next) queue.push(...needsOf(next));
  }
  return seen;
}
