import type { PathSegment } from '../../parsers/yaml-source.js';
import { describePath, type SchemaProblem } from './schema-errors.js';
import { isMapping } from './service-data.js';

/** What a healthcheck `test:` list may start with. */
const TEST_FORMS = ['CMD', 'CMD-SHELL', 'NONE'];

/**
 * What Docker Compose refuses in a file the schema accepts, when it loads the
 * services: one with neither an image nor a build, and a healthcheck test
 * list that does not start with CMD, CMD-SHELL or NONE. Services Compose
 * completes or leaves out first (`extends`, `provider`, `profiles`) are not
 * judged on their image.
 */
export function inconsistentServices(data: Record<string, unknown>): SchemaProblem[] {
  if (!isMapping(data.services)) return [];
  const out: SchemaProblem[] = [];
  for (const [name, service] of Object.entries(data.services)) {
    if (!isMapping(service)) continue;
    const base: PathSegment[] = ['services', name];
    if (buildsNothing(service)) {
      out.push({
        path: base,
        at: 'key',
        message: `service "${name}" has neither an image nor a build context, which Docker Compose refuses; give it build: (the folder holding its Dockerfile) or image: (an image to pull)`,
      });
    }
    const test = isMapping(service.healthcheck) ? service.healthcheck.test : undefined;
    if (Array.isArray(test) && test.length > 0 && !TEST_FORMS.includes(test[0] as string)) {
      const first = test[0];
      const shown = typeof first === 'string' && /^[\w -]{1,20}$/.test(first) ? ` starts with "${first}"; it` : '';
      out.push({
        path: [...base, 'healthcheck', 'test', 0],
        at: 'value',
        message:
          `${describePath([...base, 'healthcheck', 'test'])}${shown} must start with "CMD", "CMD-SHELL" or "NONE", or Docker Compose refuses the file; ` +
          'write ["CMD-SHELL", "<command line>"], or the command line alone as a string',
      });
    }
  }
  return out;
}

function buildsNothing(service: Record<string, unknown>): boolean {
  if (service.extends !== undefined || service.provider !== undefined) return false;
  if (Array.isArray(service.profiles) && service.profiles.length > 0) return false;
  return service.build === undefined && (service.image === undefined || service.image === '');
}
