import { describe, expect, it } from 'vitest';
import { composeVariables } from './compose-cli.js';

describe('composeVariables', () => {
  it("gives Compose PATH and the Docker CLI's own variables, nothing else of the grader's", () => {
    const env = {
      PATH: '/usr/bin:/bin',
      HOME: '/home/grader',
      AWS_SECRET_ACCESS_KEY: 'x',
      SSH_AUTH_SOCK: '/tmp/agent',
      DOCKER_HOST: 'unix:///run/docker.sock',
      COMPOSE_FILE: '/etc/compose.yml',
      COMPOSE_ENV_FILES: '/home/grader/.env',
    };
    expect(Object.fromEntries(composeVariables(env))).toEqual({
      PATH: '/usr/bin:/bin',
      DOCKER_HOST: 'unix:///run/docker.sock',
      DOCKER_CONFIG: '/home/grader/.docker',
      COMPOSE_STATUS_STDOUT: '1',
    });
    expect(composeVariables({ DOCKER_CONFIG: '/etc/docker-cli', HOME: '/h' }).get('DOCKER_CONFIG')).toBe('/etc/docker-cli');
  });
});
