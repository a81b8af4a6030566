import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../model/fake-submission.js';
import { defaultProfile } from '../../profile/load.js';
import { hostileSettings } from './hostile.js';
import { composeInput } from './input.js';

const inputOf = (yaml: string, compose = 'docker-compose.yml') =>
  composeInput(fakeSubmission({ files: { [compose]: yaml }, compose, layout: 'parent' }), defaultProfile());

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
    expect(where('services:\n  a:\n    privileged: false\n    network_mode: bridge\n    pid: "service:b"\n    cap_add: []\n')).toEqual([]);
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

  it('says nothing about a file it cannot read', () => {
    expect(where('services: [\n')).toEqual([]);
  });
});
