import { describe, expect, it } from 'vitest';
import { repositoryPath, shownFolder, shownIn, shownPath } from './repository-path.js';
import type { Component, ComponentRole } from './submission.js';

type Components = Partial<Record<ComponentRole, Component>>;

const separate: Components = {
  api: { role: 'api', dir: 'api', foundBy: 'argument', source: '/home/s/rock-of-ages-api' },
  client: { role: 'client', dir: 'client', foundBy: 'argument', source: 'https://github.com/s/rock-of-ages-client.git' },
};
const parent: Components = {
  api: { role: 'api', dir: 'rock-of-ages-api', foundBy: 'compose' },
  client: { role: 'client', dir: 'rock-of-ages-client', foundBy: 'compose' },
};
const alone: Components = { api: { role: 'api', dir: '', foundBy: 'root' } };

describe('repositoryPath', () => {
  it('maps a staging path of a repository given on its own to that repository and its own path', () => {
    expect(repositoryPath(separate, 'api/Dockerfile')).toEqual({ repository: 'api', path: 'Dockerfile' });
    expect(repositoryPath(separate, 'client/src/App.jsx')).toEqual({ repository: 'client', path: 'src/App.jsx' });
    expect(repositoryPath(separate, 'client')).toEqual({ repository: 'client', path: '.' });
  });

  it('leaves the paths of a submission that is one folder as they are', () => {
    expect(repositoryPath(parent, 'rock-of-ages-api/Dockerfile')).toEqual({ path: 'rock-of-ages-api/Dockerfile' });
    expect(repositoryPath(alone, 'Dockerfile')).toEqual({ path: 'Dockerfile' });
  });

  it('does not take a folder whose name merely starts like a component', () => {
    expect(repositoryPath(separate, 'apiary/x')).toEqual({ path: 'apiary/x' });
  });
});

describe('how messages name paths and folders', () => {
  it('never names a staging folder', () => {
    expect(shownPath(separate, 'api/.github/workflows/deploy.yml')).toBe('.github/workflows/deploy.yml');
    expect(shownIn(separate, 'api', '.github/workflows')).toBe('.github/workflows');
    expect(shownFolder(separate, 'client')).toBe('the repository root');
  });

  it('names the component folders of a parent folder, which the student has', () => {
    expect(shownFolder(parent, 'rock-of-ages-client')).toBe('rock-of-ages-client/');
    expect(shownIn(parent, 'rock-of-ages-api', '.github/workflows')).toBe('rock-of-ages-api/.github/workflows');
    expect(shownFolder(alone, '')).toBe('the repository root');
  });
});
