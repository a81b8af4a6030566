import { API, BUILD, CLIENT, COMPOSE, DEPLOY, SETTINGS } from './criteria.js';
import { all, chmod, create, rename, replace, type Edit } from './edits.js';

/** Other ways of writing what the good submission writes, each one the course accepts: every criterion keeps passing. */
export interface Spelling {
  id: string;
  edit: Edit;
}

const apiCmd = 'CMD ["bash", "-c", "sed -i \'s/\\r$//\' seed_database.sh && ./seed_database.sh && python manage.py runserver 0.0.0.0:8000"]';
const clientCmd = 'CMD ["npm", "run", "dev", "--", "--host", "0.0.0.0", "--port", "3000"]';
const healthcheck = 'test: ["CMD-SHELL", "pg_isready -U rockadmin -d rockofages"]';
const dbEnvironment = 'POSTGRES_DB: rockofages\n      POSTGRES_USER: rockadmin\n      POSTGRES_PASSWORD: localpassword123';

/** Every `os.getenv(` of settings.py written another way. */
function settingsReads(importLine: string, reader: string): Edit {
  return (texts) => {
    const text = texts.get(SETTINGS)!.replace('import os\n', `${importLine}\n`).replaceAll('os.getenv(', reader);
    return [{ op: 'write', path: SETTINGS, text }];
  };
}

export const spellings: Spelling[] = [
  { id: "the api's CMD in shell form", edit: replace(`${API}/Dockerfile`, apiCmd, 'CMD ./seed_database.sh && python manage.py runserver 0.0.0.0:8000') },
  { id: "the api's CMD through pipenv, as the course's first template", edit: replace(`${API}/Dockerfile`, apiCmd, 'CMD pipenv run bash -c "./seed_database.sh && python manage.py runserver 0.0.0.0:8000"') },
  {
    id: "the api's CMD through pipenv in exec form, as the course's later template",
    edit: replace(`${API}/Dockerfile`, apiCmd, 'CMD ["pipenv","run","bash","-c","sed -i \'s/\\r$//\' seed_database.sh && ./seed_database.sh && python manage.py runserver 0.0.0.0:8000"]'),
  },
  {
    id: "the api's CMD runs a start script that seeds, then starts runserver",
    edit: all(
      create(`${API}/start.sh`, '#!/bin/bash\nset -e\n./seed_database.sh\nexec python manage.py runserver 0.0.0.0:8000\n'),
      chmod(`${API}/start.sh`, 0o755),
      replace(`${API}/Dockerfile`, apiCmd, 'CMD ["./start.sh"]'),
    ),
  },
  {
    id: 'an ENTRYPOINT script that seeds, then hands over to the CMD with exec "$@"',
    edit: all(
      create(`${API}/docker-entrypoint.sh`, '#!/bin/sh\nset -e\n./seed_database.sh\nexec "$@"\n'),
      chmod(`${API}/docker-entrypoint.sh`, 0o755),
      replace(`${API}/Dockerfile`, apiCmd, 'ENTRYPOINT ["./docker-entrypoint.sh"]\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]'),
    ),
  },
  { id: 'runserver on 0:8000', edit: replace(`${API}/Dockerfile`, 'runserver 0.0.0.0:8000', 'runserver 0:8000') },
  { id: 'EXPOSE 8000/tcp', edit: replace(`${API}/Dockerfile`, 'EXPOSE 8000', 'EXPOSE 8000/tcp') },
  { id: "the client's CMD in shell form", edit: replace(`${CLIENT}/Dockerfile`, clientCmd, 'CMD npm run dev -- --host 0.0.0.0 --port 3000') },
  {
    id: "Vite's --host in the client's dev script",
    edit: all(replace(`${CLIENT}/package.json`, '"dev": "vite",', '"dev": "vite --host --port 3000",'), replace(`${CLIENT}/Dockerfile`, clientCmd, 'CMD ["npm", "run", "dev"]')),
  },
  { id: 'the compose file named compose.yaml', edit: rename(COMPOSE, 'compose.yaml') },
  { id: 'the compose file named docker-compose.yaml', edit: rename(COMPOSE, 'docker-compose.yaml') },
  { id: "the database's environment as a list", edit: replace(COMPOSE, dbEnvironment, '- POSTGRES_DB=rockofages\n      - POSTGRES_USER=rockadmin\n      - POSTGRES_PASSWORD=localpassword123') },
  { id: 'the healthcheck test as one string', edit: replace(COMPOSE, healthcheck, 'test: pg_isready -U rockadmin -d rockofages') },
  { id: "the database's volume in long syntax", edit: replace(COMPOSE, '- postgres_data:/var/lib/postgresql/data', '- type: volume\n        source: postgres_data\n        target: /var/lib/postgresql/data') },
  { id: 'depends_on with restart: true', edit: replace(COMPOSE, 'condition: service_healthy', 'condition: service_healthy\n        restart: true') },
  {
    id: 'the database service named db, reached by its container_name',
    edit: all(replace(COMPOSE, '\n  postgres-db:\n', '\n  db:\n'), replace(COMPOSE, '      postgres-db:\n        condition', '      db:\n        condition')),
  },
  { id: "the api's DB_HOST and SSLMODE under environment:", edit: replace(COMPOSE, '      - ./rock-of-ages-api/.env.local\n', '      - ./rock-of-ages-api/.env.local\n    environment:\n      DB_HOST: postgres-db\n      SSLMODE: disable\n') },
  { id: 'the workflows named .yaml', edit: all(rename(DEPLOY, DEPLOY.replace(/yml$/, 'yaml')), rename(BUILD, BUILD.replace(/yml$/, 'yaml'))) },
  { id: 'on: workflow_dispatch on one line', edit: replace(DEPLOY, 'on:\n  workflow_dispatch:  # Manual only\n', 'on: workflow_dispatch\n') },
  { id: 'on: [workflow_dispatch]', edit: replace(DEPLOY, 'on:\n  workflow_dispatch:  # Manual only\n', 'on: [workflow_dispatch]\n') },
  {
    id: "the deploy's permissions in its job",
    edit: all(replace(DEPLOY, 'permissions:\n  id-token: write\n  contents: read\n\n', ''), replace(DEPLOY, '    runs-on: ubuntu-latest\n', '    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n      contents: read\n')),
  },
  { id: 'docker run --detach', edit: replace(DEPLOY, 'docker run -d ', 'docker run --detach ') },
  { id: 'a database setting quoted with \\" inside the JSON', edit: replace(DEPLOY, '-e DB_PASSWORD=${{ secrets.DB_PASSWORD }}', '-e DB_PASSWORD=\\"${{ secrets.DB_PASSWORD }}\\"') },
  { id: 'the role and region from secrets', edit: (texts) => [{ op: 'write', path: DEPLOY, text: texts.get(DEPLOY)!.replace('vars.OIDC_ROLE_TO_ASSUME', 'secrets.OIDC_ROLE_TO_ASSUME').replaceAll('vars.AWS_REGION', 'secrets.AWS_REGION') }] },
  { id: 'configure-aws-credentials@v4', edit: (texts) => [{ op: 'write', path: DEPLOY, text: texts.get(DEPLOY)!.replace('configure-aws-credentials@v3', 'configure-aws-credentials@v4') }] },
  { id: 'needs: [test]', edit: replace(BUILD, 'needs: test', 'needs: [test]') },
  { id: 'settings read with from os import getenv', edit: settingsReads('from os import getenv', 'getenv(') },
  { id: 'settings read with os.environ.get', edit: settingsReads('import os', 'os.environ.get(') },
  { id: "the port read as int(os.getenv('DB_PORT', 5432))", edit: replace(SETTINGS, "os.getenv('DB_PORT', '5432')", "int(os.getenv('DB_PORT', 5432))") },
  {
    id: 'psycopg2 in the Pipfile and psycopg2-binary in requirements.txt',
    edit: all(replace(`${API}/Pipfile`, 'psycopg2-binary = "*"', 'psycopg2 = "*"'), replace(`${API}/requirements.txt`, 'psycopg2\n', 'psycopg2-binary\n')),
  },
  { id: 'psycopg[binary] in requirements.txt and no driver in the Pipfile', edit: all(replace(`${API}/Pipfile`, 'psycopg2-binary = "*"\n', ''), replace(`${API}/requirements.txt`, 'psycopg2\n', 'psycopg[binary]\n')) },
  { id: '.gitignore with .env* and !.env.example', edit: replace(`${API}/.gitignore`, '.env\n.env.local\n', '.env*\n!.env.example\n') },
  { id: '.gitignore with *.local', edit: replace(`${API}/.gitignore`, '.env.local\n', '*.local\n') },
  {
    id: 'the seed script loads the fixtures in a loop with python3',
    edit: replace(
      `${API}/seed_database.sh`,
      'python manage.py loaddata users\npython manage.py loaddata tokens\npython manage.py loaddata types\npython manage.py loaddata rocks\n',
      'for fixture in users tokens types rocks; do\n  python3 manage.py loaddata "$fixture"\ndone\n',
    ),
  },
  { id: 'the seed script runs through pipenv', edit: (texts) => [{ op: 'write', path: `${API}/seed_database.sh`, text: texts.get(`${API}/seed_database.sh`)!.replaceAll('python manage.py', 'pipenv run python manage.py') }] },
];
