import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../model/fake-submission.js';
import { defaultProfile } from '../../profile/load.js';
import { hostileSettings } from './hostile.js';
import { composeInput } from './input.js';

const inputOf = (yaml: string, compose = 'docker-compose.yml') =>
  composeInput(fakeSubmission({ files: { [compose]: yaml }, compose, layout: 'parent' }), defaultProfile());

type LinkedFile = string | { text: string; symlink: { target: string; outside: boolean } };

/** A submission whose files may be links, as intake records them. */
function linked(files: Record<string, LinkedFile>) {
  const sub = fakeSubmission({ files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? v : v.text])), compose: 'docker-compose.yml', layout: 'parent' });
  for (const [k, v] of Object.entries(files)) if (typeof v !== 'string') sub.files[k] = { ...sub.files[k], text: undefined, symlink: v.symlink };
  return composeInput(sub, defaultProfile());
}

const where = (yaml: string, compose?: string) => hostileSettings(inputOf(yaml, compose)).map((f) => `${f.line}:${f.column} ${f.message}`);

describe('hostileSettings', () => {
  it('accepts project bind mounts, named volumes and anonymous volumes', () => {
    expect(where('services:\n  api:\n    volumes: [./rock-of-ages-api:/app, /app/.venv, data:/data, "./:/src"]\n')).toEqual([]);
  });

  it('gives one finding per setting, at the setting', () => {
    const out = where('services:\n  a:\n    image: x\n    privileged: true\n    cap_add: [SYS_ADMIN]\n    security_opt: ["label:disable", "no-new-privileges:true"]\n');
    expect(out).toEqual([
      '4:17 service "a" runs privileged, which gives the container full control of the host; remove privileged: true',
      '5:14 service "a" adds Linux capabilities (SYS_ADMIN); remove cap_add',
      '6:20 service "a" switches off a security confinement ("label:disable"); remove this entry',
    ]);
  });

  it('ignores settings that keep the container confined', () => {
    expect(where('services:\n  a:\n    privileged: false\n    network_mode: bridge\n    pid: "service:b"\n    cap_add: []\n  b:\n    image: x\n')).toEqual([]);
  });

  it('resolves relative mounts from the compose file folder', () => {
    expect(where('services:\n  api:\n    volumes: ["../rock-of-ages-client:/client"]\n', 'rock-of-ages-api/docker-compose.yml')).toEqual([]);
    expect(where('services:\n  api:\n    volumes: ["../..:/all"]\n', 'rock-of-ages-api/docker-compose.yml')).toEqual([
      '3:15 service "api" mounts "../..", which climbs out of the submission; mount a folder inside the project instead',
    ]);
  });

  it('finds Windows host paths and the root behind a long-syntax bind', () => {
    expect(where('services:\n  a:\n    volumes:\n      - "C:\\\\Users\\\\me:/me"\n      - {type: bind, source: //, target: /h}\n')).toEqual([
      '4:9 service "a" mounts the host path "C:\\Users\\me", outside the submission; mount a folder inside the project instead',
      '5:30 service "a" mounts the host\'s root filesystem ("//"); remove this mount',
    ]);
  });

  it('follows links: a path inside the submission through a link that leads out is refused', () => {
    const files = {
      'docker-compose.yml': 'services:\n  api:\n    build: ./api\n    env_file: ./api/.env.local\n    volumes: ["./data:/data"]\n',
      'api/Dockerfile': 'FROM x\n',
      'api/.env.local': { text: '', symlink: { target: '/root/.aws/credentials', outside: true } },
      data: { text: '', symlink: { target: '/etc', outside: true } },
    };
    expect(hostileSettings(linked(files)).map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([
      '5:15 service "api" mounts "./data", a link that leads out of the submission; mount a folder inside the project instead',
      '4:15 service "api" reads the env_file "./api/.env.local", which goes through a link that leads out of the submission; use a path inside the project, relative to the compose file',
    ]);
  });

  it('reads paths after substitution, with the variables the run gives Compose', () => {
    const yaml = 'services:\n  api:\n    build: ${SRC:-./api}\n    env_file: ${CONF}/env\n';
    expect(where(yaml)).toEqual([
      '4:15 service "api" reads the env_file "${CONF}/env", which comes from a variable the .env beside the compose file does not set (rock-check never passes its own environment to Compose); use a path inside the project, relative to the compose file',
    ]);
    const input = composeInput(fakeSubmission({ files: { 'docker-compose.yml': yaml, '.env': 'CONF=./conf\n' }, compose: 'docker-compose.yml', layout: 'parent' }), defaultProfile());
    expect(hostileSettings(input)).toEqual([]);
    const run = hostileSettings(input, new Map([...input.variables, ['SRC', '/root'], ['CONF', '/etc']])).map((f) => f.message.split(',')[0]);
    expect(run).toEqual(['service "api" builds from the context "${SRC:-./api}"', 'service "api" reads the env_file "${CONF}/env"']);
  });

  it('checks the files the compose file includes and extends, each finding in its own file, and stops at a cycle', () => {
    const files = {
      'docker-compose.yml': 'include: [./a.yml]\nservices:\n  api:\n    image: x\n    extends: {file: ./sub/base.yml, service: web}\n',
      'a.yml': 'include: [./docker-compose.yml, ./a.yml]\nservices:\n  worker:\n    image: x\n    privileged: true\n',
      'sub/base.yml': 'services:\n  web:\n    env_file: ../../outside.env\n    network_mode: "service:worker"\n',
    };
    expect(hostileSettings(linked(files)).map((f) => `${f.file}:${f.line}:${f.column} ${f.message.split(';')[0]}`)).toEqual([
      'a.yml:5:17 service "worker" runs privileged, which gives the container full control of the host',
      'sub/base.yml:3:15 service "web" reads the env_file "../../outside.env", which climbs out of the submission',
    ]);
  });

  it('refuses an included file it cannot read as compose data (self-referring alias, not YAML): its settings cannot be checked', () => {
    const files = { 'docker-compose.yml': 'include: [./a.yml, ./b.yml, ./missing.yml]\nservices:\n  api:\n    image: x\n', 'a.yml': 'x: &a [*a]\n', 'b.yml': 'services: [\n' };
    expect(hostileSettings(linked(files)).map((f) => `${f.line}:${f.column} ${f.message.split(',')[0]}`)).toEqual([
      '1:11 the compose file includes "./a.yml"',
      '1:20 the compose file includes "./b.yml"',
    ]);
  });

  it('says nothing about a file it cannot read', () => {
    expect(where('services: [\n')).toEqual([]);
  });
});
