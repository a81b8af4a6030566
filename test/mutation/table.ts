import { API, BUILD, CLIENT, CLIENT_NO_STAGE, COMPOSE, DEPLOY, DOCKERFILE, EVERY_COMPOSE, FIXTURES, NO_STAGE, SETTINGS, SSM } from './criteria.js';

/**
 * Which criteria read each construct of the good submission: removing it must
 * make exactly these fail (with a finding of their own or a `cannot be
 * checked … (see RC-…)` line) and leave every other criterion passing. An
 * empty `fails` says that no criterion reads it, and why. The first row that
 * matches a construct decides; every construct must match a row and every
 * row a construct.
 */
export interface Row {
  match: RegExp;
  fails: string[];
  /** Criteria that then legitimately do not apply. */
  notApplicable?: string[];
  why: string;
}

/** `*` stands for any text, `[i]` for any index; everything else is literal. */
function pattern(glob: string): string {
  return glob
    .split('[i]')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*'))
    .join('\\[\\d+\\]');
}

/** The whole file removed. */
function file(path: string, fails: string[], why: string): Row {
  return { match: new RegExp(`^remove ${pattern(path)}$`), fails, why };
}

/** Constructs of a file, named as the generator names them (gen-*.ts). */
function part(path: string, constructs: string | string[], fails: string[], why: string, notApplicable?: string[]): Row {
  const alternatives = (Array.isArray(constructs) ? constructs : [constructs]).map(pattern).join('|');
  return { match: new RegExp(`^remove ${pattern(path)} › (?:${alternatives})$`), fails, why, ...(notApplicable ? { notApplicable } : {}) };
}

const runtimeOnly = 'exercised by the runtime criteria only';

const wholeFiles: Row[] = [
  file(COMPOSE, EVERY_COMPOSE, 'the course folder must hold the compose file (Part 3)'),
  file(`${API}/Dockerfile`, DOCKERFILE, 'every Dockerfile criterion reads it'),
  file(`${CLIENT}/Dockerfile`, [...CLIENT_NO_STAGE, 'RC-DF005'], "every Dockerfile criterion but RC-DF008 reads the client's"),
  file(`${API}/.env.example`, ['RC-CF004'], 'RC-CF004 lists its keys'),
  file(`${API}/.env.local`, ['RC-CO004', 'RC-CO007', 'RC-CF011'], 'the api service takes DB_HOST and SSLMODE from it through env_file'),
  file(`${CLIENT}/.env.local`, ['RC-CO007'], 'the client service names it in env_file'),
  file(`${API}/.gitignore`, ['RC-CF005'], '.env.local holds real values'),
  file(DEPLOY, ['RC-WF003', 'RC-WF004', 'RC-WF005', 'RC-WF006', 'RC-WF008', ...SSM], 'the deploy criteria read it'),
  file(BUILD, ['RC-WF009'], 'RC-WF009 reads the build workflow'),
  file(`${API}/rockproject/settings.py`, ['RC-CF001', 'RC-CF002', 'RC-CF011'], 'the settings criteria read it'),
  file(`${API}/seed_database.sh`, ['RC-CF007', 'RC-CF008'], 'the seed script criteria read it'),
  file(`${FIXTURES}/*.json`, ['RC-CF009'], 'RC-CF009 reads each fixture'),
  file(`${CLIENT}/package.json`, ['RC-DF007'], '`npm run dev` has no package.json to read the dev script from, so the CMD starts no server'),
  file(`${API}/.dockerignore`, [], 'the only env file with real values, .env.local, is not tracked by git, so a clone has none to copy'),
  file(`${CLIENT}/.dockerignore`, [], 'the client has no env file with secrets'),
  file(`${CLIENT}/.gitignore`, [], 'RC-CF005 judges the api repository; the client has no secrets'),
  file(`${API}/Pipfile`, [], 'requirements.txt declares the driver too'),
  file(`${API}/requirements.txt`, [], 'the Pipfile declares the driver too'),
  file(`${API}/manage.py`, [], `${runtimeOnly} (the compose service still names the api)`),
  file(`${API}/README.md`, [], 'documentation'),
  file(`${API}/rockapi/*.py`, [], runtimeOnly),
  file(`${API}/rockproject/*.py`, [], runtimeOnly),
  file(`${CLIENT}/src/*`, [], runtimeOnly),
  file(`${CLIENT}/index.html`, [], runtimeOnly),
  file(`${CLIENT}/vite.config.js`, [], runtimeOnly),
  file(`${CLIENT}/package-lock.json`, [], 'npm install works without it'),
];

const compose: Row[] = [
  part(COMPOSE, 'services', ['RC-CO002', 'RC-CO003', 'RC-CO004', 'RC-CO005', 'RC-CO006', 'RC-CF011'], 'no service: no database, api or client'),
  part(COMPOSE, 'services.postgres-db', ['RC-CO001', 'RC-CO002', 'RC-CO003', 'RC-CO004', 'RC-CO005'], 'depends_on names a service that is gone'),
  part(COMPOSE, ['services.*.image', 'services.*.build'], ['RC-CO001'], 'Compose refuses a service with neither an image nor a build context'),
  part(COMPOSE, ['services.*.build.context'], [], 'intake still finds the component in the folder holding its marker; building the course folder fails only at runtime (RC-RT001)'),
  part(COMPOSE, 'services.postgres-db.environment*', ['RC-CO002'], 'PostgreSQL creates the database and user from POSTGRES_*'),
  part(COMPOSE, ['services.postgres-db.healthcheck', 'services.postgres-db.healthcheck.test', 'services.postgres-db.healthcheck.test[1] *'], ['RC-CO002', 'RC-CO003'], 'service_healthy waits for a healthcheck that is gone'),
  part(COMPOSE, 'services.postgres-db.healthcheck.test[0] *', ['RC-CO001', 'RC-CO002', 'RC-CO003'], 'Compose refuses a test that does not start with CMD, CMD-SHELL or NONE'),
  part(COMPOSE, 'services.postgres-db.healthcheck.*', [], 'interval, timeout and retries have defaults'),
  part(COMPOSE, 'services.postgres-db.volumes', ['RC-CO005'], 'the data is no longer in a named volume'),
  part(COMPOSE, 'services.postgres-db.volumes[0] *', ['RC-CO001', 'RC-CO005'], '`volumes:` left empty is not a list'),
  part(COMPOSE, 'services.api', ['RC-CO003', 'RC-CO004', 'RC-CF011'], 'no api service waits for the database or gets DB_HOST and SSLMODE'),
  part(COMPOSE, 'services.api.env_file', ['RC-CO004', 'RC-CF011'], 'DB_HOST and SSLMODE come from the env file'),
  part(COMPOSE, 'services.api.env_file[0] *', ['RC-CO001', 'RC-CO004', 'RC-CF011'], '`env_file:` left empty is invalid, and DB_HOST and SSLMODE are gone'),
  part(COMPOSE, 'services.api.depends_on', ['RC-CO003'], 'the api no longer waits for the database'),
  part(COMPOSE, ['services.api.depends_on.postgres-db', 'services.api.depends_on.postgres-db.condition'], ['RC-CO001', 'RC-CO003'], 'an empty depends_on entry is invalid'),
  part(COMPOSE, 'services.client', ['RC-CO006'], 'no client service'),
  part(COMPOSE, ['services.*.ports[0] *', 'services.client.env_file[0] *'], ['RC-CO001'], 'a key left empty is not a list'),
  part(COMPOSE, ['services.*.container_name', 'services.*.ports', 'services.*.volumes*', 'services.*.command', 'services.*.build.dockerfile', 'services.client.env_file'], [], 'defaults Compose fills in, or what only the runtime uses'),
  part(COMPOSE, ['volumes', 'volumes.postgres_data'], ['RC-CO001', 'RC-CO005'], 'the named volume is used but not declared'),
  part(COMPOSE, 'networks.default', ['RC-CO001'], '`networks:` left empty is not a mapping'),
  part(COMPOSE, ['networks', 'networks.default.name'], [], 'Compose makes a default network'),
];

const deploy: Row[] = [
  part(DEPLOY, ['on', 'on.workflow_dispatch'], ['RC-WF002', 'RC-WF003'], 'a workflow needs a trigger; the deploy is started by hand'),
  part(DEPLOY, ['permissions', 'permissions.id-token'], ['RC-WF004'], 'OIDC needs id-token: write'),
  part(DEPLOY, ['jobs', 'jobs.deploy'], ['RC-WF002', ...SSM], 'a workflow needs jobs; nothing sends the SSM command'),
  part(DEPLOY, 'jobs.deploy.runs-on', ['RC-WF002'], 'a job needs runs-on'),
  part(DEPLOY, ['jobs.deploy.steps', 'jobs.deploy.steps[3]', 'jobs.deploy.steps[3].run › aws ssm send-command \\', "jobs.deploy.steps[3].run › --parameters '*"], SSM, 'nothing sends the commands to the instance'),
  part(DEPLOY, 'jobs.deploy.steps[3].run', ['RC-WF002', ...SSM], 'a step needs run or uses'),
  part(DEPLOY, ['jobs.deploy.steps[1]', 'jobs.deploy.steps[1].with*'], ['RC-WF005'], 'the deploy runs aws without assuming the role'),
  part(DEPLOY, 'jobs.deploy.steps[1].uses', ['RC-WF002', 'RC-WF005'], 'the step does nothing and no role is assumed'),
  part(DEPLOY, 'jobs.deploy.steps[i].uses', ['RC-WF002'], 'a step needs run or uses'),
  part(DEPLOY, 'jobs.deploy.steps[3].run › commands[1] aws ecr get-login-password *', ['RC-WF012'], 'the instance pulls without logging in'),
  part(DEPLOY, 'jobs.deploy.steps[3].run › commands[5] docker run *', ['RC-WF006', 'RC-WF010'], 'no container gets the settings'),
  part(DEPLOY, 'jobs.deploy.steps[3].run › commands[5] › docker run -d', ['RC-WF010'], 'the container runs in the foreground'),
  part(DEPLOY, 'jobs.deploy.steps[3].run › commands[5] › docker run -e DB_*', ['RC-WF006'], 'the container lacks a database setting'),
  part(
    DEPLOY,
    [
      'name',
      'permissions.contents',
      'jobs.deploy.steps[0]',
      'jobs.deploy.steps[2]',
      'jobs.deploy.steps[3].name',
      'jobs.deploy.steps[3].run › --instance-ids *',
      'jobs.deploy.steps[3].run › --document-name *',
      'jobs.deploy.steps[3].run › --comment *',
      'jobs.deploy.steps[3].run › --region *',
      'jobs.deploy.steps[3].run › commands[0] IMAGE=*',
      'jobs.deploy.steps[3].run › commands[2] docker pull *',
      'jobs.deploy.steps[3].run › commands[3] docker stop *',
      'jobs.deploy.steps[3].run › commands[4] docker rm *',
      'jobs.deploy.steps[3].run › commands[5] › docker run --name *',
      'jobs.deploy.steps[3].run › commands[5] › docker run -p *',
    ],
    [],
    'no criterion reads it: names, checkout and the runner’s ECR login, SSM options of the AWS CLI, the image variable, and how the old container is replaced',
  ),
];

const build: Row[] = [
  part(BUILD, ['on', 'on.push'], ['RC-WF002'], 'a workflow needs a trigger'),
  part(BUILD, ['permissions', 'permissions.id-token'], ['RC-WF005'], 'role-to-assume needs id-token: write'),
  part(BUILD, ['jobs', 'jobs.test'], ['RC-WF002', 'RC-WF009'], 'needs names a job that is gone; nothing runs the tests'),
  part(BUILD, 'jobs.build-and-push.steps[1].uses', ['RC-WF002', 'RC-WF005'], 'the step does nothing and no role is assumed'),
  part(BUILD, ['jobs.*.runs-on', 'jobs.*.steps[i].uses', 'jobs.test.steps[1].with.python-version', 'jobs.build-and-push.steps[3].env.IMAGE', 'jobs.test.steps[2].run'], ['RC-WF002'], 'GitHub rejects the workflow: a key left empty or a step that does nothing'),
  part(BUILD, ['jobs.test.steps', 'jobs.test.steps[3]', 'jobs.build-and-push', 'jobs.build-and-push.needs', 'jobs.build-and-push.steps', 'jobs.build-and-push.steps[3]'], ['RC-WF009'], 'the image is no longer built after the tests'),
  part(BUILD, ['jobs.test.steps[3].run', 'jobs.build-and-push.steps[3].run'], ['RC-WF002', 'RC-WF009'], 'a step needs run or uses; the tests or the build are gone'),
  part(BUILD, ['jobs.build-and-push.steps[1]', 'jobs.build-and-push.steps[1].with*'], ['RC-WF005'], 'the build runs without assuming the role'),
  part(
    BUILD,
    ['name', 'on.push.branches*', 'permissions.contents', 'jobs.*.steps[0]', 'jobs.test.steps[1]', 'jobs.test.steps[1].with', 'jobs.test.steps[2]', 'jobs.*.steps[i].name', 'jobs.test.steps[2].run › *', 'jobs.test.steps[3].env*', 'jobs.build-and-push.steps[2]', 'jobs.build-and-push.steps[3].env', 'jobs.build-and-push.steps[3].run › docker *'],
    [],
    'no criterion reads it: names, branches, checkout, setup and install steps, the runner’s ECR login, and one of docker build and push while the other remains',
  ),
];

const lines: Row[] = [
  part(`${API}/.env.example`, 'DB_*', ['RC-CF004'], 'RC-CF004 lists the DB_* keys'),
  part(`${API}/.env.local`, 'DB_HOST=*', ['RC-CO004'], 'the api service gets DB_HOST from it'),
  part(`${API}/.env.local`, 'SSLMODE=*', ['RC-CF011'], 'local runs need SSLMODE=disable'),
  part(`${API}/.env.local`, 'DB_*', [], 'no static criterion reads the api’s other local settings'),
  part(`${API}/.gitignore`, '.env.local', ['RC-CF005'], '.env.local holds real values'),
  part(`${API}/seed_database.sh`, '#!/bin/bash', ['RC-CF007'], 'the script needs a shebang'),
  part(`${API}/seed_database.sh`, ['python manage.py migrate', 'python manage.py loaddata *'], ['RC-CF008'], 'the seed script migrates and loads every fixture'),
  part(`${API}/seed_database.sh`, ['echo *', '# *'], [], 'messages and comments'),
  part(`${API}/Pipfile`, '*', [], 'requirements.txt declares the driver too; no criterion reads the other packages'),
  part(`${API}/requirements.txt`, '*', [], 'the Pipfile declares the driver too; no criterion reads the other packages'),
  part(`${API}/.env.example`, '# *', [], 'a comment'),
  part(`${API}/.gitignore`, '*', [], 'no env file with real values is named .env, and the rest are not env files'),
  part(`${API}/.dockerignore`, '*', [], '.env.local is not tracked by git, so a clone has none to copy'),
  part(`${CLIENT}/.gitignore`, '*', [], 'the client has no secrets'),
  part(`${CLIENT}/.dockerignore`, '*', [], 'the client has no secrets'),
  part(`${CLIENT}/.env.local`, 'VITE_API_URL=*', [], 'the browser reaches the api on localhost by default; only the runtime uses it'),
];

const dockerfiles: Row[] = [
  part(`${API}/Dockerfile`, 'FROM *', NO_STAGE, 'no stage: nothing to follow'),
  part(`${CLIENT}/Dockerfile`, 'FROM *', CLIENT_NO_STAGE, 'no stage: nothing to follow'),
  part(`${API}/Dockerfile`, 'CMD *', ['RC-DF007', 'RC-DF008'], 'no CMD starts the server'),
  part(`${CLIENT}/Dockerfile`, 'CMD *', ['RC-DF007'], 'no CMD starts Vite'),
  part('rock-of-ages-*/Dockerfile', 'EXPOSE *', ['RC-DF006'], 'the port is no longer exposed'),
  part(`${API}/Dockerfile`, ['ENV *', 'WORKDIR *', 'RUN *', 'COPY *', '# *'], [], 'no static criterion needs them: the build and the runtime criteria do'),
  part(`${CLIENT}/Dockerfile`, ['WORKDIR *', 'RUN *', 'COPY *'], [], 'no static criterion needs them: the build and the runtime criteria do'),
];

const settings: Row[] = [
  part(SETTINGS, 'import os', ['RC-CF001'], 'DATABASES reads os.getenv: Django stops with a NameError'),
  part(SETTINGS, 'DATABASES = {', ['RC-CF001', 'RC-CF002', 'RC-CF011'], 'no database settings'),
  part(SETTINGS, 'DATABASES.default', ['RC-CF001', 'RC-CF002', 'RC-CF011'], "no 'default' entry: the criteria reading the database settings cannot be checked, as with no DATABASES at all"),
  part(SETTINGS, ['DATABASES.default.ENGINE', 'DATABASES.default.NAME', 'DATABASES.default.USER', 'DATABASES.default.PASSWORD', 'DATABASES.default.HOST', 'DATABASES.default.PORT'], ['RC-CF001'], 'PostgreSQL configured from the environment'),
  part(SETTINGS, ['DATABASES.default.OPTIONS', 'DATABASES.default.OPTIONS.sslmode'], [], 'without sslmode, libpq prefers SSL and falls back to none: both the local container and RDS connect'),
  part(SETTINGS, '"""', [], 'the docstring'),
  part(SETTINGS, 'from pathlib import Path', [], 'only BASE_DIR uses it, which no criterion reads'),
  part(SETTINGS, ['BASE_DIR *', 'SECRET_KEY *', 'DEBUG *', 'ALLOWED_HOSTS *', 'INSTALLED_APPS *', 'REST_FRAMEWORK *', 'CORS_ORIGIN_WHITELIST *', 'MIDDLEWARE *', 'ROOT_URLCONF *', 'TEMPLATES *', 'WSGI_APPLICATION *', 'AUTH_PASSWORD_VALIDATORS *', 'LANGUAGE_CODE *', 'TIME_ZONE *', 'USE_I18N *', 'USE_TZ *', 'STATIC_URL *', 'DEFAULT_AUTO_FIELD *'], [], runtimeOnly),
];

const json: Row[] = [
  part(`${CLIENT}/package.json`, ['scripts', 'scripts.dev'], ['RC-DF007'], '`npm run dev` has no dev script, so the CMD starts no server'),
  part(`${CLIENT}/package.json`, ['name', 'private', 'version', 'type', 'scripts.build', 'scripts.preview', 'dependencies*', 'devDependencies*'], [], `${runtimeOnly} (npm install and Vite)`),
  part(`${FIXTURES}/*.json`, ['[i]', '[i].model'], ['RC-CF009'], 'a row is missing or cannot be loaded'),
  part(`${FIXTURES}/*.json`, '[i].fields', ['RC-CF009'], 'Django cannot load an entry without fields, so seeding stops'),
  part(`${FIXTURES}/rocks.json`, ['[i].fields.name', '[i].fields.user', '[i].fields.type', '[i].fields.weight'], ['RC-CF009'], "the rock's content is gone; a rock without a weight, owner or type cannot be loaded"),
  part(`${FIXTURES}/tokens.json`, '[i].fields.user', ['RC-CF009'], 'a token without its user cannot be loaded'),
  part(`${FIXTURES}/types.json`, ['[0].pk', '[2].pk', '[4].pk', '[i].fields.label'], ['RC-CF009'], 'a rock’s type is gone'),
  part(`${FIXTURES}/types.json`, ['[1].pk', '[3].pk'], [], 'no rock has this type: Django numbers it'),
  part(`${FIXTURES}/tokens.json`, '[i].pk', [], 'Django makes a key of its own; only the runtime criteria use the course’s keys'),
  part(`${FIXTURES}/*.json`, '[i].pk', [], 'Django numbers the row itself; the rocks’ owners stay the same'),
  part(`${FIXTURES}/tokens.json`, '[i].fields.created', [], 'the field has a default'),
  part(`${FIXTURES}/users.json`, '[i].fields.*', [], 'each field has a default; RC-CF009 reads the rows, runtime criteria the users'),
];

export const removalTable: Row[] = [...wholeFiles, ...compose, ...deploy, ...build, ...lines, ...dockerfiles, ...settings, ...json];
