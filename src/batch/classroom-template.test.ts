import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseWorkflowFile } from '../parsers/workflow.js';
import { packageRoot } from '../paths.js';

const file = join(packageRoot, 'templates', 'classroom-batch.yml');
const text = readFileSync(file, 'utf8');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

it("is a valid workflow for GitHub's own parser", () => {
  const parsed = parseWorkflowFile('templates/classroom-batch.yml', text);
  expect(parsed.yamlProblems).toEqual([]);
  expect(parsed.workflowProblems).toEqual([]);
});

it('grades N shards at most max-parallel at once, keeps each as an artifact, then merges them', () => {
  const wf = parse(text) as { jobs: Record<string, { needs?: string; if?: string; strategy?: { 'max-parallel': number; 'fail-fast': boolean; matrix: { shard: number[] } }; steps: Step[] }> };
  const { grade, merge } = wf.jobs;
  const shards = grade.strategy!.matrix.shard;
  expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
  expect(grade.strategy!['max-parallel']).toBeGreaterThan(0);
  expect(grade.strategy!['fail-fast']).toBe(false);
  const batch = grade.steps.find((s) => s.run?.includes('rock-check batch'))!;
  expect(batch.run).toContain('--shard "$SHARD"');
  expect(batch.env!.SHARD).toBe('${{ matrix.shard }}/${{ strategy.job-total }}');
  // the roster name comes in through the environment, never spliced into the script
  expect(batch.run).not.toContain('${{ inputs');
  const upload = grade.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
  expect(upload.with!.path).toBe('batch-${{ matrix.shard }}');

  expect(merge.needs).toBe('grade');
  expect(merge.if).toBe('always()');
  const download = merge.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!;
  expect(download.with).toMatchObject({ pattern: 'batch-shard-*', path: 'shards' });
  expect(merge.steps.some((s) => s.run === 'npx --yes rock-check merge shards/* --out class')).toBe(true);
  expect(merge.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!.with!.path).toBe('class');
});

it('ships in the package', () => {
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { files: string[] };
  expect(pkg.files).toContain('templates/');
});
