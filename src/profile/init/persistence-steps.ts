import type { Step } from '../../scenario/types.js';
import type { DraftRole } from './draft-roles.js';

const psql = (sql: string, options: string) =>
  `psql -v ON_ERROR_STOP=1 ${options} -U "\${POSTGRES_USER:-postgres}" -d "\${POSTGRES_DB:-\${POSTGRES_USER:-postgres}}" -c "${sql}"`;

/**
 * Steps that prove a role's data outlives its container, for the images whose
 * data can be written and counted without knowing the assignment: a Redis key
 * set to the run's id and read back, a PostgreSQL row written and counted
 * (psql inside the container, as the image's own user). Undefined for any
 * other role, or a volume that is not where the image keeps its data.
 */
export function persistenceSteps(r: DraftRole, path: string): Step[] | undefined {
  const { role } = r;
  if (r.service.image === 'redis' && path.replace(/\/+$/, '') === '/data') {
    return [
      { redis: { role, command: ['SET', 'rock-check:persistence', '{{$run}}'] } },
      { recreate: { role } },
      {
        redis: { role, command: ['GET', 'rock-check:persistence'] },
        retry: { count: 20, interval: '1s' },
        expect: { json: [{ path: '$', eq: '{{$run}}' }] },
        hint: `keep ${path} on a named volume: a key written before the new ${role} container must still be there`,
      },
    ];
  }
  if (r.service.image === 'postgres' && path.startsWith('/var/lib/postgresql')) {
    return [
      { exec: { role, argv: ['sh', '-c', psql('CREATE TABLE IF NOT EXISTS rock_check_persistence (n int); INSERT INTO rock_check_persistence VALUES (1)', '-q')] } },
      { recreate: { role } },
      {
        exec: { role, argv: ['sh', '-c', psql('SELECT count(*) FROM rock_check_persistence', '-tA')] },
        retry: { count: 30, interval: '2s' },
        expect: { stdout: [{ find: '([0-9]+)', as: 'number', that: { gte: 1 } }] },
        hint: `keep ${path} on a named volume: a row written before the new ${role} container must still be there`,
      },
    ];
  }
  return undefined;
}
