import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../model/fake-submission.js';
import { defaultProfile } from '../../profile/load.js';
import { dockerfileInput } from './input.js';
import { startCommand } from './start-command.js';

const profile = defaultProfile();
const head = 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . /app/\n';

function startOf(dockerfile: string, files: Record<string, string> = {}) {
  const sub = fakeSubmission({ files: { Dockerfile: dockerfile, 'manage.py': '', ...files }, components: { api: '' } });
  return startCommand(dockerfileInput(sub, profile, 'api', ''))!;
}

describe('the commands of a script the start command runs', () => {
  it('reads ./start.sh in place of the command, each command at its line in the script', () => {
    const start = startOf(`${head}CMD ["./start.sh"]\n`, { 'start.sh': '#!/bin/bash\nset -e\n./seed_database.sh\n\npython manage.py runserver 0.0.0.0:8000\n' });
    expect(start.commands).toEqual([['set', '-e'], ['./seed_database.sh'], ['python', 'manage.py', 'runserver', '0.0.0.0:8000']]);
    expect(start.sites.map((s) => s && [s.script.file?.path, s.pos.line, s.pos.column])).toEqual([['start.sh', 2, 1], ['start.sh', 3, 1], ['start.sh', 5, 1]]);
    expect(start.written).toEqual([['./start.sh']]);
  });

  it('hands `exec "$@"` of an ENTRYPOINT script over to the CMD, written in the Dockerfile', () => {
    const start = startOf(`${head}ENTRYPOINT ["./docker-entrypoint.sh"]\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n`, {
      'docker-entrypoint.sh': '#!/bin/sh\n./seed_database.sh\nexec "$@"\n',
    });
    expect(start.commands).toEqual([['./seed_database.sh'], ['python', 'manage.py', 'runserver', '0.0.0.0:8000']]);
    expect(start.sites[1]).toBeUndefined();
  });

  it('reads `sh start.sh` and `bash ./x.sh` and looks through if/then and exec', () => {
    const script = '#!/bin/sh\nif [ -x ./seed_database.sh ]; then\n  ./seed_database.sh\nfi\nexec gunicorn rockproject.wsgi -b 0.0.0.0:8000\n';
    for (const cmd of ['CMD ["sh", "start.sh"]', 'CMD bash ./start.sh']) {
      expect(startOf(`${head}${cmd}\n`, { 'start.sh': script }).commands).toEqual([
        ['[', '-x', './seed_database.sh', ']'],
        ['./seed_database.sh'],
        ['fi'],
        ['gunicorn', 'rockproject.wsgi', '-b', '0.0.0.0:8000'],
      ]);
    }
  });

  it('leaves the seed script, a script not found, and scripts a script runs as commands, saying so', () => {
    expect(startOf(`${head}CMD ["./seed_database.sh"]\n`, { 'seed_database.sh': '#!/bin/bash\npython manage.py migrate\n' }).commands).toEqual([['./seed_database.sh']]);
    const missing = startOf(`${head}CMD ["./start.sh"]\n`);
    expect(missing.commands).toEqual([['./start.sh']]);
    expect(missing.scripts[0].unread).toBe('was not found: no file of the repository root is copied to /app/start.sh in the image');
    const nested = startOf(`${head}CMD ["./start.sh"]\n`, { 'start.sh': '#!/bin/bash\n./run.sh\n', 'run.sh': '#!/bin/bash\npython manage.py runserver 0.0.0.0:8000\n' });
    expect(nested.commands).toEqual([['./run.sh']]);
    expect(nested.scripts[0].nested).toEqual(['./run.sh']);
  });

  it('notes CRLF line endings unless the start command converts the script first', () => {
    const crlf = '#!/bin/bash\r\npython manage.py runserver 0.0.0.0:8000\r\n';
    expect(startOf(`${head}CMD ["./start.sh"]\n`, { 'start.sh': crlf }).scripts[0].crlf).toEqual({ line: 1, column: 12 });
    expect(startOf(`${head}CMD ["bash", "-c", "sed -i 's/\\\\r$//' start.sh && ./start.sh"]\n`, { 'start.sh': crlf }).scripts[0].crlf).toBeUndefined();
  });
});
