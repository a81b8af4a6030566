import { describe, expect, it } from 'vitest';
import { manifestInstall } from './installs.js';

describe('manifestInstall', () => {
  it('recognises installs driven by a manifest', () => {
    expect(manifestInstall(['pipenv', 'install', '--system', '--deploy'])).toEqual({ display: 'pipenv install', manifests: 'Pipfile*' });
    expect(manifestInstall(['pip', 'install', '--no-cache-dir', '-r', 'requirements.txt'])?.manifests).toBe('requirements.txt');
    expect(manifestInstall(['python3', '-m', 'pip', 'install', '--requirement=req/prod.txt'])?.manifests).toBe('req/prod.txt');
    expect(manifestInstall(['npm', 'ci'])?.manifests).toBe('package*.json');
    expect(manifestInstall(['yarn'])?.display).toBe('yarn install');
    expect(manifestInstall(['poetry', 'install', '--no-root'])?.display).toBe('poetry install');
  });
  it('leaves installs of named packages alone', () => {
    expect(manifestInstall(['pip', 'install', 'pipenv'])).toBeUndefined();
    expect(manifestInstall(['pip', 'install', '--upgrade', 'pip'])).toBeUndefined();
    expect(manifestInstall(['npm', 'install', '-g', 'serve'])).toBeUndefined();
    expect(manifestInstall(['apt-get', 'install', '-y', 'gcc'])).toBeUndefined();
  });
});
