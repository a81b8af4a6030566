import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWorkflowFile } from '../src/parsers/workflow.js';
import { packageRoot } from '../src/paths.js';
import { materialize } from './support/materialize.js';

const run = promisify(execFile);
const here = join(packageRoot, 'templates');
const scratch = mkdtempSync(join(tmpdir(), 'rc-templates-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const workflows = readdirSync(here).filter((f) => /\.ya?ml$/.test(f));

describe('workflow templates', () => {
  it('are there', () => {
    expect(workflows).toEqual(expect.arrayContaining(['student-grading.yml', 'classroom50-autograding.yml']));
  });

  it.each(workflows)('%s is valid for GitHub\'s workflow parser', (name) => {
    const parsed = parseWorkflowFile(`templates/${name}`, readFileSync(join(here, name), 'utf8'));
    expect(parsed.unreadable).toBeUndefined();
    expect(parsed.yamlProblems).toEqual([]);
    expect(parsed.workflowProblems).toEqual([]);
  });

  it('the student workflow grades with the action on push and pull request', () => {
    const text = readFileSync(join(here, 'student-grading.yml'), 'utf8');
    expect(text).toMatch(/^\s+uses: rock-check\/rock-check@v1$/m);
    expect(text).toMatch(/^ {2}push:/m);
    expect(text).toMatch(/^ {2}pull_request:/m);
  });
});

describe('Gradescope run_autograder', () => {
  const schema = JSON.parse(readFileSync(join(packageRoot, 'src/report/formats/testdata/gradescope-results.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  /** A Gradescope-like /autograder with the submission in place and no Docker engine on PATH. */
  async function autograder(name: string, rockCheck: string) {
    const root = join(scratch, name);
    const bin = join(root, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'docker'), '#!/bin/sh\necho "Cannot connect to the Docker daemon" >&2\nexit 1\n');
    chmodSync(join(bin, 'docker'), 0o755);
    const env = { ...process.env, AUTOGRADER_ROOT: root, ROCK_CHECK: rockCheck, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' };
    return { root, env };
  }

  it('grades the static criteria without Docker and says the runtime needs a Docker host, costing nothing', { timeout: 120_000 }, async () => {
    await using sub = await materialize('good');
    const { root, env } = await autograder('static', `${process.execPath} --import tsx ${join(packageRoot, 'src/cli/main.ts')}`);
    await run('cp', ['-R', sub.dir, join(root, 'submission')]);
    const { stderr } = await run(join(here, 'gradescope', 'run_autograder'), [], { env, cwd: packageRoot });
    const results = JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8'));
    expect(validate(results), `${JSON.stringify(validate.errors)}\n${stderr}`).toBe(true);
    const runtime = results.tests.filter((t: { tags: string[] }) => t.tags.includes('runtime'));
    expect(runtime.length).toBeGreaterThan(0);
    for (const t of runtime) expect(t).toMatchObject({ score: 0, max_score: 0, status: 'passed' });
    const graded = results.tests.filter((t: { tags: string[] }) => !t.tags.includes('runtime'));
    expect(results.score).toBe(graded.reduce((a: number, t: { max_score: number }) => a + t.max_score, 0));
    expect(results.output).toContain('need a Docker host');
  });

  it('writes a results.json that blames the grader, not the student, when rock-check itself fails', async () => {
    const { root, env } = await autograder('broken', 'false');
    mkdirSync(join(root, 'submission'), { recursive: true });
    await run(join(here, 'gradescope', 'run_autograder'), [], { env, cwd: root });
    const results = JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8'));
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
    expect(results.output).toContain('not a verdict on your work');
  });
});
