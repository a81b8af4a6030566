import { describe, expect, it } from 'vitest';
import { classifyHostPath, classifyReference, isRemote, looksLikeHostPath, resolveInside, resolveReference } from './host-paths.js';

describe('resolveInside', () => {
  it('resolves relative to the compose folder', () => {
    expect(resolveInside('', './rock-of-ages-api/.env.local')).toBe('rock-of-ages-api/.env.local');
    expect(resolveInside('rock-of-ages-api', '.')).toBe('rock-of-ages-api');
    expect(resolveInside('rock-of-ages-api', '../rock-of-ages-client/')).toBe('rock-of-ages-client');
    expect(resolveInside('', '.')).toBe('');
  });
  it('refuses paths that leave the submission', () => {
    expect(resolveInside('', '../x')).toBeUndefined();
    expect(resolveInside('a', '../../x')).toBeUndefined();
    expect(resolveInside('', '/etc')).toBeUndefined();
    expect(resolveInside('', '~/x')).toBeUndefined();
    expect(resolveInside('', '${HOME}/x')).toBeUndefined();
    expect(resolveInside('', 'C:\\Users\\me')).toBeUndefined();
  });
});

describe('classifyHostPath', () => {
  it('tells what a bind mount reaches', () => {
    expect(classifyHostPath('', './rock-of-ages-api')).toBe('inside');
    expect(classifyHostPath('', '/')).toBe('root');
    expect(classifyHostPath('', '/var/../')).toBe('root');
    expect(classifyHostPath('', '//var/run/docker.sock')).toBe('docker-socket');
    expect(classifyHostPath('', '/run/docker.sock')).toBe('docker-socket');
    expect(classifyHostPath('', '/home/me/data')).toBe('absolute');
    expect(classifyHostPath('', '~/.ssh')).toBe('home');
    expect(classifyHostPath('', '${HOME}')).toBe('variable');
    expect(classifyHostPath('api', '../../etc')).toBe('climbs-out');
    expect(classifyHostPath('api', '../client')).toBe('inside');
  });
  it('tells host paths from volume names', () => {
    expect(looksLikeHostPath('postgres_data')).toBe(false);
    expect(looksLikeHostPath('./data')).toBe(true);
    expect(looksLikeHostPath('/data')).toBe(true);
    expect(looksLikeHostPath('C:\\data')).toBe(true);
  });
});

describe('classifyReference', () => {
  const ctx = {
    files: { 'api/Dockerfile': {}, 'api/link': { symlink: { outside: true } }, 'api/inner': { symlink: { outside: false } } },
    variables: new Map([['SRC', './api'], ['OUT', '/etc']]),
  };
  it('substitutes variables before it classifies', () => {
    expect(classifyReference('', '${SRC}/Dockerfile', ctx)).toBe('inside');
    expect(resolveReference('', '${SRC:-x}/Dockerfile', ctx)).toBe('api/Dockerfile');
    expect(classifyReference('', '${OUT}', ctx)).toBe('absolute');
    expect(classifyReference('', '${HOME}/.ssh', ctx)).toBe('variable');
    expect(classifyReference('', '${UNSET:-${HOME}}', ctx)).toBe('variable');
    expect(classifyReference('', '$$HOME', ctx)).toBe('variable');
  });
  it('refuses links that lead out and remote sources', () => {
    expect(classifyReference('', './api/link/x', ctx)).toBe('link-out');
    expect(classifyReference('api', 'link', ctx)).toBe('link-out');
    expect(classifyReference('', './api/inner', ctx)).toBe('inside');
    expect(classifyReference('', 'https://github.com/a/b.git#main', ctx)).toBe('remote');
    expect(classifyReference('', 'git@github.com:a/b.git', ctx)).toBe('remote');
    expect(isRemote('./api')).toBe(false);
    expect(isRemote('C:\\Users')).toBe(false);
  });
});
