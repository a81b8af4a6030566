import { chownSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SubmissionFile } from '../model/submission.js';
import { applyGitFacts, findRepo, placeRepo, type RepoFacts } from './git-facts.js';
import { apiFiles, commitAll, git, removeTemps, tree, under, writeTree } from './temp-tree.js';
import { walkFiles } from './walk.js';

afterAll(removeTemps);

describe('findRepo', () => {
  it('reads modes from the index and HEAD as a short sha', async () => {
    const root = tree({ ...apiFiles, 'link.txt': { symlink: 'manage.py' } });
    const sha = commitAll(root);
    writeTree(root, { 'untracked.txt': 'new' });
    const facts = await findRepo(root, root);
    expect(facts?.top).toBe(realpathSync(root));
    expect(facts?.head).toBe(git(root, 'rev-parse', '--short', 'HEAD'));
    expect(sha.startsWith(facts!.head!)).toBe(true);
    expect(facts?.modes.get('seed_database.sh')).toBe('100755');
    expect(facts?.modes.get('manage.py')).toBe('100644');
    expect(facts?.modes.get('rockproject/settings.py')).toBe('100644');
    expect(facts?.modes.get('link.txt')).toBe('120000');
    expect(facts?.modes.has('untracked.txt')).toBe(false);
  });

  it('takes the mode the index holds, not the file system one', async () => {
    const root = tree({ 'seed_database.sh': { text: '#!/bin/bash\n', executable: true } });
    git(root, 'init', '--quiet');
    git(root, 'update-index', '--add', '--chmod=-x', 'seed_database.sh');
    git(root, 'commit', '--quiet', '-m', 'x');
    expect((await findRepo(root, root))?.modes.get('seed_database.sh')).toBe('100644');
  });

  it('does not use a repository that a .git file places outside the folder graded', async () => {
    const elsewhere = tree({ ...apiFiles });
    commitAll(elsewhere);
    const root = tree({ ...apiFiles, '.git': `gitdir: ${realpathSync(elsewhere)}/.git\n` });
    expect(await findRepo(root, root)).toBeUndefined();
  });

  it('uses a submodule whose .git file points inside the folder graded', async () => {
    const root = tree({ ...apiFiles });
    commitAll(root);
    const inner = tree({ 'x.txt': 'x' });
    commitAll(inner);
    git(root, '-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', realpathSync(inner), 'sub');
    const facts = await findRepo(join(root, 'sub'), root);
    expect(facts?.modes.get('x.txt')).toBe('100644');
  });

  it('a repository without commits has no head', async () => {
    const root = tree({ 'manage.py': 'x' });
    git(root, 'init', '--quiet');
    git(root, 'add', 'manage.py');
    const facts = await findRepo(root, root);
    expect(facts?.head).toBeUndefined();
    expect(facts?.modes.get('manage.py')).toBe('100644');
  });

  it.runIf(process.getuid?.() === 0)('reads a repository owned by another user', async () => {
    const root = tree({ 'manage.py': 'x' });
    commitAll(root);
    const chownAll = (dir: string) => {
      chownSync(dir, 65534, 65534);
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) chownAll(join(dir, e.name));
        else chownSync(join(dir, e.name), 65534, 65534);
      }
    };
    chownAll(root);
    expect((await findRepo(root, root))?.modes.get('manage.py')).toBe('100644');
  });

  it('ignores a GIT_DIR set in the environment', async () => {
    const other = tree({ 'other.txt': 'x' });
    commitAll(other);
    const root = tree({ 'manage.py': 'x' });
    commitAll(root);
    process.env.GIT_DIR = join(other, '.git');
    try {
      const facts = await findRepo(root, root);
      expect([...(facts?.modes.keys() ?? [])]).toEqual(['manage.py']);
    } finally {
      delete process.env.GIT_DIR;
    }
  });

  it('no facts when the folder is not in a work tree', async () => {
    const root = tree({ 'manage.py': 'x' });
    expect(await findRepo(root, root)).toBeUndefined();
  });

  it('no facts when the repository top level lies above the folder graded', async () => {
    const outer = tree({ 'README.md': 'x', ...under('students/s1', apiFiles) });
    commitAll(outer);
    const graded = join(outer, 'students/s1');
    expect(await findRepo(graded, graded)).toBeUndefined();
    expect(await findRepo(outer, outer)).toBeDefined();
  });

  it('a component repository inside the folder graded', async () => {
    const root = tree({ 'docker-compose.yml': 'services: {}\n', ...under('rock-of-ages-api', apiFiles) });
    commitAll(join(root, 'rock-of-ages-api'));
    const facts = await findRepo(join(root, 'rock-of-ages-api'), root);
    expect(facts?.top).toBe(realpathSync(join(root, 'rock-of-ages-api')));
    expect(await findRepo(root, root)).toBeUndefined();
  });
});

describe('placeRepo and applyGitFacts', () => {
  const facts = (top: string, modes: Record<string, string>): RepoFacts => ({ top, modes: new Map(Object.entries(modes)) });

  it('places a repository relative to the component it was found from', () => {
    expect(placeRepo(facts('/s/api', {}), 'api', '/s/api')).toEqual({ dir: 'api', facts: facts('/s/api', {}) });
    expect(placeRepo(facts('/s', {}), 'api', '/s/api')?.dir).toBe('');
    expect(placeRepo(facts('/s', {}), 'a/b', '/s/a/b')?.dir).toBe('');
    expect(placeRepo(facts('/orig/x', {}), 'api', '/orig/x')?.dir).toBe('api');
    expect(placeRepo(facts('/', {}), 'api', '/s/api')).toBeUndefined();
  });

  it('takes each file from the innermost repository holding it', async () => {
    const root = tree({ 'docker-compose.yml': 'x', '.env': 'x', 'api/manage.py': 'x', 'api/.env': 'x', 'client/package.json': 'x' });
    const files: Record<string, SubmissionFile> = await walkFiles(root, 'r');
    applyGitFacts(files, [
      { dir: '', facts: facts('/r', { 'docker-compose.yml': '100644', 'api/.env': '100644' }) },
      { dir: 'api', facts: facts('/r/api', { 'manage.py': '100755' }) },
    ]);
    expect(files['docker-compose.yml'].git).toEqual({ tracked: true, mode: '100644' });
    expect(files['.env'].git).toEqual({ tracked: false });
    expect(files['api/manage.py'].git).toEqual({ tracked: true, mode: '100755' });
    expect(files['api/.env'].git).toEqual({ tracked: false });
    expect(files['client/package.json'].git).toEqual({ tracked: false });
  });

  it('leaves files outside every repository without git facts', async () => {
    const root = tree({ 'docker-compose.yml': 'x', 'api/manage.py': 'x' });
    const files = await walkFiles(root, 'r');
    applyGitFacts(files, [{ dir: 'api', facts: facts('/r/api', { 'manage.py': '100644' }) }]);
    expect(files['docker-compose.yml'].git).toBeUndefined();
    expect(files['api/manage.py'].git).toEqual({ tracked: true, mode: '100644' });
  });
});
