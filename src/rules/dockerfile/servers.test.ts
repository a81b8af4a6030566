import { describe, expect, it } from 'vitest';
import { findApiServer, findFileServer, findScriptRun, findViteServer, listensEverywhere, viteListen } from './servers.js';

const listenOf = (argv: string[]) => findApiServer([argv])?.listens[0];

describe('findApiServer', () => {
  it('reads runserver addresses the way Django does', () => {
    expect(listenOf(['python', 'manage.py', 'runserver'])).toEqual({ host: '127.0.0.1', port: '8000', explicit: false });
    expect(listenOf(['python', 'manage.py', 'runserver', '8000'])).toEqual({ host: '127.0.0.1', port: '8000', explicit: false });
    expect(listenOf(['python3', './manage.py', 'runserver', '0:8000'])).toEqual({ host: '0.0.0.0', port: '8000', explicit: true });
    expect(listenOf(['python', 'manage.py', 'runserver', '--noreload', '0.0.0.0:8000'])).toMatchObject({ host: '0.0.0.0', port: '8000' });
    expect(listenOf(['python', 'manage.py', 'runserver', '[::]:8000'])).toMatchObject({ host: '[::]', port: '8000' });
    expect(listenOf(['django-admin', 'runserver', '127.0.0.1:8000'])).toMatchObject({ host: '127.0.0.1' });
    expect(findApiServer([['python', '-m', 'django', 'runserver', '0.0.0.0:8000']])).toMatchObject({ display: 'python -m django runserver', listens: [{ host: '0.0.0.0' }] });
  });
  it('leaves addresses from variables unknown', () => {
    expect(listenOf(['python', 'manage.py', 'runserver', '0.0.0.0:$PORT'])).toEqual({ host: '0.0.0.0', port: undefined, explicit: true });
  });
  it('reads gunicorn and uvicorn options and defaults', () => {
    expect(listenOf(['gunicorn', 'rockproject.wsgi'])).toMatchObject({ host: '127.0.0.1', port: '8000' });
    expect(listenOf(['gunicorn', '-b', '0.0.0.0:8000', 'app'])).toMatchObject({ host: '0.0.0.0', port: '8000' });
    expect(listenOf(['python', '-m', 'gunicorn', '--bind=:9000', 'app'])).toMatchObject({ host: '0.0.0.0', port: '9000' });
    expect(listenOf(['uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000'])).toMatchObject({ host: '0.0.0.0', port: '8000' });
    expect(listenOf(['uvicorn', 'main:app'])).toMatchObject({ host: '127.0.0.1', port: '8000' });
  });
  it('finds the server among other commands, and nothing in other programs', () => {
    expect(findApiServer([['./seed_database.sh'], ['python', 'manage.py', 'runserver', '0.0.0.0:8000']])?.index).toBe(1);
    expect(findApiServer([['python', 'manage.py', 'migrate'], ['echo', 'runserver']])).toBeUndefined();
  });
});

describe('findViteServer', () => {
  it('takes --host from after npm\'s "--"', () => {
    const v = findViteServer([['npm', 'run', 'dev', '--', '--host', '0.0.0.0', '--port', '3000']], { dev: 'vite' });
    expect(v && viteListen(v.args)).toEqual({ host: '0.0.0.0', port: '3000', explicit: true });
  });
  it('notes options npm keeps for itself', () => {
    const v = findViteServer([['npm', 'run', 'dev', '--host']], { dev: 'vite' });
    expect(v?.keptByNpm).toEqual(['--host']);
    expect(v && listensEverywhere(viteListen(v.args))).toBe(false);
  });
  it('reads --host from the dev script', () => {
    const v = findViteServer([['npm', 'run', 'dev']], { dev: 'vite --host' });
    expect(v && viteListen(v.args)).toEqual({ host: '0.0.0.0', port: undefined, explicit: true });
  });
  it('passes yarn and pnpm arguments straight to the script', () => {
    const v = findViteServer([['yarn', 'dev', '--host=127.0.0.1']], { dev: 'vite' });
    expect(v && viteListen(v.args)).toMatchObject({ host: '127.0.0.1' });
    expect(findViteServer([['pnpm', 'run', 'dev', '--', '--host']], { dev: 'vite' })?.args).toEqual(['--host']);
  });
  it('reads npx vite and vite directly', () => {
    expect(findViteServer([['npx', 'vite', '--host', '--port', '3000']], undefined)?.args).toEqual(['--host', '--port', '3000']);
    expect(viteListen(findViteServer([['vite']], undefined)?.args ?? [])).toEqual({ host: 'localhost', port: undefined, explicit: false });
  });
  it('reads the script a command names: npm start, npm run preview', () => {
    const start = findViteServer([['npm', 'start', '--', '--host']], { start: 'vite --port 3000' });
    expect(start && [start.display, start.script, viteListen(start.args)]).toEqual(['npm start', 'start', { host: '0.0.0.0', port: '3000', explicit: true }]);
    expect(findViteServer([['npm', 'run', 'preview']], { preview: 'vite build && vite preview' })?.args).toEqual(['build']);
  });
  it('finds no Vite in a script package.json does not have, or cannot give', () => {
    expect(findViteServer([['npm', 'run', 'dev', '--', '--host']], undefined)).toBeUndefined();
    expect(findViteServer([['npm', 'run', 'dev']], {})).toBeUndefined();
    expect(findViteServer([['npm', 'start']], { dev: 'vite' })).toBeUndefined();
  });
  it('finds no Vite when the script runs something else', () => {
    expect(findViteServer([['npm', 'run', 'dev']], { dev: 'react-scripts start' })).toBeUndefined();
    expect(findViteServer([['npm', 'run', 'dev', '--', '--host', '0.0.0.0']], { dev: 'node server.js' })).toBeUndefined();
  });
});

describe('findScriptRun', () => {
  it('names the package.json script npm, yarn and pnpm run', () => {
    const name = (argv: string[], scripts?: Record<string, string>) => findScriptRun([['./wait.sh'], argv], scripts);
    expect(name(['npm', 'run', 'dev', '--', '--host'])).toEqual({ index: 1, display: 'npm run dev', name: 'dev', extra: ['--host'], keptByNpm: [] });
    expect(name(['npm', 'start'])).toMatchObject({ display: 'npm start', name: 'start' });
    expect(name(['yarn', 'serve'], { serve: 'node server.js' })).toMatchObject({ display: 'yarn serve', name: 'serve' });
    expect(name(['yarn', 'install'], { dev: 'vite' })).toBeUndefined();
    expect(name(['npm', 'install'])).toBeUndefined();
    expect(name(['yarn', 'constructor'], {})).toBeUndefined();
    expect(findViteServer([['npm', 'run', 'constructor']], { dev: 'vite' })).toBeUndefined();
  });
});

describe('findFileServer', () => {
  it('reads python -m http.server: every interface on 8000 unless told otherwise', () => {
    expect(findFileServer([['python3', '-m', 'http.server']])).toEqual({ index: 0, display: 'python3 -m http.server', listen: { host: '0.0.0.0', port: '8000', explicit: false } });
    expect(findFileServer([['python', '-m', 'http.server', '--bind', '127.0.0.1', '-d', 'dist', '3000']])?.listen).toEqual({ host: '127.0.0.1', port: '3000', explicit: true });
    expect(findFileServer([['python', '-m', 'pip', 'install', 'http.server']])).toBeUndefined();
  });
});
