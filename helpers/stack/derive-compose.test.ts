import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { fakeSubmission } from '../../src/model/fake-submission.js';
import { defaultProfile } from '../../src/profile/load.js';
import type { Profile } from '../../src/profile/profile.js';
import { composeInput } from '../../src/rules/compose/index.js';
import { deriveCompose, ephemeralPorts, mergeLabels } from './derive-compose.js';

const COURSE = `
services:
  postgres-db:
    image: postgres:15
    container_name: postgres-db
    environment: {POSTGRES_DB: rockofages, POSTGRES_USER: rockadmin, POSTGRES_PASSWORD: localpassword123}
    ports: ["5432:5432"]
    volumes: [postgres_data:/var/lib/postgresql/data]
    healthcheck: {test: ["CMD-SHELL", "pg_isready -U rockadmin -d rockofages"], interval: 10s, timeout: 5s, retries: 5}
  api:
    build: {context: ./rock-of-ages-api, dockerfile: Dockerfile}
    container_name: api-container
    env_file: [./rock-of-ages-api/.env.local]
    ports: ["8000:8000"]
    volumes: [./rock-of-ages-api:/app, /app/.venv]
    depends_on: {postgres-db: {condition: service_healthy}}
  client:
    build: ./rock-of-ages-client
    container_name: client-container
    ports: ["127.0.0.1:3000:3000"]
    restart: always
volumes: {postgres_data: {}}
networks: {default: {name: rock-of-ages-network}}
`;

const FILES = {
  'rock-of-ages-api/manage.py': '',
  'rock-of-ages-api/Dockerfile': 'FROM python:3.11-slim\n',
  'rock-of-ages-api/.env.local': 'DB_HOST=postgres-db\n',
  'rock-of-ages-client/package.json': '{}',
  'rock-of-ages-client/Dockerfile': 'FROM node:18-alpine\n',
};

function derive(text: string, profile: Profile = defaultProfile(), runId = 'abc123') {
  const sub = fakeSubmission({
    files: { 'docker-compose.yml': text, ...FILES },
    components: { api: 'rock-of-ages-api', client: 'rock-of-ages-client' },
    compose: 'docker-compose.yml',
    layout: 'parent',
  });
  return deriveCompose(composeInput(sub, profile), runId);
}

type Doc = { services: Record<string, Record<string, any>>; networks?: Record<string, any>; volumes?: Record<string, any>; name: string };
const doc = (d: ReturnType<typeof derive>) => d.document as unknown as Doc;

describe('deriveCompose', () => {
  it('names the project after the run and finds the roles', () => {
    const d = derive(COURSE);
    expect(d.refusals).toEqual([]);
    expect(d.projectName).toBe('rock-check-abc123');
    expect(doc(d).name).toBe('rock-check-abc123');
    expect(d.roles).toEqual({ database: 'postgres-db', api: 'api', client: 'client' });
  });

  it('turns container_name into a network alias on every network the service joins', () => {
    const d = derive(COURSE);
    const s = doc(d).services;
    expect(s['postgres-db'].container_name).toBeUndefined();
    expect(s['postgres-db'].networks).toBeUndefined();
    expect(s.api.networks).toEqual({ default: { aliases: ['api-container'] } });
    expect(s.client.networks).toEqual({ default: { aliases: ['client-container'] } });
    expect(d.names.api).toEqual(['api', 'api-container']);
    expect(d.names['postgres-db']).toEqual(['postgres-db']);
    expect(d.changes).toContain('api: container_name "api-container" removed, kept as a network alias');

    const listed = derive(`services:\n  api:\n    image: x\n    container_name: web1\n    networks: [front, back]\nnetworks: {front: {}, back: {}}\n`);
    expect(doc(listed).services.api.networks).toEqual({ front: { aliases: ['web1'] }, back: { aliases: ['web1'] } });
    const mapped = derive(`services:\n  api:\n    image: x\n    container_name: web1\n    networks: {front: {aliases: [w]}}\nnetworks: {front: {}}\n`);
    expect(doc(mapped).services.api.networks).toEqual({ front: { aliases: ['w', 'web1'] } });
  });

  it('replaces every published host port by an ephemeral one', () => {
    const s = doc(derive(COURSE)).services;
    expect(s['postgres-db'].ports).toEqual(['5432']);
    expect(s.api.ports).toEqual(['8000']);
    expect(s.client.ports).toEqual(['3000']);
    expect(ephemeralPorts(['8000:8000', '127.0.0.1:8001:8000', '[::1]:9000:9000', '5000-5001:5000-5001', '53:53/udp', 8080, '${PORT:-8000}:8000', '127.0.0.1::7000'])).toEqual({
      ports: ['8000', '8000', '9000', '5000-5001', '53/udp', '8080', '8000', '7000'],
      changed: true,
    });
    expect(ephemeralPorts([{ target: 8000, published: 80, host_ip: '0.0.0.0', protocol: 'tcp' }]).ports).toEqual([{ target: 8000, protocol: 'tcp' }]);
    expect(ephemeralPorts(['8000']).changed).toBe(false);
  });

  it('publishes the ports grading needs when the file does not, and uses the ports the file names', () => {
    const d = derive(`services:
  db: {image: "postgres:16"}
  api: {build: ./rock-of-ages-api, ports: ["8080:8080"]}
`);
    expect(doc(d).services.db.ports).toEqual(['5432']);
    expect(doc(d).services.api.ports).toEqual(['8080']);
    expect(d.rolePorts).toEqual({ database: 5432, api: 8080 });
    expect(d.changes).toContain('db: container port 5432 published on an ephemeral host port for grading');
  });

  it('labels services, built images, networks and volumes with the run', () => {
    const d = derive(COURSE);
    const x = doc(d);
    const labels = { 'rock-check': '1', 'rock-check.run': 'abc123' };
    for (const s of Object.values(x.services)) expect(s.labels).toEqual(labels);
    expect(x.services.api.build.labels).toEqual(labels);
    expect(x.services.client.build).toEqual({ context: './rock-of-ages-client', labels });
    expect(x.networks).toEqual({ default: { labels } });
    expect(x.volumes).toEqual({ postgres_data: { labels } });
    expect(d.changes).toContain('network default: fixed name "rock-of-ages-network" dropped (scoped to the run\'s project)');
    expect(mergeLabels(['a=1', 'rock-check=0'], { 'rock-check': '1' })).toEqual(['a=1', 'rock-check=1']);
    expect(mergeLabels({ a: 1 }, { b: '2' })).toEqual({ a: '1', b: '2' });
  });

  it('tags built images per run, and with no other tag', () => {
    const d = derive(`services:\n  api:\n    build: {context: ./rock-of-ages-api, tags: ["postgres:16"], shm_size: 8g}\n    image: rock-api:latest\n`);
    expect(doc(d).services.api.image).toBe('rock-check-abc123-api');
    expect(doc(d).services.api.build.tags).toBeUndefined();
    expect(doc(d).services.api.build.shm_size).toBeUndefined();
    expect(d.changes).toContain('api: extra image tags of the build dropped');
    expect(d.builtImages).toEqual({ api: 'rock-check-abc123-api' });
    expect(d.changes).toContain('api: built image tagged "rock-check-abc123-api" instead of "rock-api:latest"');
  });

  it('drops forced pulls, so a machine that reaches no registry uses the images it has', () => {
    const d = derive(`services:\n  db:\n    image: postgres:15\n    pull_policy: always\n  api:\n    build: {context: ./rock-of-ages-api, pull: true}\n  web:\n    image: node:20\n    pull_policy: never\n`);
    expect(doc(d).services.db.pull_policy).toBe('missing');
    expect(doc(d).services.api.build.pull).toBeUndefined();
    expect(doc(d).services.web.pull_policy).toBe('never');
    expect(d.changes).toContain('db: forced pulls dropped (images already on the machine are used)');
    expect(d.changes).toContain('api: forced pulls dropped (images already on the machine are used)');
  });

  it('puts the profile limits, no restart and a bounded log on every service', () => {
    const profile = { ...defaultProfile(), runtime: { ...defaultProfile().runtime, memoryMb: 300, cpus: 0.5, pids: 64 } };
    const d = derive(
      `services:\n  api:\n    image: x\n    mem_limit: 8g\n    restart: unless-stopped\n    deploy: {resources: {limits: {memory: 4g}}}\n    ulimits: {nofile: 1048576, memlock: -1}\n    shm_size: 8g\n    oom_kill_disable: true\n    oom_score_adj: -1000\n    cgroup_parent: /system.slice\n    cpuset: "0-63"\n`,
      profile,
    );
    const api = doc(d).services.api;
    expect(api).toMatchObject({ mem_limit: '300m', memswap_limit: '300m', cpus: 0.5, pids_limit: 64, restart: 'no', shm_size: '64m' });
    expect(api.ulimits).toEqual({ nofile: { soft: 4096, hard: 4096 }, core: { soft: 0, hard: 0 } });
    for (const k of ['oom_kill_disable', 'oom_score_adj', 'cgroup_parent', 'cpuset']) expect(api[k], k).toBeUndefined();
    expect(api.deploy).toEqual({});
    expect(api.logging).toEqual({ driver: 'json-file', options: { 'max-size': '5m', 'max-file': '2' } });
    expect(d.changes).toEqual(
      expect.arrayContaining(['api: its own resource limits replaced by the grading limits', 'api: restart "unless-stopped" replaced by "no"']),
    );
  });

  it('refuses hostile settings before anything starts, positioned in the student file', () => {
    const d = derive(`services:
  api:
    image: x
    privileged: true
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
  db:
    image: postgres:16
    network_mode: host
networks:
  outside: {external: true}
`);
    expect(d.refusals.map((f) => `${f.file}:${f.line}:${f.column} [${f.ruleId}] ${f.message.slice(0, 40)}`)).toEqual([
      'docker-compose.yml:4:17 [RC-RT002] refused to start: service "api" runs pri',
      'docker-compose.yml:6:9 [RC-RT002] refused to start: service "api" mounts t',
      'docker-compose.yml:9:19 [RC-RT002] refused to start: service "db" sets netw',
      'docker-compose.yml:11:13 [RC-RT002] refused to start: network "outside" is e',
    ]);
  });

  it('refuses paths that reach the host once the variables the run gives Compose are substituted', () => {
    const text = `services:\n  api:\n    build: \${SRC:-./rock-of-ages-api}\n    env_file: \${DOCKER_CERT_PATH:-./rock-of-ages-api}/.env.local\n`;
    const sub = fakeSubmission({ files: { 'docker-compose.yml': text, ...FILES }, compose: 'docker-compose.yml', layout: 'parent', components: { api: 'rock-of-ages-api' } });
    const input = composeInput(sub, defaultProfile());
    expect(deriveCompose(input, 'r1').refusals).toEqual([]);
    const refused = deriveCompose(input, 'r1', new Map([['DOCKER_CERT_PATH', '/root/.docker']])).refusals;
    expect(refused.map((f) => `${f.line}:${f.column} ${f.message.split(',')[0]}`)).toEqual(['4:15 refused to start: service "api" reads the env_file "\${DOCKER_CERT_PATH:-./rock-of-ages-api}/.env.local"']);
  });

  it('refuses a file that cannot be read as compose', () => {
    const d = derive('services: [\n');
    expect(d.refusals).toHaveLength(1);
    expect(d.refusals[0].message).toContain('so the stack cannot be started from it');
  });

  it('writes a document Compose can read back, the student data otherwise unchanged', () => {
    const d = derive(COURSE);
    const back = parse(stringify(d.document)) as Doc;
    expect(back.services['postgres-db'].healthcheck).toEqual({ test: ['CMD-SHELL', 'pg_isready -U rockadmin -d rockofages'], interval: '10s', timeout: '5s', retries: 5 });
    expect(back.services.api.env_file).toEqual(['./rock-of-ages-api/.env.local']);
    expect(back.services.api.volumes).toEqual(['./rock-of-ages-api:/app', '/app/.venv']);
    expect(back.services.api.depends_on).toEqual({ 'postgres-db': { condition: 'service_healthy' } });
    expect(back.services.api.ports).toEqual(['8000']);
  });

  it('gives two runs different projects and image tags', () => {
    const a = derive(COURSE, defaultProfile(), 'run1');
    const b = derive(COURSE, defaultProfile(), 'run2');
    expect(a.projectName).not.toBe(b.projectName);
    expect(a.builtImages.api).not.toBe(b.builtImages.api);
  });
});
