import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { badNameReason } from '../model/submission.js';
import { afterAll, describe, expect, it } from 'vitest';
import { IntakeError } from './intake-error.js';
import { removeTemps, tree } from './temp-tree.js';
import { decodeContent, walkFiles } from './walk.js';

afterAll(removeTemps);

const limits = { maxFiles: 100, maxTotalBytes: 1024 * 1024, maxTextBytes: 64 };

describe('walkFiles', () => {
  it('records the execute bit from the file system', async () => {
    const root = tree({ 'seed_database.sh': { text: '#!/bin/bash\n', executable: true }, 'manage.py': 'print(1)\n' });
    const files = await walkFiles(root, 'sample', limits);
    expect(files['seed_database.sh'].executable).toBe(true);
    expect(files['manage.py'].executable).toBe(false);
  });

  it('lists every file with text, keyed by forward-slash paths, skipping dependency and VCS folders', async () => {
    const root = tree({
      'Dockerfile': 'FROM python:3.11-slim\n',
      'rockapi/fixtures/rocks.json': '[]',
      'empty.txt': '',
      'crlf.sh': '#!/bin/bash\r\necho hi\r\n',
      'bom.py': '\ufeffimport os\n',
      '.git/config': '[core]\n',
      'node_modules/x/index.js': 'x',
      'client/node_modules/y/index.js': 'y',
      '.venv/bin/python': 'py',
      'rockapi/__pycache__/a.pyc': 'c',
      'sub/.git': 'gitdir: ../.git/modules/sub\n',
    });
    const files = await walkFiles(root, 'sample', limits);
    expect(Object.keys(files).sort()).toEqual(['Dockerfile', 'bom.py', 'crlf.sh', 'empty.txt', 'rockapi/fixtures/rocks.json']);
    expect(files['Dockerfile']).toEqual({ path: 'Dockerfile', size: 22, text: 'FROM python:3.11-slim\n', binary: false, executable: false });
    expect(files['empty.txt']).toMatchObject({ size: 0, text: '', binary: false, executable: false });
    expect(files['crlf.sh'].text).toBe('#!/bin/bash\r\necho hi\r\n');
    expect(files['bom.py'].text).toBe('\ufeffimport os\n');
  });

  it('flags binary files (NUL byte or invalid UTF-8) and keeps no text for them, saying why', async () => {
    const root = tree({
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
      'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      'utf16.yml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('services: {}\n', 'utf16le')]),
      'utf16-no-bom.yml': Buffer.from('services: {}\n', 'utf16le'),
      'utf8.txt': 'café ☕\n',
    });
    const files = await walkFiles(root, 'sample', limits);
    expect(files['logo.png']).toEqual({ path: 'logo.png', size: 10, binary: true, executable: false, unreadable: 'contains NUL bytes (binary content, not text)' });
    expect(files['latin1.txt']).toEqual({
      path: 'latin1.txt',
      size: 5,
      binary: true,
      executable: false,
      unreadable: 'is not UTF-8 text (saved in another encoding?): save it as UTF-8',
    });
    expect(files['utf16.yml'].unreadable).toBe('is not UTF-8 (UTF-16: save it as UTF-8)');
    expect(files['utf16-no-bom.yml'].unreadable).toBe('is not UTF-8 (UTF-16: save it as UTF-8)');
    expect(files['utf8.txt']).toMatchObject({ text: 'café ☕\n', binary: false, executable: false });
    expect(files['utf8.txt'].unreadable).toBeUndefined();
  });

  it('refuses a NUL byte anywhere in a file it reads, not only in the first 8 KiB (Python refuses such a file)', async () => {
    const root = tree({ 'settings.py': Buffer.concat([Buffer.alloc(9000, 0x23), Buffer.from('\n\0x = 1\n')]) });
    const files = await walkFiles(root, 'sample', { ...limits, maxTextBytes: 1024 * 1024 });
    expect(files['settings.py']).toMatchObject({ binary: true, unreadable: 'contains NUL bytes (binary content, not text)' });
    expect(files['settings.py'].text).toBeUndefined();
  });

  it('lists a file whose name is not UTF-8 without reading it, and goes on with the rest', async () => {
    const root = tree({ 'ok.txt': 'fine\n', 'sub/a.txt': 'a' });
    writeFileSync(Buffer.from(`${root}/caf\xe9.txt`, 'latin1'), 'x');
    mkdirSync(Buffer.from(`${root}/d\xe9p`, 'latin1'));
    writeFileSync(Buffer.concat([Buffer.from(`${root}/d\xe9p`, 'latin1'), Buffer.from('/inner.txt')]), 'y');
    const files = await walkFiles(root, 'sample', limits);
    expect(files['caf\ufffd.txt']).toMatchObject({ size: 1, unreadable: badNameReason });
    expect(files['caf\ufffd.txt'].text).toBeUndefined();
    expect(files['d\ufffdp/inner.txt']).toMatchObject({ size: 1, unreadable: badNameReason });
    expect(files['ok.txt'].text).toBe('fine\n');
    expect(files['sub/a.txt'].text).toBe('a');
  });

  it('lists oversized files without text, judging binary from their first 8 KiB', async () => {
    const root = tree({
      'big.txt': 'a'.repeat(100),
      'big.bin': Buffer.concat([Buffer.alloc(100, 0x41), Buffer.from([0])]),
      'late-nul.txt': Buffer.concat([Buffer.alloc(9000, 0x41), Buffer.from([0])]),
    });
    const files = await walkFiles(root, 'sample', limits);
    const larger = (size: number) => `is larger than 64 bytes (${size} bytes), more than any text file of a submission`;
    expect(files['big.txt']).toEqual({ path: 'big.txt', size: 100, binary: false, executable: false, unreadable: larger(100) });
    expect(files['big.bin']).toEqual({ path: 'big.bin', size: 101, binary: true, executable: false, unreadable: 'contains NUL bytes (binary content, not text)' });
    expect(files['late-nul.txt']).toEqual({ path: 'late-nul.txt', size: 9001, binary: false, executable: false, unreadable: 'is larger than 64 bytes (8.8 KiB), more than any text file of a submission' });
  });

  it('records links: content of a file inside the root, never following one that leaves it', async () => {
    const outside = tree({ 'secret.txt': 'DB_PASSWORD=outside\n' });
    const root = tree({
      '.env.example': 'DB_NAME=rockofages\n',
      '.env': { symlink: '.env.example' },
      'escape.txt': { symlink: `${outside}/secret.txt` },
      'relative-escape': { symlink: '../../../../../../etc/passwd' },
      'dangling': { symlink: 'nowhere/at/all' },
      'dir-link': { symlink: 'real-dir' },
      'real-dir/file.txt': 'x',
    });
    const files = await walkFiles(root, 'sample', limits);
    expect(files['.env']).toMatchObject({ text: 'DB_NAME=rockofages\n', binary: false, symlink: { target: '.env.example', outside: false } });
    expect(files['escape.txt']).toMatchObject({ symlink: { target: `${outside}/secret.txt`, outside: true } });
    expect(files['escape.txt'].text).toBeUndefined();
    expect(files['escape.txt'].unreadable).toBe(`is a link outside the submission (to ${outside}/secret.txt): put the file itself there`);
    expect(files['relative-escape'].symlink?.outside).toBe(true);
    expect(files['relative-escape'].text).toBeUndefined();
    expect(files['dangling']).toMatchObject({ symlink: { target: 'nowhere/at/all', outside: false } });
    expect(files['dangling'].text).toBeUndefined();
    expect(files['dir-link']).toMatchObject({ symlink: { target: 'real-dir', outside: false } });
    expect(files['dir-link/file.txt']).toBeUndefined();
    expect(files['real-dir/file.txt'].text).toBe('x');
  });

  it('leaves out FIFOs, which could block a read', async () => {
    const root = tree({ 'a.txt': 'a' });
    execFileSync('mkfifo', [`${root}/pipe`]);
    expect(Object.keys(await walkFiles(root, 'sample', limits))).toEqual(['a.txt']);
  });

  it('stops past the file-count cap with an IntakeError', async () => {
    const root = tree(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`f${i}.txt`, 'x'])));
    const run = walkFiles(root, 'student-folder', { ...limits, maxFiles: 5 });
    await expect(run).rejects.toThrow(IntakeError);
    await expect(walkFiles(root, 'student-folder', { ...limits, maxFiles: 5 })).rejects.toThrow(
      /^student-folder holds more than 5 files \(not counting \.git, node_modules, \.venv, __pycache__\)/,
    );
    await expect(walkFiles(root, 'student-folder', { ...limits, maxFiles: 6 })).resolves.toBeDefined();
  });

  it('stops past the total-size cap with an IntakeError', async () => {
    const root = tree({ 'a.bin': Buffer.alloc(3000), 'b.bin': Buffer.alloc(3000) });
    await expect(walkFiles(root, 'student-folder', { ...limits, maxTotalBytes: 4096 })).rejects.toThrow(
      /^student-folder holds more than 4 KiB of files; remove build output/,
    );
  });
});

describe('decodeContent', () => {
  it('accepts a multi-byte character cut at the end of a partial read', () => {
    const bytes = Buffer.from('ab☕');
    expect(decodeContent(bytes.subarray(0, bytes.length - 1), false)).toEqual({ binary: false });
    expect(decodeContent(bytes.subarray(0, bytes.length - 1), true)).toMatchObject({ binary: true, unreadable: /not UTF-8/ });
  });
});
