import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** For intake tests: folders and git repositories built on disk, removed by removeTemps(). */
export type TreeEntry = string | Buffer | { text: string | Buffer; executable?: boolean } | { symlink: string };

const made: string[] = [];

export function tempDir(prefix = 'rc-intake-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (and links) below `root`, creating folders as needed. */
export function writeTree(root: string, entries: Record<string, TreeEntry>): string {
  for (const [path, entry] of Object.entries(entries)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof entry === 'object' && 'symlink' in entry) {
      symlinkSync(entry.symlink, abs);
      continue;
    }
    const e = typeof entry === 'string' || Buffer.isBuffer(entry) ? { text: entry } : entry;
    writeFileSync(abs, e.text);
    chmodSync(abs, e.executable ? 0o755 : 0o644);
  }
  return root;
}

export function tree(entries: Record<string, TreeEntry>): string {
  return writeTree(tempDir(), entries);
}

const gitIdentity = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...gitIdentity }, encoding: 'utf8' }).trim();
}

/** `git init` in `dir`, adds the given paths (all when none) and commits; returns the full sha. */
export function commitAll(dir: string, message = 'work', paths: string[] = ['.']): string {
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '--', ...paths);
  git(dir, 'commit', '--quiet', '--no-verify', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

/** Minimal course-shaped components. */
export const apiFiles: Record<string, TreeEntry> = {
  'manage.py': 'import sys\n',
  'Dockerfile': 'FROM python:3.11-slim\n',
  'seed_database.sh': { text: '#!/bin/bash\npython manage.py migrate\n', executable: true },
  'rockproject/settings.py': 'DEBUG = True\n',
};

export const clientFiles: Record<string, TreeEntry> = {
  'package.json': '{"name": "rock-of-ages-client"}\n',
  'Dockerfile': 'FROM node:18-alpine\n',
  'src/App.jsx': 'export default function App() { return null }\n',
};

export function under(dir: string, entries: Record<string, TreeEntry>): Record<string, TreeEntry> {
  return Object.fromEntries(Object.entries(entries).map(([p, e]) => [`${dir}/${p}`, e]));
}
