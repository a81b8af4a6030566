import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultProfile } from '../profile/load.js';
import { IntakeError, takeIn, type IntakeRequest } from './index.js';
import { apiFiles, clientFiles, commitAll, git, removeTemps, tempDir, tree, under, writeTree } from './temp-tree.js';

afterAll(removeTemps);
const profile = defaultProfile();

const compose = `services:
  postgres-db:
    image: postgres:15
  api:
    build: {context: ./rock-of-ages-api}
  client:
    build: {context: ./rock-of-ages-client}
`;

/** The course layout: a plain parent folder holding the compose file and two repositories. */
function courseParent(): string {
  const root = tree({ 'docker-compose.yml': compose, ...under('rock-of-ages-api', apiFiles), ...under('rock-of-ages-client', clientFiles) });
  commitAll(join(root, 'rock-of-ages-api'));
  commitAll(join(root, 'rock-of-ages-client'));
  writeTree(root, { 'rock-of-ages-api/.env': 'DB_PASSWORD=localpassword123\n' });
  return root;
}

const shortHead = (dir: string) => git(dir, 'rev-parse', '--short', 'HEAD');

describe('takeIn: local folders', () => {
  it('the course parent folder, with git facts per component repository', async () => {
    const root = courseParent();
    const intake = await takeIn({ target: root }, { profile });
    const sub = intake.submission;
    expect(sub.root).toBe(root);
    expect(sub.source).toBe(root);
    expect(sub.layout).toBe('parent');
    expect(sub.compose).toBe('docker-compose.yml');
    expect(sub.components).toEqual({
      api: { role: 'api', dir: 'rock-of-ages-api', foundBy: 'compose', git: { isRepo: true, head: shortHead(join(root, 'rock-of-ages-api')) } },
      client: { role: 'client', dir: 'rock-of-ages-client', foundBy: 'compose', git: { isRepo: true, head: shortHead(join(root, 'rock-of-ages-client')) } },
    });
    expect(sub.files['rock-of-ages-api/seed_database.sh'].git).toEqual({ tracked: true, mode: '100755' });
    expect(sub.files['rock-of-ages-api/manage.py'].git).toEqual({ tracked: true, mode: '100644' });
    expect(sub.files['rock-of-ages-api/.env']).toMatchObject({ text: 'DB_PASSWORD=localpassword123\n', git: { tracked: false } });
    expect(sub.files['rock-of-ages-client/package.json'].git).toEqual({ tracked: true, mode: '100644' });
    expect(sub.files['docker-compose.yml']).toEqual({ path: 'docker-compose.yml', size: compose.length, text: compose, binary: false, executable: false });
    expect(Object.keys(sub.files).some((p) => p.includes('.git/'))).toBe(false);
    await intake.dispose();
    expect(existsSync(root)).toBe(true);
  });

  it('a parent folder that is itself the repository gives facts to the compose file too', async () => {
    const root = tree({ 'docker-compose.yml': compose, ...under('rock-of-ages-api', apiFiles), ...under('rock-of-ages-client', clientFiles) });
    commitAll(root);
    const { submission: sub } = await takeIn({ target: root }, { profile });
    expect(sub.components.api?.git).toEqual({ isRepo: true, head: shortHead(root) });
    expect(sub.files['docker-compose.yml'].git).toEqual({ tracked: true, mode: '100644' });
    expect(sub.files['rock-of-ages-api/seed_database.sh'].git).toEqual({ tracked: true, mode: '100755' });
  });

  it('an api repository alone', async () => {
    const root = tree(apiFiles);
    commitAll(root);
    const { submission: sub } = await takeIn({ target: root }, { profile });
    expect(sub.layout).toBe('api-only');
    expect(sub.compose).toBeUndefined();
    expect(sub.components).toEqual({ api: { role: 'api', dir: '', foundBy: 'root', git: { isRepo: true, head: shortHead(root) } } });
    expect(sub.files['seed_database.sh'].git).toEqual({ tracked: true, mode: '100755' });
  });

  it('--api alone is read like a target', async () => {
    const root = tree(apiFiles);
    const { submission: sub } = await takeIn({ api: root }, { profile });
    expect(sub.layout).toBe('api-only');
    expect(sub.components.api?.git).toEqual({ isRepo: false });
  });

  it('an api repository with its own compose file', async () => {
    const root = tree({ ...apiFiles, 'docker-compose.dev.yml': 'services:\n  api:\n    build: .\n' });
    commitAll(root);
    const { submission: sub } = await takeIn({ target: root }, { profile });
    expect(sub.layout).toBe('api-with-compose');
    expect(sub.compose).toBe('docker-compose.dev.yml');
    expect(sub.components.api).toMatchObject({ dir: '', foundBy: 'compose', git: { isRepo: true } });
  });

  it('a folder inside some larger repository: no git facts at all', async () => {
    const outer = tree({ 'README.md': 'course archive', ...under('students/s1', apiFiles) });
    commitAll(outer);
    const { submission: sub } = await takeIn({ target: join(outer, 'students/s1') }, { profile });
    expect(sub.components.api?.git).toEqual({ isRepo: false });
    expect(Object.values(sub.files).every((f) => f.git === undefined)).toBe(true);
  });

  it('records a link leaving the folder without reading through it', async () => {
    const outside = tree({ 'secret.env': 'DB_PASSWORD=real\n' });
    const root = tree({ ...apiFiles, '.env': { symlink: join(outside, 'secret.env') } });
    const { submission: sub } = await takeIn({ target: root }, { profile });
    expect(sub.files['.env']).toMatchObject({ binary: false, symlink: { outside: true } });
    expect(sub.files['.env'].text).toBeUndefined();
  });

  it('never writes inside the folder it reads', async () => {
    const root = courseParent();
    writeTree(root, { 'rock-of-ages-api/logo.png': Buffer.from([0x89, 0x50, 0x00, 0x01]), 'link': { symlink: '/etc' } });
    const before = snapshot(root);
    const intake = await takeIn({ target: root }, { profile });
    await intake.dispose();
    expect(snapshot(root)).toEqual(before);
  });
});

describe('takeIn: --api and --client given separately', () => {
  it('copies local folders side by side, keeping modes and the originals\' git facts', async () => {
    const api = tree({ ...apiFiles, 'node_modules/x.js': 'x', 'docker-compose.dev.yml': 'services:\n  api:\n    build: .\n' });
    commitAll(api);
    const client = tree(clientFiles);
    const work = tempDir('rc-work-');
    const before = snapshot(api);
    const intake = await takeIn({ api, client }, { profile, workDir: work });
    const sub = intake.submission;
    expect(sub.layout).toBe('separate');
    expect(sub.source).toBe(`--api ${api} --client ${client}`);
    expect(sub.root.startsWith(work)).toBe(true);
    expect(readdirSync(sub.root).sort()).toEqual(['api', 'client']);
    expect(sub.compose).toBe('api/docker-compose.dev.yml');
    expect(sub.components).toEqual({
      api: { role: 'api', dir: 'api', foundBy: 'argument', source: api, git: { isRepo: true, head: shortHead(api) } },
      client: { role: 'client', dir: 'client', foundBy: 'argument', source: client, git: { isRepo: false } },
    });
    expect(sub.files['api/seed_database.sh'].git).toEqual({ tracked: true, mode: '100755' });
    expect(statSync(join(sub.root, 'api/seed_database.sh')).mode & 0o111).not.toBe(0);
    expect(sub.files['client/package.json'].git).toBeUndefined();
    expect(existsSync(join(sub.root, 'api/node_modules'))).toBe(false);
    expect(existsSync(join(sub.root, 'api/.git'))).toBe(false);
    expect(snapshot(api)).toEqual(before);
    await intake.dispose();
    expect(readdirSync(work)).toEqual([]);
  });

  it('clones file:// URLs, each with its own ref', async () => {
    const api = tree(apiFiles);
    commitAll(api);
    git(api, 'checkout', '--quiet', '-b', 'part3');
    writeTree(api, { 'docker-compose.yml': 'services:\n  api:\n    build: .\n' });
    git(api, 'add', '.');
    git(api, 'commit', '--quiet', '-m', 'compose');
    git(api, 'checkout', '--quiet', 'main');
    const client = tree(clientFiles);
    commitAll(client);
    const work = tempDir('rc-work-');
    await using intake = await takeIn({ api: `file://${api}#part3`, client: `file://${client}` }, { profile, workDir: work });
    const sub = intake.submission;
    expect(sub.source).toBe(`--api file://${api}#part3 --client file://${client}`);
    expect(sub.compose).toBe('api/docker-compose.yml');
    const head = sub.components.api?.git?.head ?? '';
    expect(head.length).toBeGreaterThanOrEqual(7);
    expect(git(api, 'rev-parse', 'part3').startsWith(head)).toBe(true);
    expect(sub.files['api/seed_database.sh'].git).toEqual({ tracked: true, mode: '100755' });
    expect(sub.files['client/package.json'].git).toEqual({ tracked: true, mode: '100644' });
  });

  it('refuses an --api without manage.py', async () => {
    await expect(takeIn({ api: tree(clientFiles), client: tree(clientFiles) }, { profile, workDir: tempDir() })).rejects.toThrow(
      /^no Django API found in \S+: looked for manage.py at its top level$/,
    );
  });
});

describe('takeIn: git URLs', () => {
  it('clones into the work folder, reads the ref asked for, and dispose removes the clone', async () => {
    const repo = tree({ 'docker-compose.yml': compose, ...under('rock-of-ages-api', apiFiles), ...under('rock-of-ages-client', clientFiles) });
    commitAll(repo);
    git(repo, 'checkout', '--quiet', '-b', 'dev');
    writeTree(repo, { 'rock-of-ages-api/manage.py': 'dev\n' });
    git(repo, 'commit', '--quiet', '-am', 'dev');
    git(repo, 'checkout', '--quiet', 'main');
    const work = tempDir('rc-work-');
    const intake = await takeIn({ target: `file://localhost${repo}#dev` }, { profile, workDir: work });
    const sub = intake.submission;
    expect(sub.source).toBe(`file://localhost${repo}#dev`);
    expect(sub.root.startsWith(work)).toBe(true);
    expect(sub.layout).toBe('parent');
    expect(sub.files['rock-of-ages-api/manage.py'].text).toBe('dev\n');
    expect(sub.files['rock-of-ages-api/seed_database.sh'].git).toEqual({ tracked: true, mode: '100755' });
    expect(sub.components.client?.git?.isRepo).toBe(true);
    await intake.dispose();
    await intake.dispose();
    expect(readdirSync(work)).toEqual([]);
  });

  it('removes a failed clone before reporting', async () => {
    const work = tempDir('rc-work-');
    const repo = tree({ 'site/index.html': '<p>' });
    commitAll(repo);
    await expect(takeIn({ target: `file://${repo}` }, { profile, workDir: work })).rejects.toThrow(/^no Django API found in file:\/\//);
    await expect(takeIn({ target: `file://${repo}#nope` }, { profile, workDir: work })).rejects.toThrow(/Remote branch nope not found/);
    expect(readdirSync(work)).toEqual([]);
  });

  it('passes the size cap and timeout through', async () => {
    const repo = tree({ ...apiFiles, 'big.bin': Buffer.alloc(64 * 1024, 7) });
    commitAll(repo);
    await expect(takeIn({ target: `file://${repo}` }, { profile, workDir: tempDir(), maxCloneBytes: 4 * 1024 })).rejects.toThrow(
      /is larger than the clone limit of 4 KiB/,
    );
    await expect(takeIn({ target: `file://${repo}` }, { profile, workDir: tempDir(), cloneTimeoutMs: 1 })).rejects.toThrow(
      /did not finish within 0\.001 s/,
    );
  });
});

describe('takeIn: usage errors', () => {
  const missing = '/nonexistent/rock-of-ages-development';
  const cases: [string, () => IntakeRequest, RegExp][] = [
    ['nothing named', () => ({}), /^name a submission: a folder, a git URL, or --api and --client$/],
    ['target and --api', () => ({ target: '.', api: '.' }), /^name either one submission \(a folder or a git URL\) or --api and --client, not both$/],
    ['--client alone', () => ({ client: '.' }), /^--client needs --api/],
    ['a missing folder', () => ({ target: missing }), /^no such folder: \/nonexistent\/rock-of-ages-development\. Name the folder/],
    ['a file', () => ({ target: join(tree({ 'docker-compose.yml': compose }), 'docker-compose.yml') }), /docker-compose\.yml is a file, not a folder: name the folder that holds the submission$/],
    ['an empty folder', () => ({ target: tempDir() }), /^\S+ is empty: no files to grade \(\.git, node_modules, \.venv, __pycache__ are not read\)$/],
    ['a folder with only .git and node_modules', () => ({ target: tree({ '.git/HEAD': 'x', 'node_modules/a/b.js': 'x' }) }), /is empty: no files to grade/],
    ['no api', () => ({ target: tree({ 'README.md': 'hi' }) }), /^no Django API found in \S+: looked for manage.py at its top level, in its sub-folders \(none\)/],
    ['an ext:: URL', () => ({ target: 'ext::sh -c id' }), /^refused source /],
    ['a missing --client folder', () => ({ api: tree(apiFiles), client: missing }), /^no such folder: \/nonexistent/],
    ['an empty --client folder', () => ({ api: tree(apiFiles), client: tempDir() }), /is empty: no files to grade/],
  ];
  it.each(cases)('%s', async (_, req, message) => {
    const work = tempDir('rc-work-');
    const err = await takeIn(req(), { profile, workDir: work }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntakeError);
    expect((err as Error).message).toMatch(message);
    expect(readdirSync(work)).toEqual([]);
  });
});

/** Every entry below a folder, .git included: kind, mode, mtime and content hash. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const st = lstatSync(abs);
      const rel = abs.slice(root.length);
      const kind = st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : 'f';
      const hash = kind === 'f' ? createHash('sha256').update(readFileSync(abs)).digest('hex') : '';
      out[rel] = `${kind} ${st.mode} ${st.mtimeMs} ${st.ctimeMs} ${hash}`;
      if (kind === 'd') visit(abs);
    }
  };
  visit(root);
  out['.'] = `${statSync(root).mtimeMs}`;
  return out;
}
