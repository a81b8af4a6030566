import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materialize, type Materialized } from '../../test/support/materialize.js';
import { packageRoot } from '../paths.js';
import { defaultInputs, parseOutputFile, readActionFile, runStep, type ActionStep } from './test-support.js';

const action = readActionFile();
const step = (id: string): ActionStep => action.runs.steps.find((s) => s.id === id)!;
const scratch = mkdtempSync(join(tmpdir(), 'rc-action-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The action's own files, as `uses: owner/rock-check@v1` checks them out: the repository's files, no build. */
function checkoutAction(): string {
  const dir = join(scratch, 'action');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: packageRoot, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && !f.startsWith('fixtures/'));
  for (const f of files) {
    try {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      cpSync(join(packageRoot, f), join(dir, f));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return dir;
}

function runnerFiles(name: string) {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'temp'), { recursive: true });
  const files = { summary: join(dir, 'summary.md'), output: join(dir, 'output.txt'), temp: join(dir, 'temp') };
  writeFileSync(files.summary, '');
  writeFileSync(files.output, '');
  return files;
}

function baseEnv(actionPath: string, workspace: string, files: ReturnType<typeof runnerFiles>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('GITHUB_') && !k.startsWith('INPUT_')) env[k] = v;
  return {
    ...env,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    GITHUB_ACTION_PATH: actionPath,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: files.temp,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    npm_config_update_notifier: 'false',
  };
}

describe('action.yml', () => {
  it('declares the inputs and outputs a workflow uses, as a composite action', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(['annotations', 'api', 'client', 'fail-on', 'path', 'profile', 'static']);
    expect(Object.keys(action.outputs).sort()).toEqual(['max-score', 'percent', 'report-dir', 'score', 'status']);
    expect(action.runs.using).toBe('composite');
    for (const [name, out] of Object.entries(action.outputs)) expect(out.value).toBe(`\${{ steps.grade.outputs.${name} }}`);
    for (const name of Object.keys(action.inputs)) expect(Object.values(step('grade').env ?? {})).toContain(`\${{ inputs.${name} }}`);
  });
});

describe('the action run as the runner runs it', () => {
  let actionPath: string;
  let key: string;
  let good: Materialized;
  let broken: Materialized;

  beforeAll(async () => {
    actionPath = checkoutAction();
    good = await materialize('good');
    broken = await materialize('good');
    for (const p of ['rock-of-ages-api/Dockerfile', 'rock-of-ages-client/Dockerfile', 'rock-of-ages-api/.github', 'rock-of-ages-api/rockapi/fixtures', 'rock-of-ages-api/.env.example', 'rock-of-ages-api/.gitignore', 'rock-of-ages-api/seed_database.sh', 'rock-of-ages-api/Pipfile']) {
      rmSync(join(broken.dir, p), { recursive: true, force: true });
    }
  }, 120_000);
  afterAll(async () => {
    await good?.[Symbol.asyncDispose]();
    await broken?.[Symbol.asyncDispose]();
  });

  it('installs from its own files once, then finds the install in place', { timeout: 900_000 }, async () => {
    const files = runnerFiles('install');
    const env = baseEnv(actionPath, good.dir, files);
    const keyed = await runStep(step('key'), { inputs: defaultInputs(action) }, env);
    expect(keyed.code, keyed.stderr).toBe(0);
    key = parseOutputFile(readFileSync(files.output, 'utf8')).key;
    expect(key).toMatch(/^rock-check-Linux-node\d+-[0-9a-f]{16}$/);
    const context = { inputs: defaultInputs(action), steps: { key: { key } } };
    const first = await runStep(step('install'), context, env);
    expect(first.code, `${first.stdout.slice(-3000)}\n${first.stderr.slice(-1000)}`).toBe(0);
    expect(readFileSync(join(actionPath, 'dist/.install-key'), 'utf8')).toBe(key);
    const again = await runStep(step('install'), context, env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`rock-check is installed (${key})`);
  });

  it('grades a passing submission: outputs, a summary, no error annotations', { timeout: 300_000 }, async () => {
    const files = runnerFiles('pass');
    const inputs = defaultInputs(action, { static: 'true' });
    const r = await runStep(step('grade'), { inputs }, baseEnv(actionPath, good.dir, files));
    expect(r.code, r.stderr).toBe(0);
    const outputs = parseOutputFile(readFileSync(files.output, 'utf8'));
    expect(outputs.status).toBe('pass');
    expect(outputs.score).toBe(outputs['max-score']);
    expect(outputs.percent).toBe('100');
    expect(readFileSync(join(outputs['report-dir'], 'rock-check.json'), 'utf8')).toContain('"status": "pass"');
    expect(r.stdout).not.toMatch(/^::error/m);
    expect(r.stdout).toMatch(/^::notice title=rock-check PASS::/m);
    expect(readFileSync(files.summary, 'utf8')).toContain('rock-check: PASS');
  });

  it('grades a failing submission: at most 10 error annotations, the rest counted in the summary, the step fails', { timeout: 300_000 }, async () => {
    const files = runnerFiles('fail');
    const inputs = defaultInputs(action, { static: 'true' });
    const r = await runStep(step('grade'), { inputs }, baseEnv(actionPath, broken.dir, files));
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(files.temp, 'rock-check', 'rock-check.json'), 'utf8'));
    const requiredFindings = report.criteria
      .filter((c: { level: string; status: string }) => c.level === 'required' && c.status === 'fail')
      .reduce((n: number, c: { findings: unknown[] }) => n + Math.max(1, c.findings.length), 0);
    expect(requiredFindings).toBeGreaterThan(10);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(10);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::warning')).length).toBeLessThanOrEqual(10);
    const summary = readFileSync(files.summary, 'utf8');
    expect(summary).toContain(`showing 10 of ${requiredFindings} errors`);
    expect(summary).toContain('rock-check: FAIL');
    expect(parseOutputFile(readFileSync(files.output, 'utf8')).status).toBe('fail');
  });

  it('with fail-on: never, reports the failure and lets the job go on', { timeout: 300_000 }, async () => {
    const files = runnerFiles('never');
    const inputs = defaultInputs(action, { static: 'true', 'fail-on': 'never', annotations: 'false' });
    const r = await runStep(step('grade'), { inputs }, baseEnv(actionPath, broken.dir, files));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/^::(error|warning)/m);
    expect(parseOutputFile(readFileSync(files.output, 'utf8')).status).toBe('fail');
  });
});
