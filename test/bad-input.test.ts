import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir, readFile, symlink, unlink, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../src/cli/run-command.js';
import { memoryIo } from '../src/cli/test-io.js';
import { materialize } from './support/materialize.js';
import { gradeThroughCli, type Verdict } from './verdicts.js';

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
    expect(r.err).toMatch(/bad-profile\.yaml:3:10: \/version must be equal to constant: 2/);
  });
});

/** Rejects when `work` has not finished `ms` after it started: the grade must end, whatever the submission holds. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const hostile = (name: string) => join(import.meta.dirname, 'hostile', name);
const API = 'rock-of-ages-api';

/** A static grade of the good fixture with one change, finished by a deadline, with no internal error. */
async function gradeWith(change: (dir: string) => Promise<void>): Promise<Verdict> {
  await using m = await materialize('good');
  await change(m.dir);
  const v = await within(120_000, gradeThroughCli(m.dir, [m.dir, '--static']));
  expect(v.report.errors).toEqual([]);
  expect([0, 1]).toContain(v.exit);
  return v;
}

const messages = (v: Verdict, id: string) => (v.report.criteria.find((c) => c.id === id)?.findings ?? []).map((f) => f.message);

describe('nothing a submission holds hangs or crashes the grade', () => {
  it('a workflow whose aliases expand to a billion nodes: RC-WF002 names the alias bomb', async () => {
    const v = await gradeWith((dir) => copyFile(hostile('workflow-alias-bomb.yml'), join(dir, API, '.github/workflows/bomb.yml')));
    expect(v.failing).toContain('RC-WF002');
    expect(messages(v, 'RC-WF002').join('\n')).toMatch(/aliases expand to more than 100000 nodes/);
  }, 150_000);

  it('a compose file of 1 MB with tens of thousands of keys and aliases is graded in linear time', async () => {
    // the quadratic steps (duplicate keys, alias resolution, positions) took minutes on such a file
    let text = 'x-base: &base {image: "postgres:16"}\nservices:\n  odd: {image: x, bogus: 1}\n';
    for (let i = 0; text.length < 1_000_000; i++) text += `  s${i}: *base\n  t${i}: {image: x, environment: {K${i}: v}}\n`;
    const v = await gradeWith((dir) => writeFile(join(dir, 'docker-compose.yml'), text));
    expect(v.failing).toContain('RC-CO001');
    expect(messages(v, 'RC-CO001').join('\n')).toMatch(/additional property "bogus" is not allowed/);
  }, 150_000);

  it('a compose file over 1 MiB is not read: RC-CO001 says it is larger than 1 MiB', async () => {
    const v = await gradeWith(async (dir) => {
      const good = await readFile(join(dir, 'docker-compose.yml'), 'utf8');
      await writeFile(join(dir, 'docker-compose.yml'), `${good}# ${'x'.repeat(1024 * 1024)}\n`);
    });
    expect(messages(v, 'RC-CO001').join('\n')).toMatch(/is larger than 1 MiB/);
  }, 150_000);

  it('a compose file nested 50 000 levels deep: RC-CO001 says "nested too deep"', async () => {
    const v = await gradeWith((dir) => writeFile(join(dir, 'docker-compose.yml'), `services: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`));
    expect(messages(v, 'RC-CO001').join('\n')).toMatch(/nested too deep/);
    expect(messages(v, 'RC-CO001').join('\n')).not.toMatch(/call stack/);
  }, 150_000);

  it('a settings.py of thousands of nested calls: RC-CF001 says "nested too deep"', async () => {
    const v = await gradeWith((dir) =>
      writeFile(join(dir, API, 'rockproject/settings.py'), `DATABASES = ${'dict('.repeat(5000)}${')'.repeat(5000)}\n`),
    );
    expect(v.failing).toContain('RC-CF001');
    expect(messages(v, 'RC-CF001').join('\n')).toMatch(/nested too deep/);
  }, 150_000);

  it('a .gitignore line of many * and a [z-a] range: the configuration checks still run', async () => {
    const v = await gradeWith((dir) => copyFile(hostile('gitignore-backtracking'), join(dir, API, '.gitignore')));
    const cf005 = v.report.criteria.find((c) => c.id === 'RC-CF005');
    expect(cf005?.status).toBe('pass');
  }, 150_000);

  it('a file name that is not UTF-8: the grade goes on and a notice names the file', async () => {
    const v = await gradeWith(async (dir) => {
      await writeFile(Buffer.concat([Buffer.from(join(dir, API, 'notes-caf')), Buffer.from([0xe9]), Buffer.from('.txt')]), 'x');
    });
    expect(v.report.notices?.join('\n')).toMatch(/notes-caf\ufffd\.txt/);
    expect(v.failing).not.toContain('RC-DF001');
  }, 150_000);

  it('a file name that is not UTF-8 in an api given with --api: copied and listed, the grade goes on', async () => {
    await using m = await materialize('good');
    await writeFile(Buffer.concat([Buffer.from(join(m.dir, API, 'notes-caf')), Buffer.from([0xe9]), Buffer.from('.txt')]), 'x');
    const args = ['--api', join(m.dir, API), '--client', join(m.dir, 'rock-of-ages-client'), '--static'];
    const v = await within(120_000, gradeThroughCli(m.dir, args));
    expect(v.report.errors).toEqual([]);
    expect(v.report.notices?.join('\n')).toMatch(/notes-caf\ufffd\.txt/);
  }, 150_000);

  it('a NUL byte after the first 8 KiB of settings.py: RC-CF001 says it contains NUL bytes', async () => {
    const v = await gradeWith(async (dir) => {
      const path = join(dir, API, 'rockproject/settings.py');
      const good = await readFile(path);
      await writeFile(path, Buffer.concat([Buffer.from(`${'#'.repeat(9000)}\n`), good, Buffer.from('\0\n')]));
    });
    expect(v.failing).toContain('RC-CF001');
    expect(messages(v, 'RC-CF001').join('\n')).toMatch(/contains NUL bytes/);
  }, 150_000);

  it('a compose file saved as UTF-16: RC-CO001 says so instead of "not a text file"', async () => {
    const v = await gradeWith(async (dir) => {
      const good = await readFile(join(dir, 'docker-compose.yml'), 'utf8');
      await writeFile(join(dir, 'docker-compose.yml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]));
    });
    expect(messages(v, 'RC-CO001').join('\n')).toMatch(/is not UTF-8 \(UTF-16: save it as UTF-8\)/);
  }, 150_000);

  it('a docker-compose.yml that links to a file inside the submission is graded through the link', async () => {
    const v = await gradeWith(async (dir) => {
      const broken = (await readFile(join(dir, 'docker-compose.yml'), 'utf8')).replace('services:', 'services:\n  extra: {image: x, bogus: 1}');
      await writeFile(join(dir, 'compose-real.yml'), broken);
      await unlink(join(dir, 'docker-compose.yml'));
      await symlink('compose-real.yml', join(dir, 'docker-compose.yml'));
    });
    expect(v.report.submission.compose).toBe('docker-compose.yml');
    expect(messages(v, 'RC-CO001').join('\n')).toMatch(/additional property "bogus"/);
  }, 150_000);
});

describe('a hostile --profile: exit 2 with a clear message, at once', () => {
  const profileRun = (file: string) => within(10_000, cli(['--profile', file, '--static', '--no-out', scratch]));

  it.each([
    ['an alias bomb', 'bomb.yaml', () => aliasBombText(), /aliases expand to more than 100000 nodes/],
    ['nesting 100 000 levels deep', 'deep.yaml', () => `id: ${'['.repeat(100_000)}\n`, /nested too deep/],
  ])('%s', async (_name, file, text, message) => {
    const path = join(scratch, file);
    await writeFile(path, text());
    const r = await profileRun(path);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    noStackTrace(r.err);
  });

  it('points of 1e308', async () => {
    const good = await readFile(join(import.meta.dirname, '../profiles/rock-of-ages.yaml'), 'utf8');
    const path = join(scratch, 'points.yaml');
    await writeFile(path, good.replace(/points: \d+/, 'points: 1e308'));
    const r = await profileRun(path);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/points must be <= 1000/);
  });

  it.each([['/dev/zero', () => '/dev/zero'], ['a FIFO', () => {
    const fifo = join(scratch, 'profile.fifo');
    execFileSync('mkfifo', [fifo]);
    return fifo;
  }]])('%s', async (_name, make) => {
    const r = await profileRun(make());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a regular file/);
  });
});

function aliasBombText(): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}
