import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../src/cli/run-command.js';
import { memoryIo } from '../src/cli/test-io.js';
import { materialize } from './support/materialize.js';
import { gradeThroughCli } from './verdicts.js';

const scratch = await mkdtemp(join(tmpdir(), 'rc-bad-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function cli(argv: string[]) {
  const io = memoryIo({ cwd: scratch });
  const code = await runCommand(argv, io);
  return { code, out: io.out, err: io.err };
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('bad input gets a clear message, never a crash', () => {
  it('a path that does not exist: exit 2', async () => {
    const r = await cli([join(scratch, 'nope'), '--static', '--no-out']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^rock-check: no such folder: .*nope/);
    noStackTrace(r.err);
  });

  it('an empty folder: exit 2', async () => {
    const dir = join(scratch, 'empty');
    await mkdir(dir);
    const r = await cli([dir, '--static', '--no-out']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is empty: no files to grade/);
  });

  it.each([['ext::sh -c touch% /tmp/x'], ['--upload-pack=touch /tmp/x'], ['fd::17'], ['https://example.com/a.git#--orphan']])(
    'a refused source %s: exit 2',
    async (url) => {
      const r = await cli(['--no-out', '--static', '--', url]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^rock-check: /);
      noStackTrace(r.err);
    },
  );

  it('malformed YAML in the compose file: exit 1 with a positioned RC-CO001 finding', async () => {
    await using m = await materialize('good');
    await writeFile(join(m.dir, 'docker-compose.yml'), 'services:\n  api: [unclosed\n  db:\n    image: postgres:16\n');
    const v = await gradeThroughCli(m.dir, [m.dir, '--static']);
    expect(v.exit).toBe(1);
    const co001 = v.report.criteria.find((c) => c.id === 'RC-CO001');
    expect(co001?.status).toBe('fail');
    expect(co001?.findings[0]).toMatchObject({ file: 'docker-compose.yml', line: expect.any(Number) });
    expect(v.report.errors).toEqual([]);
  });

  it('a binary file named Dockerfile: exit 1 with an RC-DF001 finding', async () => {
    await using m = await materialize('good');
    await writeFile(join(m.dir, 'rock-of-ages-api/Dockerfile'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0, 0xff]));
    const v = await gradeThroughCli(m.dir, [m.dir, '--static']);
    expect(v.exit).toBe(1);
    expect(v.failing).toContain('RC-DF001');
    expect(v.report.criteria.find((c) => c.id === 'RC-DF001')?.findings[0].message).toMatch(/binary/i);
    expect(v.report.errors).toEqual([]);
  });

  it('a profile that does not match its schema: exit 2 naming the line', async () => {
    const profile = join(scratch, 'bad-profile.yaml');
    await writeFile(profile, 'id: rock-of-ages\nname: x\nversion: one\n');
    const r = await cli(['--profile', profile, '--static', '--no-out', scratch]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad-profile\.yaml:3:10: \/version must be integer/);
  });
});
