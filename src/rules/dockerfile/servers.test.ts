import { describe, expect, it } from 'vitest';
import { findApiServer, findViteServer, listensEverywhere, viteListen } from './servers.js';

const listenOf = (argv: string[]) => findApiServer([argv])?.listens[0];

describe('findApiServer', () => {
  it('reads runserver addresses the way Django does', () => {
    expect(listenOf(['python', 'manage.py', 'runserver'])).toEqual({ host: '127.0.0.1', port: '8000', explicit: false });
    expect(listenOf(['python', 'manage.py', 'runserver', '8000'])).toEqual({ host: '127.0.0.1', port: '8000', explicit: false });
    expect(listenOf(['python3', './manage.py', 'runserver', '0:8000'])).toEqual({ host: '0.0.0.0', port: '8000', explicit: true });
    expect(listenOf(['python', 'manage.py', 'runserver', '--noreload', '0.0.0.0:8000'])).toMatchObject({ host: '0.0.0.0', port: '8000' });
    expect(listenOf(['python', 'manage.py', 'runserver', '[::]:8000'])).toMatchObject({ host: '[::]', port: '8000' });
    expect(listenOf(['django-admin', 'runserver', '127.0.0.1:8000'])).toMatchObject({ host: '127.0.0.1' });
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
    const v = findViteServer([['npm', 'run', 'dev', '--', '--host', '0.0.0.0', '--port', '3000']], undefined);
    expect(v && viteListen(v.args)).toEqual({ host: '0.0.0.0', port: '3000', explicit: true });
  });
  it('notes options npm keeps for itself', () => {
    const v = findViteServer([['npm', 'run', 'dev', '--host']], 'vite');
    expect(v?.keptByNpm).toEqual(['--host']);
    expect(v && listensEverywhere(viteListen(v.args))).toBe(false);
  });
  it('reads --host from the dev script', () => {
    const v = findViteServer([['npm', 'run', 'dev']], 'vite --host');
    expect(v && viteListen(v.args)).toEqual({ host: '0.0.0.0', port: undefined, explicit: true });
  });
  it('passes yarn and pnpm arguments straight to the script', () => {
    const v = findViteServer([['yarn', 'dev', '--host=127.0.0.1']], 'vite');
    expect(v && viteListen(v.args)).toMatchObject({ host: '127.0.0.1' });
    expect(findViteServer([['pnpm', 'run', 'dev', '--', '--host']], 'vite')?.args).toEqual(['--host']);
  });
  it('reads npx vite and vite directly', () => {
    expect(findViteServer([['npx', 'vite', '--host', '--port', '3000']], undefined)?.args).toEqual(['--host', '--port', '3000']);
    expect(viteListen(findViteServer([['vite']], undefined)?.args ?? [])).toEqual({ host: 'localhost', port: undefined, explicit: false });
  });
  it('finds no Vite when the dev script runs something else', () => {
    expect(findViteServer([['npm', 'run', 'dev']], 'react-scripts start')).toBeUndefined();
    expect(findViteServer([['npm', 'start']], undefined)).toBeUndefined();
  });
});
