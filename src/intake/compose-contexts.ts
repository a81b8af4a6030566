import { parseYamlSource, yamlData } from '../parsers/yaml-source.js';

/** Compose file names looked for, in the order Docker Compose prefers them, then the course's dev variant. */
export const composeFileNames = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml', 'docker-compose.dev.yml'];

export interface BuildContext {
  service: string;
  /** As written: `build: ./x` or `build: {context: ./x}` (`.` when a build map names none). */
  context: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The build contexts of a compose file's services. A file that does not parse
 * yields none: the compose checks report it, intake only looks for folders.
 */
export function buildContexts(text: string): BuildContext[] {
  const src = parseYamlSource('', text);
  if (src.doc.errors.length > 0) return [];
  const read = yamlData(src);
  if ('error' in read) return [];
  const data = read.data;
  if (!isRecord(data) || !isRecord(data.services)) return [];
  const out: BuildContext[] = [];
  for (const [service, def] of Object.entries(data.services)) {
    if (!isRecord(def)) continue;
    const build = def.build;
    if (typeof build === 'string') out.push({ service, context: build });
    else if (isRecord(build)) out.push({ service, context: typeof build.context === 'string' ? build.context : '.' });
  }
  return out;
}
