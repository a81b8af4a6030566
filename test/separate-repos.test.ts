import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../src/cli/run-command.js';
import { memoryIo } from '../src/cli/test-io.js';
import { formatNames } from '../src/report/formats/index.js';
import { gradeInEveryFormat } from './cli-formats.js';
import { materialize } from './support/materialize.js';

/**
 * `--api` and `--client` as two repositories, through the CLI in every
 * format: each finding names its repository and its path there, never
 * rock-check's staging folders `api/` and `client/`, and no hint sends the
 * student to a folder that is in neither repository.
 */
/** One CLI run per format, each a few seconds on a shared two-core machine. */
const TIMEOUT = 240_000;
const staging = /(^|[\s"'`(=\[:,])(api|client)\//m;

describe.concurrent('grading an api and a client given as separate repositories', () => {
  it('passes the good fixture with every path in its own repository', async () => {
    await using m = await materialize('good');
    const run = await gradeInEveryFormat(['--api', 'rock-of-ages-api', '--client', 'rock-of-ages-client'], m.dir);
    expect(run.exit).toBe(0);
    expect(run.report.submission).toMatchObject({
      layout: 'separate',
      components: [
        { role: 'api', dir: '', source: join(m.dir, 'rock-of-ages-api') },
        { role: 'client', dir: '', source: join(m.dir, 'rock-of-ages-client') },
      ],
    });
    for (const name of formatNames) expect(run.outputs[name], name).not.toMatch(staging);
  }, TIMEOUT);

  it('names the repository and the repository path of each finding in every format', async () => {
    await using m = await materialize('good');
    await rm(join(m.dir, 'rock-of-ages-client', 'Dockerfile'));
    await rm(join(m.dir, 'rock-of-ages-api', '.github'), { recursive: true });
    for (const env of ['.env.example', '.env.local']) await rm(join(m.dir, 'rock-of-ages-api', env));
    const run = await gradeInEveryFormat(['--api', 'rock-of-ages-api', '--client', 'rock-of-ages-client'], m.dir);
    expect(run.exit).toBe(1);

    const findings = run.report.criteria.flatMap((c) => c.findings);
    const df001 = run.report.criteria.find((c) => c.id === 'RC-DF001')!.findings;
    expect(df001).toEqual([expect.objectContaining({ repository: 'client', file: 'Dockerfile', message: expect.stringMatching(/^no Dockerfile in the repository root/) })]);
    const wf001 = run.report.criteria.find((c) => c.id === 'RC-WF001')!.findings;
    expect(wf001).toEqual([expect.objectContaining({ repository: 'api', file: '.github/workflows', message: expect.stringContaining('no workflow file in .github/workflows/') })]);
    const cf004 = run.report.criteria.find((c) => c.id === 'RC-CF004')!.findings;
    expect(cf004).toEqual([expect.objectContaining({ repository: 'api', file: '.env.example' })]);
    const cascades = run.report.criteria.filter((c) => c.blockedBy !== undefined).flatMap((c) => c.findings.map((f) => f.message));
    expect(cascades).toContain('cannot be checked: there is no workflow in .github/workflows/ (see RC-WF001)');
    expect(run.report.criteria.find((c) => c.id === 'RC-CF010')).toMatchObject({ status: 'not-applicable', reason: expect.stringMatching(/^there is no env file in the api repository/) });
    expect(findings.every((f) => f.repository === 'api' || f.repository === 'client')).toBe(true);
    for (const name of formatNames) expect(run.outputs[name], name).not.toMatch(staging);

    const terminal = run.outputs.terminal.replace(/\s+/g, ' ');
    expect(terminal).toContain('[client] Dockerfile: no Dockerfile in the repository root; add one that builds the client image [RC-DF001]');
    expect(terminal).toContain("[api] .github/workflows: no workflow file in .github/workflows/: add the course's deploy.yml and testBuildPush.yml there [RC-WF001]");
    expect(run.outputs.markdown).toContain('- \\[client\\] `Dockerfile`: no Dockerfile in the repository root');
    expect(run.outputs.junit).toContain('[client] Dockerfile: no Dockerfile in the repository root');
    for (const name of ['autograding', 'classroom50'] as const) expect(run.outputs[name], name).toContain('[client] Dockerfile: no Dockerfile in the repository root');
    const gradescope = JSON.parse(run.outputs.gradescope) as { tests: { output: string }[] };
    expect(gradescope.tests.map((t) => t.output).join('\n')).toContain('- \\[client\\] `Dockerfile`: no Dockerfile in the repository root');

    // Both repositories are local folders: annotations name the api's files, the client's findings say where in their text.
    const annotations = run.outputs.github.split('\n').filter((l) => l.startsWith('::error') || l.startsWith('::warning'));
    expect(annotations).toContain(
      "::error file=.github/workflows,title=RC-WF001 Workflows live in .github/workflows::[api] no workflow file in .github/workflows/: add the course's deploy.yml and testBuildPush.yml there",
    );
    expect(annotations).toContain(
      '::error title=RC-DF001 Dockerfile present and parseable::[client] Dockerfile: no Dockerfile in the repository root; add one that builds the client image',
    );
    expect(annotations.filter((l) => l.includes('[client]')).every((l) => !l.includes(' file='))).toBe(true);
  }, TIMEOUT);

  it('annotates the files of the repository checked out locally when the other is a URL', async () => {
    await using m = await materialize('good', { git: true });
    await rm(join(m.dir, 'rock-of-ages-client', 'Dockerfile'));
    const io = memoryIo({ cwd: m.dir });
    const args = ['--api', `file://${join(m.dir, 'rock-of-ages-api')}`, '--client', 'rock-of-ages-client', '--static', '--no-out', '--format', 'github'];
    expect(await runCommand(args, io)).toBe(1);
    expect(io.out.split('\n')).toContain(
      '::error file=Dockerfile,title=RC-DF001 Dockerfile present and parseable::[client] no Dockerfile in the repository root; add one that builds the client image',
    );
    expect(io.out).not.toMatch(staging);
  }, TIMEOUT);
});
