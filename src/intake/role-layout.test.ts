import { afterAll, describe, expect, it } from 'vitest';
import { builtinProfile } from '../profile/load.js';
import type { RoleProfile } from '../profile/profile.js';
import { IntakeError } from './intake-error.js';
import { takeIn } from './index.js';
import { detectLayout } from './layout.js';
import { removeTemps, tempDir, tree } from './temp-tree.js';

afterAll(removeTemps);
const profile = builtinProfile('friendlyhello-redis') as RoleProfile;
const app = 'from flask import Flask\n';

describe('detectLayout for a profile graded from roles', () => {
  it('a compose file at the top: with-compose, no components', async () => {
    const root = tree({ 'compose.yaml': 'services: {}\n', 'app.py': app });
    expect(await detectLayout(root, profile, 'sub')).toEqual({ layout: 'with-compose', compose: 'compose.yaml', components: {} });
  });

  it('no compose file, the marker at the top or one folder down: without-compose', async () => {
    expect(await detectLayout(tree({ 'app.py': app, Dockerfile: 'FROM python:3.12\n' }), profile, 'sub')).toEqual({ layout: 'without-compose', components: {} });
    expect(await detectLayout(tree({ 'hello/app.py': app }), profile, 'sub')).toEqual({ layout: 'without-compose', components: {} });
  });

  it('neither a compose file nor a marker: says what it looked for', async () => {
    const root = tree({ 'deep/er/app.py': app, 'README.md': '# lab\n' });
    const found = detectLayout(root, profile, 'my-lab');
    await expect(found).rejects.toThrow(IntakeError);
    await expect(found).rejects.toThrow(/in my-lab: looked for a compose file \(compose\.yaml, .*docker-compose\.yml.*\) at its top level or for app\.py at its top level or one folder down/);
  });
});

describe('takeIn with a profile graded from roles', () => {
  it('refuses --api and --client: the profile grades one folder', async () => {
    const root = tree({ 'app.py': app });
    await expect(takeIn({ api: root, client: root }, { profile, workDir: tempDir() })).rejects.toThrow(/the profile friendlyhello-redis grades one folder/);
    await expect(takeIn({ api: root }, { profile, workDir: tempDir() })).rejects.toThrow(IntakeError);
  });

  it('takes in one folder with its layout and files', async () => {
    const root = tree({ 'docker-compose.yml': 'services: {}\n', 'app.py': app });
    await using intake = await takeIn({ target: root }, { profile, workDir: tempDir() });
    expect(intake.submission).toMatchObject({ layout: 'with-compose', compose: 'docker-compose.yml', components: {} });
    expect(Object.keys(intake.submission.files).sort()).toEqual(['app.py', 'docker-compose.yml']);
  });
});
