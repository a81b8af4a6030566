import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Position } from '../../model/finding.js';
import { positionAt, type YamlSource } from '../../parsers/yaml-source.js';

/**
 * Read-only views of a workflow's YAML document: jobs, steps, triggers and
 * permissions, each with the nodes findings are positioned on. Tolerant of
 * wrong shapes (RC-WF002 reports those): what is not where it should be is
 * simply absent.
 */
export interface Job {
  id: string;
  key: Node;
  map: YAMLMap;
}

export interface Step {
  job: Job;
  index: number;
  map: YAMLMap;
  name?: string;
  uses?: Scalar<string>;
  run?: Scalar<string>;
  /** The `run` key, also when its value is empty. */
  runKey?: Node;
}

export function pairOf(map: unknown, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  for (const item of map.items) {
    if (isScalar(item.key) && String(item.key.value) === key) return item as Pair<Node, Node | null>;
  }
  return undefined;
}

export function valueOf(map: unknown, key: string): Node | null | undefined {
  return pairOf(map, key)?.value;
}

export function stringScalar(node: unknown): Scalar<string> | undefined {
  return isScalar(node) && typeof node.value === 'string' ? (node as Scalar<string>) : undefined;
}

export function rootMap(src: YamlSource | undefined): YAMLMap | undefined {
  return src && isMap(src.doc.contents) ? src.doc.contents : undefined;
}

export function nodePosition(src: YamlSource, node: Node | null | undefined): Position {
  return node?.range ? positionAt(src, node.range[0]) : { line: 1, column: 1 };
}

export function jobsOf(src: YamlSource | undefined): Job[] {
  const jobs = valueOf(rootMap(src), 'jobs');
  if (!isMap(jobs)) return [];
  return jobs.items.flatMap((p) =>
    isScalar(p.key) && isMap(p.value) ? [{ id: String(p.key.value), key: p.key as Node, map: p.value }] : [],
  );
}

export function stepsOf(job: Job): Step[] {
  const steps = valueOf(job.map, 'steps');
  if (!isSeq(steps)) return [];
  return steps.items.flatMap((item, index) => {
    if (!isMap(item)) return [];
    const name = stringScalar(valueOf(item, 'name'))?.value;
    const runPair = pairOf(item, 'run');
    return [
      {
        job,
        index,
        map: item,
        name,
        uses: stringScalar(valueOf(item, 'uses')),
        run: stringScalar(runPair?.value),
        runKey: runPair?.key,
      },
    ];
  });
}

export function allSteps(src: YamlSource | undefined): Step[] {
  return jobsOf(src).flatMap(stepsOf);
}

/** How a step is named in messages: its name, else its position in the job. */
export function stepLabel(step: Step): string {
  return step.name ? `step "${step.name}"` : `step ${step.index + 1} of job "${step.job.id}"`;
}

/** Event names under `on:` (a string, a list or a map). */
export function triggersOf(src: YamlSource | undefined): string[] {
  const on = valueOf(rootMap(src), 'on');
  if (isScalar(on)) return [String(on.value)];
  if (isSeq(on)) return on.items.flatMap((i) => (isScalar(i) ? [String(i.value)] : []));
  if (isMap(on)) return on.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : []));
  return [];
}

/** Job ids a job `needs` (a string or a list). */
export function needsOf(job: Job): string[] {
  const needs = valueOf(job.map, 'needs');
  if (isScalar(needs)) return [String(needs.value)];
  if (isSeq(needs)) return needs.items.flatMap((i) => (isScalar(i) ? [String(i.value)] : []));
  return [];
}

/** `uses: owner/repo@ref` names this action (any ref, case-insensitive). */
export function usesAction(step: Step, action: string): boolean {
  const uses = step.uses?.value.trim().toLowerCase();
  return uses !== undefined && (uses === action || uses.startsWith(`${action}@`));
}

export type IdTokenGrant = 'write' | 'not-write' | 'unset';

/** Whether a `permissions:` value grants `id-token: write`. */
export function idTokenGrant(permissions: Node | null | undefined): IdTokenGrant {
  if (permissions === undefined) return 'unset';
  if (isScalar(permissions)) return permissions.value === 'write-all' ? 'write' : 'not-write';
  return stringScalar(valueOf(permissions, 'id-token'))?.value === 'write' ? 'write' : 'not-write';
}

/**
 * What a job's token may do: job-level `permissions` replace the workflow's
 * entirely, so the job's own block wins when it has one.
 */
export function jobIdTokenGrant(src: YamlSource | undefined, job: Job): IdTokenGrant {
  const own = pairOf(job.map, 'permissions');
  if (own) return idTokenGrant(own.value);
  return idTokenGrant(pairOf(rootMap(src), 'permissions')?.value);
}

/** The top-level `env:` map. */
export function workflowEnv(src: YamlSource | undefined): YAMLMap | undefined {
  const env = valueOf(rootMap(src), 'env');
  return isMap(env) ? env : undefined;
}

/** The `env:` maps a job's steps run with: the job's, its container's and each step's. */
export function jobEnvs(job: Job): YAMLMap[] {
  const maps: unknown[] = [valueOf(job.map, 'env'), valueOf(valueOf(job.map, 'container'), 'env')];
  for (const step of stepsOf(job)) maps.push(valueOf(step.map, 'env'));
  return maps.filter((m): m is YAMLMap => isMap(m));
}
