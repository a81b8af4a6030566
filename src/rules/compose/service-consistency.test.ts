import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { inconsistentServices } from './service-consistency.js';

describe('inconsistentServices', () => {
  it('accepts services with an image or a build, and the healthcheck forms Compose reads', () => {
    const data = parse(
      [
        'services:',
        '  db: {image: postgres:16, healthcheck: {test: ["CMD-SHELL", "pg_isready"]}}',
        '  api: {build: ./api, healthcheck: {test: ["CMD", "curl", "-f", "http://localhost"]}}',
        '  client: {build: {dockerfile: Dockerfile}, healthcheck: {test: curl -f http://localhost}}',
        '  off: {image: x, healthcheck: {test: ["NONE"]}}',
        '  empty: {image: x, healthcheck: {test: []}}',
        '  child: {extends: {service: db}}',
        '  later: {profiles: [tools]}',
        '',
      ].join('\n'),
    );
    expect(inconsistentServices(data)).toEqual([]);
  });

  it('reports a service with neither an image nor a build at its key', () => {
    const data = parse('services:\n  db: {environment: {POSTGRES_DB: x}}\n  api: {image: ""}\n');
    expect(inconsistentServices(data).map((p) => [p.path, p.at])).toEqual([
      [['services', 'db'], 'key'],
      [['services', 'api'], 'key'],
    ]);
    expect(inconsistentServices(data)[0].message).toBe(
      'service "db" has neither an image nor a build context, which Docker Compose refuses; give it build: (the folder holding its Dockerfile) or image: (an image to pull)',
    );
  });

  it('reports a test list that does not start with CMD, CMD-SHELL or NONE at its first item', () => {
    const data = parse('services:\n  db:\n    image: postgres\n    healthcheck: {test: ["pg_isready -U rockadmin"]}\n  api:\n    image: x\n    healthcheck: {test: [CMD_SHELL, "curl x"]}\n');
    const problems = inconsistentServices(data);
    expect(problems.map((p) => [p.path, p.at])).toEqual([
      [['services', 'db', 'healthcheck', 'test', 0], 'value'],
      [['services', 'api', 'healthcheck', 'test', 0], 'value'],
    ]);
    expect(problems[0].message).toBe(
      'healthcheck.test of service "db" must start with "CMD", "CMD-SHELL" or "NONE", or Docker Compose refuses the file; write ["CMD-SHELL", "<command line>"], or the command line alone as a string',
    );
    expect(problems[1].message).toMatch(/^healthcheck\.test of service "api" starts with "CMD_SHELL"; it must start with "CMD"/);
  });

  it('ignores a file without services', () => {
    expect(inconsistentServices({ version: '3' })).toEqual([]);
  });
});
