import type { PathSegment } from '../../../parsers/yaml-source.js';
import { interpolate } from '../../compose/interpolate.js';
import { isMapping, scalarText, type Service } from '../../compose/service-data.js';

/** One entry of a service's `ports:`, read as Compose reads it. */
export interface PortEntry {
  path: PathSegment[];
  /** As written, for messages. */
  written: string;
  /** Container ports it publishes over TCP; undefined when it cannot be read (a variable not set, a typo). */
  tcp?: number[];
}

/**
 * `ports:` in short syntax (`80`, `"8080:80"`, `"127.0.0.1:8080:80"`,
 * `"8000-8001:80-81"`, `"80/tcp"`) and long syntax (`{target: 80, published:
 * 8080}`), after Compose's `${VAR}` substitution. Every entry publishes: one
 * that names no host port gets a free one.
 */
export function portEntries(service: Service, base: PathSegment[], variables: ReadonlyMap<string, string>): PortEntry[] {
  if (!Array.isArray(service.ports)) return [];
  return service.ports.map((item, i): PortEntry => {
    const path = [...base, 'ports', i];
    if (isMapping(item)) {
      const target = scalarText(item.target);
      const protocol = scalarText(item.protocol)?.toLowerCase() ?? 'tcp';
      const written = JSON.stringify(item);
      if (target === undefined) return { path, written };
      const ports = containerPorts(interpolate(target, variables).value);
      return { path, written, tcp: protocol === 'tcp' ? ports : ports && [] };
    }
    const text = scalarText(item);
    if (text === undefined) return { path, written: JSON.stringify(item) ?? String(item) };
    const { value, missing } = interpolate(text, variables);
    if (missing.length > 0) return { path, written: text };
    const [spec, protocol = 'tcp'] = value.split('/');
    const container = spec.slice(spec.lastIndexOf(':') + 1);
    const ports = containerPorts(container);
    return { path, written: text, tcp: protocol.toLowerCase() === 'tcp' ? ports : ports && [] };
  });
}

/** `80` or `80-81` as the ports it names. */
function containerPorts(text: string): number[] | undefined {
  const m = /^\s*(\d{1,5})(?:-(\d{1,5}))?\s*$/.exec(text);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (to < from || to - from > 1000) return undefined;
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}
