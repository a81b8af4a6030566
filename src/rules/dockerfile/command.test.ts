import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { commandForm, commandsOf, commandsOfInstruction, isBrokenExecForm, shownCommands } from './command.js';

const instruction = (line: string) => DockerfileParser.parse(`FROM x\n${line}\n`).getInstructions()[1];

describe('commandForm', () => {
  it('reads the exec form as JSON, spaces inside strings kept', () => {
    const form = commandForm(instruction('CMD ["bash", "-c", "a && b"]'));
    expect(form).toEqual({ exec: true, argv: ['bash', '-c', 'a && b'], text: '["bash", "-c", "a && b"]' });
  });
  it('runs the shell form through /bin/sh -c', () => {
    expect(commandForm(instruction('CMD npm start'))?.argv).toEqual(['/bin/sh', '-c', 'npm start']);
  });
  it('joins an exec form continued on the next line', () => {
    expect(commandForm(instruction('CMD ["npm", \\\n  "start"]'))?.argv).toEqual(['npm', 'start']);
  });
  it('treats a CMD with no arguments as no command', () => {
    expect(commandForm(instruction('CMD'))).toBeUndefined();
  });
});

describe('isBrokenExecForm', () => {
  it('flags single quotes and missing brackets, not valid JSON or the shell form', () => {
    expect(isBrokenExecForm("['npm', 'start']")).toBe(true);
    expect(isBrokenExecForm('["npm", "start"')).toBe(true);
    expect(isBrokenExecForm('["npm" "start"]')).toBe(true);
    expect(isBrokenExecForm('["npm", "start"]')).toBe(false);
    expect(isBrokenExecForm('npm start')).toBe(false);
  });
});

describe('commandsOf', () => {
  const seedAndServe = [['./seed_database.sh'], ['python', 'manage.py', 'runserver', '0.0.0.0:8000']];
  it('reads the first course template (shell form, bash -c)', () => {
    const cmd = instruction('CMD pipenv run bash -c "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"');
    expect(commandsOfInstruction(cmd)).toEqual(seedAndServe);
  });
  it('reads the later course template (exec form, sed first)', () => {
    const cmd = instruction(
      `CMD ["pipenv","run","bash","-c","sed -i 's/\\r$//' seed_database.sh && ./seed_database.sh && python manage.py runserver 0.0.0.0:8000"]`,
    );
    expect(commandsOfInstruction(cmd)).toEqual([['sed', '-i', 's/\r$//', 'seed_database.sh'], ...seedAndServe]);
  });
  it('looks through env, exec, tini and assignments', () => {
    expect(commandsOf(['/tini', '--', 'env', 'A=1', 'exec', 'B=2', 'gunicorn', 'app'])).toEqual([['gunicorn', 'app']]);
    expect(commandsOf(['/bin/sh', '-ec', 'poetry run uvicorn main:app'])).toEqual([['uvicorn', 'main:app']]);
  });
  it('keeps a shell that runs a script file', () => {
    expect(commandsOf(['bash', 'seed_database.sh'])).toEqual([['bash', 'seed_database.sh']]);
  });
});

describe('shownCommands', () => {
  it('writes commands as typed, quoting words with spaces, quotes or control characters, and cuts long ones', () => {
    expect(shownCommands([['sleep', 'infinity']])).toBe('sleep infinity');
    expect(shownCommands([['sed', '-i', 's/\r$//', 'seed_database.sh'], ['./seed_database.sh']])).toBe('sed -i "s/\\r$//" seed_database.sh; ./seed_database.sh');
    expect(shownCommands([['echo', 'a b', '']])).toBe('echo "a b" ""');
    expect(shownCommands([['echo', 'x'.repeat(200)]], 20)).toBe(`echo ${'x'.repeat(14)}…`);
  });
});
