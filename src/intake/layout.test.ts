import { afterAll, describe, expect, it } from 'vitest';
import { defaultProfile } from '../profile/load.js';
import { IntakeError } from './intake-error.js';
import { detectLayout } from './layout.js';
import { apiFiles, clientFiles, removeTemps, tree, under } from './temp-tree.js';

afterAll(removeTemps);
const profile = defaultProfile();

const courseCompose = `services:
  postgres-db:
    image: postgres:15
  api:
    build:
      context: ./rock-of-ages-api
      dockerfile: Dockerfile
  client:
    build: {context: ./rock-of-ages-client}
`;

describe('detectLayout', () => {
  it('course parent folder: components from the compose build contexts', async () => {
    const root = tree({ 'docker-compose.yml': courseCompose, ...under('rock-of-ages-api', apiFiles), ...under('rock-of-ages-client', clientFiles) });
    expect(await detectLayout(root, profile, 'sub')).toEqual({
      layout: 'parent',
      compose: 'docker-compose.yml',
      components: {
        api: { role: 'api', dir: 'rock-of-ages-api', foundBy: 'compose' },
        client: { role: 'client', dir: 'rock-of-ages-client', foundBy: 'compose' },
      },
    });
  });

  it('any folder names, string build contexts, compose.yaml', async () => {
    const compose = 'services:\n  web:\n    build: backend/\n  ui:\n    build: "./frontend"\n';
    const root = tree({ 'compose.yaml': compose, ...under('backend', apiFiles), ...under('frontend', clientFiles) });
    const found = await detectLayout(root, profile, 'sub');
    expect(found.layout).toBe('parent');
    expect(found.compose).toBe('compose.yaml');
    expect(found.components.api).toMatchObject({ dir: 'backend', foundBy: 'compose' });
    expect(found.components.client).toMatchObject({ dir: 'frontend', foundBy: 'compose' });
  });

  it('compose build context without a marker: recognised by its service name', async () => {
    const compose = 'services:\n  api:\n    build: ./server\n  client:\n    build: ./web-ui\n';
    const root = tree({ 'docker-compose.yaml': compose, 'server/Dockerfile': 'FROM python\n', 'web-ui/Dockerfile': 'FROM node\n' });
    const found = await detectLayout(root, profile, 'sub');
    expect(found.components.api).toMatchObject({ dir: 'server', foundBy: 'compose' });
    expect(found.components.client).toMatchObject({ dir: 'web-ui', foundBy: 'compose' });
  });

  it('an api service building the parent folder (no context): the folder holding manage.py is the api', async () => {
    const compose = courseCompose.replace('      context: ./rock-of-ages-api\n', '');
    const root = tree({ 'docker-compose.yml': compose, ...under('rock-of-ages-api', apiFiles), ...under('rock-of-ages-client', clientFiles) });
    expect(await detectLayout(root, profile, 'sub')).toEqual({
      layout: 'parent',
      compose: 'docker-compose.yml',
      components: {
        api: { role: 'api', dir: 'rock-of-ages-api', foundBy: 'content' },
        client: { role: 'client', dir: 'rock-of-ages-client', foundBy: 'compose' },
      },
    });
  });

  it('a client service building the parent folder: the folder holding package.json is the client', async () => {
    const compose = courseCompose.replace('build: {context: ./rock-of-ages-client}', 'build: {dockerfile: Dockerfile}');
    const root = tree({ 'docker-compose.yml': compose, ...under('rock-of-ages-api', apiFiles), ...under('rock-of-ages-client', clientFiles) });
    expect((await detectLayout(root, profile, 'sub')).components).toEqual({
      api: { role: 'api', dir: 'rock-of-ages-api', foundBy: 'compose' },
      client: { role: 'client', dir: 'rock-of-ages-client', foundBy: 'content' },
    });
  });

  it('a sub-folder holding manage.py wins over a service named api whose build context lacks it', async () => {
    const compose = 'services:\n  api:\n    build: ./docs\n  client:\n    build: ./web\n';
    const root = tree({ 'docker-compose.yml': compose, 'docs/Dockerfile': 'FROM nginx\n', ...under('server', apiFiles), ...under('web', clientFiles) });
    const found = await detectLayout(root, profile, 'sub');
    expect(found.components.api).toEqual({ role: 'api', dir: 'server', foundBy: 'content' });
    expect(found.components.client).toEqual({ role: 'client', dir: 'web', foundBy: 'compose' });
  });

  it('parent folder whose compose file does not parse: components found by content', async () => {
    const root = tree({ 'docker-compose.yml': 'services:\n  api:\n  build: [\n', ...under('my-api', apiFiles), ...under('my-client', clientFiles), 'notes/readme.md': 'x' });
    const found = await detectLayout(root, profile, 'sub');
    expect(found.layout).toBe('parent');
    expect(found.compose).toBe('docker-compose.yml');
    expect(found.components.api).toMatchObject({ dir: 'my-api', foundBy: 'content' });
    expect(found.components.client).toMatchObject({ dir: 'my-client', foundBy: 'content' });
  });

  it('parent folder without a compose file, client missing: still the parent layout', async () => {
    const found = await detectLayout(tree(under('rock-of-ages-api', apiFiles)), profile, 'sub');
    expect(found).toEqual({ layout: 'parent', compose: undefined, components: { api: { role: 'api', dir: 'rock-of-ages-api', foundBy: 'content' } } });
  });

  it('falls back to the profile folder names when no folder holds the markers', async () => {
    const root = tree({ 'rock-of-ages-api/Dockerfile': 'FROM python\n', 'rock-of-ages-client/Dockerfile': 'FROM node\n', 'other/x': 'x' });
    const found = await detectLayout(root, profile, 'sub');
    expect(found.components.api).toMatchObject({ dir: 'rock-of-ages-api', foundBy: 'content' });
    expect(found.components.client).toMatchObject({ dir: 'rock-of-ages-client', foundBy: 'content' });
  });

  it('prefers the profile folder name among several folders holding manage.py', async () => {
    const root = tree({ ...under('a-copy', apiFiles), ...under('rock-of-ages-api', apiFiles) });
    expect((await detectLayout(root, profile, 'sub')).components.api?.dir).toBe('rock-of-ages-api');
  });

  it('finds a compose file that is a link to a file inside the folder, never one leading outside', async () => {
    const outside = tree({ 'docker-compose.yml': courseCompose });
    const inside = tree({ 'compose-real.yml': courseCompose, 'docker-compose.yml': { symlink: 'compose-real.yml' }, ...under('rock-of-ages-api', apiFiles) });
    expect((await detectLayout(inside, profile, 'sub')).compose).toBe('docker-compose.yml');
    const leaving = tree({ 'docker-compose.yml': { symlink: `${outside}/docker-compose.yml` }, ...under('rock-of-ages-api', apiFiles) });
    expect((await detectLayout(leaving, profile, 'sub')).compose).toBeUndefined();
  });

  it('never looks up a marker that leads out of the folder', async () => {
    const root = tree({ 'rock-of-ages-api/x.txt': 'x', 'manage.py': 'print()\n', 'somewhere/Dockerfile': 'FROM x\n' });
    const sneaky = { ...profile, components: { ...profile.components, api: { ...profile.components.api, markers: ['../manage.py', '/etc/hostname'], folderNames: [] } } };
    await expect(detectLayout(`${root}/somewhere`, sneaky, 'sub')).rejects.toThrow(IntakeError);
  });

  it('api repository alone', async () => {
    expect(await detectLayout(tree(apiFiles), profile, 'sub')).toEqual({
      layout: 'api-only',
      compose: undefined,
      components: { api: { role: 'api', dir: '', foundBy: 'root' } },
    });
  });

  it('api repository with its own compose file (build: .)', async () => {
    const compose = 'services:\n  db:\n    image: postgres:15\n  api:\n    build: .\n';
    const found = await detectLayout(tree({ ...apiFiles, 'docker-compose.dev.yml': compose }), profile, 'sub');
    expect(found).toEqual({ layout: 'api-with-compose', compose: 'docker-compose.dev.yml', components: { api: { role: 'api', dir: '', foundBy: 'compose' } } });
  });

  it('api repository with a compose file naming no build: api-with-compose, found at the root', async () => {
    const found = await detectLayout(tree({ ...apiFiles, 'docker-compose.yml': 'services:\n  db:\n    image: postgres\n' }), profile, 'sub');
    expect(found.layout).toBe('api-with-compose');
    expect(found.components.api).toEqual({ role: 'api', dir: '', foundBy: 'root' });
  });

  it('ignores build contexts outside the folder, absolute or remote', async () => {
    const compose = 'services:\n  a:\n    build: ../elsewhere\n  b:\n    build: /abs\n  c:\n    build: https://github.com/x/y.git\n';
    const root = tree({ 'docker-compose.yml': compose, ...under('api', apiFiles) });
    expect((await detectLayout(root, profile, 'sub')).components.api).toMatchObject({ dir: 'api', foundBy: 'content' });
  });

  it('no api: an IntakeError saying what was looked for', async () => {
    const root = tree({ 'docker-compose.yml': 'services:\n  site:\n    build: ./site\n', 'site/index.html': '<p>', 'docs/x.md': 'x' });
    const run = detectLayout(root, profile, 'student-42');
    await expect(run).rejects.toThrow(IntakeError);
    await expect(detectLayout(root, profile, 'student-42')).rejects.toThrow(
      'no Django API found in student-42: looked for manage.py at its top level, in the build contexts of ' +
        'docker-compose.yml (site), in its sub-folders (docs, site), and for a folder named rock-of-ages-api. ' +
        'Name the api folder, the folder holding docker-compose.yml, or use --api and --client',
    );
  });
});
