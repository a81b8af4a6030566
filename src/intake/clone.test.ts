import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneInto } from './clone.js';
import { IntakeError } from './intake-error.js';
import { parseSource, type GitSource } from './source-spec.js';
import { commitAll, git, removeTemps, tempDir, tree, writeTree } from './temp-tree.js';

afterAll(removeTemps);

const limits = { timeoutMs: 20_000, maxBytes: 50 * 1024 * 1024 };
const spec = (named: string) => parseSource(named) as GitSource;
const dest = () => join(tempDir('rc-clone-'), 'submission');

let origin: string;
let firstSha: string;

beforeAll(() => {
  origin = tree({ 'manage.py': 'v1\n' });
  firstSha = commitAll(origin, 'first');
  git(origin, 'tag', 'v1');
  writeTree(origin, { 'manage.py': 'v2\n' });
  git(origin, 'commit', '--quiet', '-am', 'second');
  git(origin, 'checkout', '--quiet', '-b', 'dev');
  writeTree(origin, { 'manage.py': 'dev\n' });
  git(origin, 'commit', '--quiet', '-am', 'on dev');
  git(origin, 'checkout', '--quiet', 'main');
});

describe('cloneInto with file:// URLs', () => {
  it('clones the default branch shallow, one branch, no tags, no hooks', async () => {
    const to = dest();
    await cloneInto(spec(`file://${origin}`), to, limits);
    expect(readFileSync(join(to, 'manage.py'), 'utf8')).toBe('v2\n');
    expect(git(to, 'rev-list', '--count', 'HEAD')).toBe('1');
    expect(git(to, 'tag')).toBe('');
    expect(git(to, 'branch', '-r')).not.toContain('dev');
    expect(existsSync(join(to, '.git/hooks')) ? readdirSync(join(to, '.git/hooks')) : []).toEqual([]);
  });

  it.each([
    ['dev', 'dev\n'],
    ['v1', 'v1\n'],
  ])('#%s checks out that branch or tag', async (ref, content) => {
    const to = dest();
    await cloneInto(spec(`file://${origin}#${ref}`), to, limits);
    expect(readFileSync(join(to, 'manage.py'), 'utf8')).toBe(content);
  });

  it('#<full sha> fetches that commit alone', async () => {
    const to = dest();
    await cloneInto(spec(`file://${origin}#${firstSha}`), to, limits);
    expect(readFileSync(join(to, 'manage.py'), 'utf8')).toBe('v1\n');
    expect(git(to, 'rev-parse', 'HEAD')).toBe(firstSha);
    expect(git(to, 'rev-list', '--count', 'HEAD')).toBe('1');
  });

  it('#<short sha> that is no branch asks for the full sha', async () => {
    await expect(cloneInto(spec(`file://${origin}#${firstSha.slice(0, 8)}`), dest(), limits)).rejects.toThrow(
      `cannot clone file://${origin}#${firstSha.slice(0, 8)}: "${firstSha.slice(0, 8)}" is neither a branch nor a tag; ` +
        'to grade a commit, give its full 40-character sha',
    );
  });

  it('an unknown branch: git\'s reason, naming the URL', async () => {
    await expect(cloneInto(spec(`file://${origin}#nope`), dest(), limits)).rejects.toThrow(
      `cannot clone file://${origin}#nope: Remote branch nope not found in upstream origin`,
    );
  });

  it('an unknown commit', async () => {
    const sha = 'f'.repeat(40);
    await expect(cloneInto(spec(`file://${origin}#${sha}`), dest(), limits)).rejects.toThrow(
      new RegExp(`^cannot clone file://${origin}#${sha}: `),
    );
  });

  it('a refused ssh connection: ssh\'s own reason', async () => {
    await expect(cloneInto(spec('ssh://git@127.0.0.1:1/x.git'), dest(), limits)).rejects.toThrow(
      'cannot clone ssh://127.0.0.1:1/x.git: ssh: connect to host 127.0.0.1 port 1: Connection refused; Could not read from remote repository.',
    );
  });

  it('a missing repository', async () => {
    await expect(cloneInto(spec('file:///nonexistent/repo.git'), dest(), limits)).rejects.toThrow(
      /^cannot clone file:\/\/\/nonexistent\/repo\.git: .*does not appear to be a git repository/,
    );
  });

  it('does not fetch submodules', async () => {
    const child = tree({ 'inner.txt': 'inner' });
    commitAll(child);
    const parent = tree({ 'manage.py': 'x' });
    commitAll(parent);
    git(parent, '-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', `file://${child}`, 'sub');
    git(parent, 'commit', '--quiet', '-m', 'sub');
    const to = dest();
    await cloneInto(spec(`file://${parent}`), to, limits);
    expect(existsSync(join(to, '.gitmodules'))).toBe(true);
    expect(readdirSync(join(to, 'sub'))).toEqual([]);
  });

  it('refuses a clone past the size cap', async () => {
    const big = tree({ 'manage.py': 'x', 'data.bin': randomBytes(400 * 1024) });
    commitAll(big);
    const run = cloneInto(spec(`file://${big}`), dest(), { ...limits, maxBytes: 100 * 1024 });
    await expect(run).rejects.toThrow(IntakeError);
    await expect(cloneInto(spec(`file://${big}`), dest(), { ...limits, maxBytes: 100 * 1024 })).rejects.toThrow(
      `file://${big} is larger than the clone limit of 100 KiB; cloning stopped`,
    );
  });
});

describe('cloneInto with a host that never answers', () => {
  let server: Server;
  let port: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = createServer((s) => sockets.push(s)); // accepts, never replies
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });

  it('stops at the timeout and names the URL without its credentials', async () => {
    const started = Date.now();
    const err = await cloneInto(spec(`https://student:hunter2secret@127.0.0.1:${port}/s/api.git#main`), dest(), {
      ...limits,
      timeoutMs: 500,
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err).toBeInstanceOf(IntakeError);
    expect((err as Error).message).toBe(
      `cloning https://127.0.0.1:${port}/s/api.git#main did not finish within 0.5 s and was stopped; ` +
        'check the URL and that its host is reachable, or allow more time',
    );
  });
});

describe('cloneInto failure messages', () => {
  it('never repeat credentials git printed', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const err = (await cloneInto(spec(`https://student:hunter2secret@127.0.0.1:${closed}/s/api.git`), dest(), limits).catch(
      (e: unknown) => e,
    )) as Error;
    expect(err).toBeInstanceOf(IntakeError);
    expect(err.message).toMatch(new RegExp(`^cannot clone https://127\\.0\\.0\\.1:${closed}/s/api\\.git: `));
    expect(err.message).toMatch(/Failed to connect to 127\.0\.0\.1/);
    expect(err.message).not.toMatch(/hunter2secret|student/);
  });
});
