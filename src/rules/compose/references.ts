import { closest } from '../../model/suggest.js';
import type { PathSegment } from '../../parsers/yaml-source.js';
import { looksLikeHostPath } from './host-paths.js';
import type { SchemaProblem } from './schema-errors.js';
import { isMapping, serviceMounts } from './service-data.js';

/**
 * Names a compose file uses that it never defines: depends_on of an unknown
 * service, a network or a named volume missing from the top level. The
 * schema cannot see these; Docker Compose refuses the file for them.
 */
export function undefinedReferences(data: Record<string, unknown>): SchemaProblem[] {
  if (!isMapping(data.services)) return [];
  const services = Object.keys(data.services);
  const networks = ['default', ...(isMapping(data.networks) ? Object.keys(data.networks) : [])];
  const volumes = isMapping(data.volumes) ? Object.keys(data.volumes) : [];
  const out: SchemaProblem[] = [];
  for (const [name, service] of Object.entries(data.services)) {
    if (!isMapping(service)) continue;
    const base = ['services', name];
    for (const ref of names(service.depends_on, [...base, 'depends_on'])) {
      if (services.includes(ref.name)) continue;
      const near = closest(ref.name, services) ?? services.find((s) => s.startsWith(ref.name) || ref.name.startsWith(s));
      out.push({
        path: ref.path,
        at: ref.at,
        message: `service "${name}" depends on "${ref.name}", which is not a service of this file; ${near ? `did you mean "${near}"?` : 'remove it or define that service'}`,
      });
    }
    for (const ref of names(service.networks, [...base, 'networks'])) {
      if (networks.includes(ref.name)) continue;
      out.push({
        path: ref.path,
        at: ref.at,
        message: `network "${ref.name}" of service "${name}" is not declared; declare it under the top-level networks:`,
      });
    }
    for (const m of serviceMounts(service, base, looksLikeHostPath)) {
      if (m.kind !== 'volume' || m.source === undefined || volumes.includes(m.source)) continue;
      out.push({
        path: m.sourcePath,
        at: 'value',
        message: `volume "${m.source}" of service "${name}" is not declared; declare it under the top-level volumes:`,
      });
    }
  }
  return out;
}

interface NameRef {
  name: string;
  path: PathSegment[];
  at: 'key' | 'value';
}

/** Names given as a list of strings or as the keys of a mapping. */
function names(v: unknown, at: PathSegment[]): NameRef[] {
  if (Array.isArray(v)) {
    return v.flatMap((n, i): NameRef[] => (typeof n === 'string' ? [{ name: n, path: [...at, i], at: 'value' }] : []));
  }
  if (isMapping(v)) return Object.keys(v).map((n) => ({ name: n, path: [...at, n], at: 'key' }));
  return [];
}
