import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { undefinedReferences } from './references.js';

describe('undefinedReferences', () => {
  it('accepts names the file defines, and the default network', () => {
    const data = parse(
      'services:\n  db: {image: postgres, volumes: ["pg:/data", "./x:/x", "/anon"], networks: [default, back]}\n  api: {depends_on: {db: {condition: service_healthy}}, networks: {back: {}}}\nvolumes: {pg: {}}\nnetworks: {back: {}}\n',
    );
    expect(undefinedReferences(data)).toEqual([]);
  });

  it('reports unknown services, networks and volumes where they are named', () => {
    const data = parse(
      'services:\n  postgres: {image: postgres, volumes: [{type: volume, source: pgdata, target: /d}]}\n  api: {depends_on: [postgress], networks: {backend: {}}}\n',
    );
    expect(undefinedReferences(data)).toEqual([
      {
        path: ['services', 'postgres', 'volumes', 0, 'source'],
        at: 'value',
        message: 'volume "pgdata" of service "postgres" is not declared; declare it under the top-level volumes:',
      },
      {
        path: ['services', 'api', 'depends_on', 0],
        at: 'value',
        message: 'service "api" depends on "postgress", which is not a service of this file; did you mean "postgres"?',
      },
      {
        path: ['services', 'api', 'networks', 'backend'],
        at: 'key',
        message: 'network "backend" of service "api" is not declared; declare it under the top-level networks:',
      },
    ]);
  });

  it('ignores a file without services', () => {
    expect(undefinedReferences({ version: '3' })).toEqual([]);
  });
});
