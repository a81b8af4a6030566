import type { Finding } from '../../model/finding.js';
import { defineRule } from '../rule.js';
import { looksLikeHostPath } from './host-paths.js';
import { locate, reporter, type ComposeInput } from './input.js';
import { isMapping, serviceMounts, type Mount } from './service-data.js';
import { needsComposeData } from './requires.js';

const report = reporter('RC-CO005', 'error');

const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);

export const dbNamedVolume = defineRule<ComposeInput>({
  id: 'RC-CO005',
  name: 'rock-of-ages/db-named-volume',
  title: 'Database data kept in a named volume',
  severity: 'error',
  docs:
    'PostgreSQL keeps its data in its data directory. Mount a named volume there (declared under the top-level ' +
    'volumes:) so the data survives `docker compose down` and rebuilds; a bind mount of a project folder ' +
    'mixes database files into the source tree and breaks on file permissions.',
  requires: needsComposeData,
  check(input) {
    if (!input.usable) return [];
    const db = input.roles.database;
    if (db === undefined) return [report(locate(input, ['services'], true), 'no PostgreSQL service whose data could be kept in a volume; add one')];
    const dataDir = trimSlash(input.profile.database.dataDir);
    const volume = `${db.replace(/[^a-zA-Z0-9]+/g, '_')}_data`;
    const example = `volumes: [${volume}:${dataDir}] in the service, and volumes: {${volume}: {}} at the top level`;
    const service = input.services[db];
    const mounts = serviceMounts(service, ['services', db], looksLikeHostPath).filter((m) => m.target !== undefined && trimSlash(m.target) === dataDir);
    if (mounts.length === 0) {
      const where = locate(input, service.volumes === undefined ? ['services', db] : ['services', db, 'volumes'], true);
      return [report(where, `database service "${db}" mounts nothing at ${dataDir}, so its data is lost with the container; mount a named volume there`, `add ${example}`)];
    }
    const declared = isMapping(input.data.volumes) ? Object.keys(input.data.volumes) : [];
    return mounts.flatMap((m) => judge(input, db, m, declared, example));
  },
});

function judge(input: ComposeInput, db: string, m: Mount, declared: string[], example: string): Finding[] {
  if (m.kind === 'volume' && m.source !== undefined) {
    if (declared.includes(m.source)) return [];
    const message = `volume "${m.source}" of database service "${db}" is not declared; declare it under the top-level volumes:`;
    return [report(locate(input, m.sourcePath), message, `add volumes: {${m.source}: {}} at the top level of the file`)];
  }
  if (m.kind === 'bind') {
    const message = `database service "${db}" keeps its data in the host folder "${m.source}" (a bind mount); use a named volume instead`;
    return [report(locate(input, m.sourcePath), message, `use ${example}`)];
  }
  const what =
    m.kind === 'anonymous'
      ? 'an anonymous volume, which a container created after `docker compose down` does not get back'
      : 'a mount that is not a named volume';
  return [report(locate(input, m.path), `database service "${db}" keeps its data in ${what}; use a named volume`, `give it a name: ${example}`)];
}
