import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { packageRoot } from '../paths.js';

const run = promisify(execFile);

export interface ActionStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

export interface ActionFile {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export function readActionFile(): ActionFile {
  return parse(readFileSync(join(packageRoot, 'action.yml'), 'utf8')) as ActionFile;
}

/** `${{ inputs.x }}` and `${{ steps.key.outputs.key }}` as the runner substitutes them. */
export function substitute(text: string, context: { inputs: Record<string, string>; steps?: Record<string, Record<string, string>> }): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) return context.inputs[input[1]] ?? '';
    const step = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (step) return context.steps?.[step[1]]?.[step[2]] ?? '';
    throw new Error(`expression the test runner does not know: ${expr}`);
  });
}

/** Reads a `$GITHUB_OUTPUT` file of `name=value` lines. */
export function parseOutputFile(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** Runs one `run:` step with bash, as the runner does (`bash -e {0}`), with the step's env. */
export async function runStep(
  step: ActionStep,
  context: { inputs: Record<string, string>; steps?: Record<string, Record<string, string>> },
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v), context)]));
  try {
    const { stdout, stderr } = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      env: { ...env, ...stepEnv },
      maxBuffer: 1 << 26,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

export function defaultInputs(action: ActionFile, given: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ''])), ...given };
}
