import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../model/finding.js';
import { redact } from '../model/redact.js';
import { packageRoot } from '../paths.js';
import type { Criterion, Profile } from '../profile/profile.js';
import { buildReport, type BuildInput, type Outcome } from './build.js';
import type { Report } from './report.js';

/**
 * Realistic reports for tests of the formats and of the command line: a
 * passing run (one advice criterion lost), a failing static run, and a run
 * that the Docker engine stopped; a passing static run where one criterion
 * passes with advice and an advice criterion fails; an api and a client given
 * as separate repositories; findings quoting hostile submission text
 * (secrets, control characters, a forged workflow command:
 * testdata/hostile-findings.json).
 * Fixed values, so outputs can be compared with golden files.
 */
export type SampleKind = 'pass' | 'fail' | 'error' | 'separate' | 'hostile' | 'advice';

const criteria: Criterion[] = [
  { id: 'RC-DF001', area: 'dockerfile', level: 'required', points: 3, title: 'Dockerfile present and parseable', check: 'dockerfile/present-and-parseable' },
  { id: 'RC-DF002', area: 'dockerfile', level: 'advice', points: 1, title: 'Base image pinned to an explicit tag', check: 'dockerfile/base-image-tag' },
  { id: 'RC-DF005', area: 'dockerfile', level: 'required', points: 3, title: 'No secrets baked into the image', check: 'dockerfile/no-baked-secrets' },
  { id: 'RC-DF007', area: 'dockerfile', level: 'required', points: 2, title: 'Server bound to 0.0.0.0', check: 'dockerfile/server-listens-on-all-interfaces' },
  { id: 'RC-CO001', area: 'compose', level: 'required', points: 4, title: 'Compose file valid against the Compose Specification', check: 'compose/valid' },
  { id: 'RC-CO004', area: 'compose', level: 'required', points: 3, title: "API's DB_HOST names the database service", check: 'rock-of-ages/api-db-host' },
  { id: 'RC-CO009', area: 'compose', level: 'advice', points: 1, title: 'No obsolete top-level version', check: 'compose/obsolete-version' },
  { id: 'RC-WF006', area: 'workflows', level: 'required', points: 3, title: 'Database settings passed only from secrets', check: 'rock-of-ages/db-values-from-secrets' },
  { id: 'RC-WF007', area: 'workflows', level: 'required', points: 3, title: 'SSM --parameters is valid JSON', check: 'rock-of-ages/ssm-parameters-json' },
  { id: 'RC-CF003', area: 'config', level: 'required', points: 4, title: 'No env file with secrets committed', check: 'rock-of-ages/no-committed-env-secrets' },
  { id: 'RC-CF004', area: 'config', level: 'required', points: 1, title: '.env.example lists the DB_* keys', check: 'rock-of-ages/env-example-keys' },
  { id: 'RC-CF007', area: 'config', level: 'required', points: 2, title: 'Seed script present, executable, with LF line endings', check: 'rock-of-ages/seed-script-file' },
  { id: 'RC-RT001', area: 'runtime', level: 'required', points: 4, title: "Images build from the student's Dockerfiles", check: 'runtime/images-build' },
  { id: 'RC-RT002', area: 'runtime', level: 'required', points: 4, title: 'Stack starts and becomes ready', check: 'runtime/stack-ready' },
];

export const sampleProfile: Pick<Profile, 'id' | 'name' | 'version' | 'criteria'> = {
  id: 'rock-of-ages',
  name: 'Rock of Ages, Workshop 3 (PostgreSQL, Docker network, Compose, GitHub Actions)',
  version: 1,
  criteria,
};

const docs: Record<string, string> = {
  'RC-DF002':
    'A base image without a version tag (or with "latest") changes under your feet: the same Dockerfile builds a different image next month. Name the version you tested with.',
  'RC-DF005':
    'Anything set with ENV or ARG is stored in the image and visible to whoever pulls it. Database passwords belong in the environment of the running container.',
  'RC-CO004':
    'Containers on a compose network reach each other by service name. Inside the api container, localhost is the api container itself, not the database.',
  'RC-WF006':
    'The deploy workflow must take DB_NAME, DB_USER, DB_PASSWORD, DB_HOST and DB_PORT from repository secrets, never from literals or variables.',
  'RC-WF007':
    'aws ssm send-command --parameters takes JSON; a quoting mistake sends a broken command to the server.',
  'RC-CF003': 'An env file holding real credentials must never be committed: anyone who can read the repository can read the database.',
  'RC-CF004': '.env.example shows the next developer which variables to set, without their values.',
};

const password = redact('localpassword123');

const failures: Record<string, Finding[]> = {
  'RC-DF002': [
    {
      ruleId: 'RC-DF002',
      severity: 'warning',
      file: 'rock-of-ages-api/Dockerfile',
      line: 1,
      column: 6,
      message: 'base image "python:latest" has no pinned version; name one, e.g. python:3.11-slim',
    },
  ],
  'RC-DF005': [
    {
      ruleId: 'RC-DF005',
      severity: 'error',
      file: 'rock-of-ages-api/Dockerfile',
      line: 9,
      column: 5,
      message: `ENV sets DB_PASSWORD to the literal "${password}", which stays readable in every copy of the image`,
      hint: 'delete this ENV line and give DB_PASSWORD to the container at run time (environment: or env_file: in docker-compose.yml)',
    },
  ],
  'RC-CO004': [
    {
      ruleId: 'RC-CO004',
      severity: 'error',
      file: 'docker-compose.yml',
      line: 21,
      column: 16,
      message: 'DB_HOST is "localhost" but the database service is named "postgres-db"',
      hint: 'set DB_HOST: postgres-db so the api reaches the database over the compose network',
    },
  ],
  'RC-WF006': [
    {
      ruleId: 'RC-WF006',
      severity: 'error',
      file: '.github/workflows/deploy.yml',
      line: 34,
      column: 24,
      message: `DB_PASSWORD comes from "\${{ vars.DB_PASSWORD || '${password}' }}", not from a secret`,
      hint: 'write DB_PASSWORD: ${{ secrets.DB_PASSWORD }} and store the value under Settings > Secrets and variables > Actions',
    },
  ],
  'RC-WF007': [
    {
      ruleId: 'RC-WF007',
      severity: 'error',
      file: '.github/workflows/deploy.yml',
      line: 52,
      column: 11,
      message: `--parameters is not valid JSON: unexpected "<" at position 14 in 'commands=["cd <app-dir> && git pull"]'`,
      hint: 'the value must be a JSON object, e.g. --parameters \'{"commands":["cd /home/ubuntu/app && git pull"]}\'',
    },
  ],
  'RC-CF003': [
    {
      ruleId: 'RC-CF003',
      severity: 'error',
      file: 'rock-of-ages-api/.env',
      message: `env file with DB_PASSWORD=${password} is committed to git`,
      hint: 'run git rm --cached rock-of-ages-api/.env, add .env to .gitignore, and change the password',
    },
  ],
  'RC-CF004': [
    {
      ruleId: 'RC-CF004',
      severity: 'error',
      file: 'rock-of-ages-api/.env.example',
      message: '.env.example is missing',
      hint: 'create it with the keys DB_NAME, DB_USER, DB_PASSWORD, DB_HOST, DB_PORT and placeholder values',
    },
  ],
};

function outcome(id: string, failing: ReadonlySet<string>): Outcome {
  const d = docs[id] !== undefined ? { docs: docs[id] } : {};
  return failing.has(id) ? { state: 'fail', findings: failures[id] ?? [], ...d } : { state: 'pass', findings: [], ...d };
}

function outcomes(ids: string[], failing: string[]): Map<string, Outcome> {
  const set = new Set(failing);
  return new Map(ids.map((id) => [id, outcome(id, set)]));
}

const staticIds = criteria.filter((c) => c.area !== 'runtime').map((c) => c.id);

const parentLayout: BuildInput['submission'] = {
  source: '/home/student/rock-of-ages-development',
  layout: 'parent',
  components: {
    api: { role: 'api', dir: 'rock-of-ages-api', foundBy: 'compose' },
    client: { role: 'client', dir: 'rock-of-ages-client', foundBy: 'compose' },
  },
  compose: 'docker-compose.yml',
};

/** An api repository named as a local folder (as in its own CI) and the client as a URL; findings carry rock-check's staging paths. */
const separateLayout: BuildInput['submission'] = {
  source: '--api /home/student/rock-of-ages-api --client https://github.com/student/rock-of-ages-client.git',
  layout: 'separate',
  components: {
    api: { role: 'api', dir: 'api', foundBy: 'argument', source: '/home/student/rock-of-ages-api' },
    client: { role: 'client', dir: 'client', foundBy: 'argument', source: 'https://github.com/student/rock-of-ages-client.git' },
  },
};

const separateFailures: Record<string, Finding[]> = {
  'RC-DF001': [
    { ruleId: 'RC-DF001', severity: 'error', file: 'client/Dockerfile', message: 'no Dockerfile in the repository root; add one that builds the client image' },
  ],
  'RC-DF002': [{ ...failures['RC-DF002'][0], file: 'api/Dockerfile' }],
  'RC-WF006': [{ ...failures['RC-WF006'][0], file: 'api/.github/workflows/deploy.yml' }],
  'RC-CF004': [{ ...failures['RC-CF004'][0], file: 'api/.env.example' }],
};

export interface HostileData {
  /** Every secret the findings quote: no format may print one. */
  secrets: string[];
  files: Record<string, string>;
  outcomes: Record<string, Finding[]>;
  reasons: Record<string, string>;
  errors: { message: string; where?: string }[];
}

export function hostileData(): HostileData {
  return JSON.parse(readFileSync(join(packageRoot, 'src', 'report', 'testdata', 'hostile-findings.json'), 'utf8')) as HostileData;
}

function hostileInput(): Pick<BuildInput, 'submission' | 'outcomes' | 'errors'> {
  const data = hostileData();
  const map = new Map<string, Outcome>(staticIds.map((id) => [id, { state: 'pass', findings: [] }]));
  for (const [id, findings] of Object.entries(data.outcomes)) map.set(id, { state: 'fail', findings });
  for (const [id, reason] of Object.entries(data.reasons)) map.set(id, { state: 'error', findings: [], reason });
  const files = Object.fromEntries(Object.entries(data.files).map(([path, text]) => [path, { path, size: text.length, binary: false, text }]));
  return { submission: { ...parentLayout, files }, outcomes: map, errors: data.errors };
}

/** The profile of the advice sample: the sample's criteria and RC-DF010, whose advice it carries. */
const adviceProfile: BuildInput['profile'] = {
  ...sampleProfile,
  criteria: criteria.flatMap((c) =>
    c.id === 'RC-DF007' ? [c, { id: 'RC-DF010', area: 'dockerfile', level: 'required', points: 3, title: 'No env file copied into the image', check: 'dockerfile/env-file-in-image' }] : [c],
  ),
};

/** RC-DF010 passes (git tracks no env file), with advice on the untracked .env.local that a build from the folder itself takes. */
const untrackedEnvAdvice: Finding[] = [
  {
    ruleId: 'RC-DF010',
    severity: 'warning',
    file: 'rock-of-ages-api/Dockerfile',
    line: 8,
    column: 1,
    message:
      `.env.local (DB_PASSWORD=${password}) is not tracked by git, so an image built from a clone leaves it out, but one you build ` +
      'from this folder gets it through this COPY (there is no .dockerignore): anyone who can pull the image can read it; add .env.local ' +
      'to .dockerignore before you build and push from your own machine',
  },
];

function adviceInput(): Pick<BuildInput, 'profile' | 'outcomes'> {
  const ids = adviceProfile.criteria.filter((c) => c.area !== 'runtime').map((c) => c.id);
  const map = outcomes(ids, ['RC-DF002']);
  map.set('RC-DF010', {
    state: 'pass',
    findings: untrackedEnvAdvice,
    docs: 'COPY . copies the whole build context, .env and .env.local included, unless .dockerignore excludes them.',
  });
  return { profile: adviceProfile, outcomes: map };
}

function input(kind: SampleKind): BuildInput {
  const common = { profile: sampleProfile, startedAt: '2025-03-14T09:26:53.120Z', toolVersion: '0.1.0' };
  switch (kind) {
    case 'pass':
      return {
        ...common,
        submission: parentLayout,
        mode: 'full',
        durationMs: 84213,
        outcomes: outcomes(
          criteria.map((c) => c.id),
          ['RC-DF002'],
        ),
        errors: [],
      };
    case 'fail':
      return {
        ...common,
        submission: parentLayout,
        mode: 'static',
        durationMs: 412,
        outcomes: outcomes(staticIds, ['RC-DF002', 'RC-DF005', 'RC-CO004', 'RC-WF006', 'RC-WF007', 'RC-CF003', 'RC-CF004']),
        errors: [],
      };
    case 'separate': {
      const map = new Map(staticIds.map((id): [string, Outcome] => [id, separateFailures[id] ? { state: 'fail', findings: separateFailures[id] } : { state: 'pass', findings: [] }]));
      for (const c of criteria.filter((c) => c.area === 'compose')) map.set(c.id, { state: 'not-applicable', findings: [], reason: 'no compose file: graded as separate containers' });
      return { ...common, submission: separateLayout, mode: 'static', durationMs: 530, outcomes: map, errors: [] };
    }
    case 'hostile':
      return { ...common, ...hostileInput(), mode: 'full', durationMs: 61234 };
    case 'advice':
      return { ...common, ...adviceInput(), submission: parentLayout, mode: 'static', durationMs: 455, errors: [] };
    case 'error': {
      const noCompose = 'no compose file: graded as an api repository';
      const map = outcomes(
        staticIds.filter((id) => !id.startsWith('RC-CO')),
        [],
      );
      for (const c of criteria.filter((c) => c.area === 'compose')) {
        map.set(c.id, { state: 'not-applicable', findings: [], reason: noCompose });
      }
      map.set('RC-RT001', { state: 'error', findings: [], reason: 'docker build could not start: the Docker engine is unreachable' });
      const submission: BuildInput['submission'] = {
        source: 'https://github.com/student/rock-of-ages-api.git',
        layout: 'api-only',
        components: { api: { role: 'api', dir: '', foundBy: 'root' } },
      };
      return {
        ...common,
        submission,
        mode: 'full',
        durationMs: 3507,
        outcomes: map,
        errors: [{ message: 'cannot connect to the Docker engine at unix:///var/run/docker.sock (connect ENOENT)', where: 'runtime' }],
      };
    }
  }
}

export function sampleReport(kind: SampleKind): Report {
  return buildReport(input(kind));
}

/** The report with the advice of its passing criteria taken out: what it would be without any. */
export function withoutPassingAdvice(report: Report): Report {
  return { ...report, criteria: report.criteria.map((c) => (c.status === 'pass' ? { ...c, findings: [] } : c)) };
}

export const sampleKinds: SampleKind[] = ['pass', 'fail', 'error', 'separate', 'hostile', 'advice'];
