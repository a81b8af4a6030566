import { describe, expect, it } from 'vitest';
import { simpleCommands } from './shell.js';

const argvs = (s: string) => simpleCommands(s).map((c) => c.argv);

describe('simpleCommands', () => {
  it('splits on control operators and keeps them', () => {
    expect(simpleCommands('a 1 && b; c || d | e & f')).toEqual([
      { argv: ['a', '1'], then: '&&' },
      { argv: ['b'], then: ';' },
      { argv: ['c'], then: '||' },
      { argv: ['d'], then: '|' },
      { argv: ['e'], then: '&' },
      { argv: ['f'], then: '' },
    ]);
  });
  it('keeps a double-quoted script as one word', () => {
    expect(argvs('pipenv run bash -c "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"')).toEqual([
      ['pipenv', 'run', 'bash', '-c', './seed_database.sh && python manage.py runserver 0.0.0.0:8000'],
    ]);
  });
  it('reads single quotes literally and backslash escapes', () => {
    expect(argvs(`sed -i 's/\\r$//' x.sh && echo "a \\"b\\" \\$c" d\\ e`)).toEqual([
      ['sed', '-i', 's/\\r$//', 'x.sh'],
      ['echo', 'a "b" $c', 'd e'],
    ]);
  });
  it('joins line continuations and ends commands at newlines', () => {
    expect(argvs('apt-get update \\\n  && apt-get install -y gcc\nrm -rf /var/lib/apt/lists/*')).toEqual([
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', 'gcc'],
      ['rm', '-rf', '/var/lib/apt/lists/*'],
    ]);
  });
  it('drops redirections and comments', () => {
    expect(argvs('python manage.py migrate > /dev/null 2>&1 && gunicorn app &> log # start')).toEqual([
      ['python', 'manage.py', 'migrate'],
      ['gunicorn', 'app'],
    ]);
  });
  it('reads the body of a heredoc RUN', () => {
    expect(argvs('<<EOF\napt-get update\napt-get install -y gcc\nEOF')).toEqual([
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', 'gcc'],
    ]);
  });
  it('keeps variables and survives unbalanced quotes', () => {
    expect(argvs('echo ${HOME} $PORT')).toEqual([['echo', '${HOME}', '$PORT']]);
    expect(argvs('echo "unterminated')).toEqual([['echo', 'unterminated']]);
    expect(argvs('')).toEqual([]);
  });
});
