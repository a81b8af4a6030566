import { locate } from '../../compose/input.js';
import { interpolate } from '../../compose/interpolate.js';
import { imageRepository } from '../../compose/roles.js';
import { scalarText } from '../../compose/service-data.js';
import { imageRepositoryParam, needRoleService, roleParams } from '../needs.js';
import { quoted, reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';

type Params = { role: string; image: string; pinned?: boolean };

export const composeImageTag: RoleCheck<Params> = {
  name: 'compose/image-tag',
  docs:
    "The role's service runs the image the assignment names (image: postgres:16; any registry prefix is fine). With " +
    'pinned, it names a tag other than latest (postgres:16, postgres:16-alpine) or a digest: without one, the next ' +
    'build of the stack may take a new major version whose data directory the old one cannot read.',
  params: roleParams({ image: imageRepositoryParam, pinned: { type: 'boolean' } }, ['image']),
  check(facts, params, ctx) {
    const found = needRoleService(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const { compose, name, service } = found.ok;
    const report = reporter(ctx);
    const shown = `service ${quoted(name)} (${params.role})`;
    const written = scalarText(service.image);
    if (written === undefined) {
      return [report(locate(compose, ['services', name], true), `${shown} names no image; write image: ${params.image}:<version>, e.g. the major version you tested with`)];
    }
    const ref = interpolate(written, compose.variables);
    const at = locate(compose, ['services', name, 'image']);
    if (ref.missing.length > 0) {
      return [report(at, `the image of ${shown} uses ${ref.missing.join(', ')}, which the .env next to the compose file does not set; write the image with its tag, e.g. ${params.image}:<version>`)];
    }
    if (imageRepository(ref.value) !== params.image) {
      return [report(at, `${shown} runs ${quoted(ref.value)}, not the ${params.image} image the assignment names; write image: ${params.image}:<version>`)];
    }
    if (!params.pinned) return [];
    const tag = tagOf(ref.value);
    if (ref.value.includes('@') || (tag !== undefined && tag !== 'latest')) return [];
    const why = tag === undefined ? 'names no tag, so it takes latest' : 'names the tag latest';
    return [report(at, `the image of ${shown}, ${quoted(ref.value)}, ${why}: a new major version may come with the next pull; pin the version you tested with: image: ${params.image}:<version>`)];
  },
};

/** The tag of an image reference, without registry port or digest; undefined when it has none. */
function tagOf(image: string): string | undefined {
  const ref = image.split('@')[0];
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(colon + 1) : undefined;
}
