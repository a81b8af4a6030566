import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../model/fake-submission.js';
import { defaultProfile } from '../../profile/load.js';
import { dockerfileInputs } from './input.js';

const profile = defaultProfile();
const components = { api: 'rock-of-ages-api', client: 'rock-of-ages-client' };

describe('dockerfileInputs', () => {
  it('gives one input per component, with its port and the client\'s package.json scripts', () => {
    const sub = fakeSubmission({
      layout: 'parent',
      components,
      files: {
        'rock-of-ages-api/Dockerfile': 'FROM python:3.11-slim\n',
        'rock-of-ages-client/Dockerfile': 'FROM node:18-alpine\n',
        'rock-of-ages-client/package.json': '{"scripts": {"dev": "vite --host", "lint": 1}}',
      },
    });
    const inputs = dockerfileInputs(sub, profile);
    expect(inputs.map((i) => [i.role, i.path, i.port, i.scripts, i.stages.length])).toEqual([
      ['api', 'rock-of-ages-api/Dockerfile', 8000, undefined, 1],
      ['client', 'rock-of-ages-client/Dockerfile', 3000, { dev: 'vite --host' }, 1],
    ]);
  });
  it('reads a repository root component', () => {
    const [input] = dockerfileInputs(fakeSubmission({ files: { Dockerfile: 'FROM python:3.11\n' } }), profile);
    expect([input.path, input.dir, input.missing]).toEqual(['Dockerfile', '', false]);
  });
  it('marks missing, binary and empty files instead of failing', () => {
    const sub = fakeSubmission({
      layout: 'parent',
      components,
      files: { 'rock-of-ages-client/Dockerfile': ' \n\t\n', 'rock-of-ages-client/package.json': '{not json' },
    });
    const [api, client] = dockerfileInputs(sub, profile);
    expect([api.missing, api.ast]).toEqual([true, undefined]);
    expect([client.empty, client.ast, client.scripts, client.packageJsonProblem]).toEqual([true, undefined, undefined, 'rock-of-ages-client/package.json is not a JSON object']);
    const [, bare] = dockerfileInputs(fakeSubmission({ layout: 'parent', components, files: {} }), profile);
    expect([bare.scripts, bare.packageJsonProblem]).toEqual([undefined, 'there is no package.json in rock-of-ages-client/']);

    const binary = fakeSubmission({ files: { Dockerfile: 'FROM x\u0000\u0001' } });
    const [b] = dockerfileInputs(binary, profile);
    expect([b.binary, b.missing, b.ast]).toEqual([true, false, undefined]);
    const flagged = fakeSubmission({ files: {} });
    flagged.files.Dockerfile = { path: 'Dockerfile', size: 9, binary: true };
    expect(dockerfileInputs(flagged, profile)[0]).toMatchObject({ binary: true, missing: false });
    const link = fakeSubmission({ files: {} });
    link.files.Dockerfile = { path: 'Dockerfile', size: 0, binary: false, symlink: { target: '/etc/passwd', outside: true } };
    expect(dockerfileInputs(link, profile)[0]).toMatchObject({ binary: false, missing: false, unreadable: expect.stringMatching(/link outside the submission \(to \/etc\/passwd\)/) });
  });
  it('names a Dockerfile saved under another name', () => {
    const sub = fakeSubmission({ components: { api: 'api' }, files: { 'api/Dockerfile.txt': 'FROM x\n', 'api/sub/Dockerfile': 'FROM y\n' } });
    expect(dockerfileInputs(sub, profile)[0].misnamed).toBe('api/Dockerfile.txt');
  });
});
