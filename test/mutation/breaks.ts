import { API, CLIENT, COMPOSE, DEPLOY, SETTINGS, SSM } from './criteria.js';
import { all, chmod, create, remove, replace, type Edit } from './edits.js';

/**
 * Constructs broken rather than removed: each must fail exactly `fails`
 * (every other criterion passing or, for `notApplicable`, not applying).
 * `plain`: graded as a folder that is not a git repository, where every env
 * file counts as what the image gets.
 */
export interface Break {
  id: string;
  edit: Edit;
  fails: string[];
  notApplicable?: string[];
  plain?: boolean;
}

const apiCmd = 'CMD ["bash", "-c", "sed -i \'s/\\r$//\' seed_database.sh && ./seed_database.sh && python manage.py runserver 0.0.0.0:8000"]';
const login = '"aws ecr get-login-password --region=${{ vars.AWS_REGION }} | docker login --username AWS --password-stdin ${{ vars.ECR_REGISTRY }}",';
const pull = '"docker pull \\"$IMAGE\\"",';
const ssmRun = /aws ssm send-command[\s\S]*--region \$\{\{ vars\.AWS_REGION \}\}/;

export const breaks: Break[] = [
  { id: "the api's CMD sleeps forever", edit: replace(`${API}/Dockerfile`, apiCmd, 'CMD ["sleep", "infinity"]'), fails: ['RC-DF007', 'RC-DF008'] },
  { id: "the api's CMD only seeds", edit: replace(`${API}/Dockerfile`, apiCmd, 'CMD ["./seed_database.sh"]'), fails: ['RC-DF007', 'RC-DF008'] },
  { id: "the api's CMD serves files on 127.0.0.1", edit: replace(`${API}/Dockerfile`, apiCmd, 'CMD ["python3", "-m", "http.server", "--bind", "127.0.0.1", "8000"]'), fails: ['RC-DF007', 'RC-DF008'] },
  {
    id: "the api's start script starts runserver on 127.0.0.1",
    edit: all(
      create(`${API}/start.sh`, '#!/bin/bash\nset -e\n./seed_database.sh\nexec python manage.py runserver 127.0.0.1:8000\n'),
      chmod(`${API}/start.sh`, 0o755),
      replace(`${API}/Dockerfile`, apiCmd, 'CMD ["./start.sh"]'),
    ),
    fails: ['RC-DF007'],
  },
  {
    id: "the api's start script starts runserver without seeding",
    edit: all(
      create(`${API}/start.sh`, '#!/bin/bash\nset -e\nexec python manage.py runserver 0.0.0.0:8000\n'),
      chmod(`${API}/start.sh`, 0o755),
      replace(`${API}/Dockerfile`, apiCmd, 'CMD ["./start.sh"]'),
    ),
    fails: ['RC-DF008'],
  },
  {
    id: "the client's dev script runs its own server on localhost",
    edit: all(
      replace(`${CLIENT}/package.json`, '"dev": "vite",', '"dev": "node server.js",'),
      create(`${CLIENT}/server.js`, "require('node:http').createServer((req, res) => res.end('ok')).listen(3000, '127.0.0.1');\n"),
    ),
    fails: ['RC-DF007'],
  },
  { id: 'the deploy runs the registry image with no pull and no login', edit: all(replace(DEPLOY, login, ''), replace(DEPLOY, pull, '')), fails: ['RC-WF012'] },
  {
    id: 'the deploy runs the registry image with --pull always and no login',
    edit: all(replace(DEPLOY, login, ''), replace(DEPLOY, pull, ''), replace(DEPLOY, 'docker run -d', 'docker run --pull always -d')),
    fails: ['RC-WF012'],
  },
  {
    id: 'the deploy updates an ECS service instead of sending SSM commands',
    edit: (texts) => [{ op: 'write', path: DEPLOY, text: texts.get(DEPLOY)!.replace(ssmRun, 'aws ecs update-service --cluster rock --service api --force-new-deployment') }],
    fails: SSM,
  },
  {
    id: 'the deploy names its list "command", so its commands cannot be read',
    edit: replace(DEPLOY, `--parameters '{"commands":[`, `--parameters '{"command":[`),
    fails: ['RC-WF006', 'RC-WF007', 'RC-WF010', 'RC-WF012'],
  },
  { id: 'the api waits only until the database container starts', edit: replace(COMPOSE, 'condition: service_healthy', 'condition: service_started'), fails: ['RC-CO003'] },
  { id: "the database's healthcheck is disabled", edit: replace(COMPOSE, 'test: ["CMD-SHELL", "pg_isready -U rockadmin -d rockofages"]', 'disable: true'), fails: ['RC-CO002', 'RC-CO003'] },
  { id: 'DB_HOST is localhost', edit: replace(`${API}/.env.local`, 'DB_HOST=postgres-db', 'DB_HOST=localhost'), fails: ['RC-CO004'] },
  { id: 'sslmode is hard-coded to require', edit: replace(SETTINGS, "os.getenv('SSLMODE', 'require')", "'require'"), fails: ['RC-CF002'] },
  { id: 'an env value has an inline comment', edit: replace(`${API}/.env.local`, 'DB_PORT=5432', 'DB_PORT=5432  # the default'), fails: ['RC-CF010'] },
  {
    id: "the api folder has no env file, while the compose file still names the client's",
    edit: all(remove(`${API}/.env.example`), remove(`${API}/.env.local`)),
    fails: ['RC-CF004', 'RC-CO004', 'RC-CO007', 'RC-CF011'],
  },
  {
    id: 'no env file at all, in the api folder or named by the compose file',
    edit: all(remove(`${API}/.env.example`), remove(`${API}/.env.local`), remove(`${CLIENT}/.env.local`)),
    fails: ['RC-CF004', 'RC-CO004', 'RC-CO007', 'RC-CF011'],
    notApplicable: ['RC-CF010'],
  },
  { id: 'the seed script is committed without its executable bit', edit: chmod(`${API}/seed_database.sh`, 0o644), fails: ['RC-CF007'] },
  { id: 'the seed script is not executable in a plain folder', edit: chmod(`${API}/seed_database.sh`, 0o644), fails: ['RC-CF007'], plain: true },
  { id: '.dockerignore lets .env.local into the image of a plain folder', edit: replace(`${API}/.dockerignore`, '.env.local\n', ''), fails: ['RC-DF010'], plain: true },
  { id: 'a plain folder has no .dockerignore', edit: remove(`${API}/.dockerignore`), fails: ['RC-DF010'], plain: true },
];
