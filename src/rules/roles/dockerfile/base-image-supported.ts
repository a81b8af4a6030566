import { imageRepository } from '../../compose/roles.js';
import { finalChain, parseImageRef } from '../../dockerfile/stages.js';
import { needDockerfile, roleParams } from '../needs.js';
import { atDockerfile, quoted, reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';

/** A supported pin to suggest, by image name; others get `<name>:<version>`. */
const examples: Record<string, string> = { python: 'python:3.12-slim', node: 'node:22-alpine', nginx: 'nginx:1.27', redis: 'redis:7' };

type Params = { role: string; endOfLife?: Record<string, string[]> };

export const dockerfileBaseImageSupported: RoleCheck<Params> = {
  name: 'dockerfile/base-image-supported',
  docs:
    'The final stage starts FROM an image pinned to an explicit version tag (python:3.12-slim), not latest or no tag, and ' +
    'not a version that is end-of-life (python:2.7-slim): those get no security fixes. Build ARGs in FROM are read with ' +
    'their defaults; a digest pin is fine.',
  params: roleParams({ endOfLife: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } } }),
  check(facts, params, ctx) {
    const found = needDockerfile(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const df = found.ok.dockerfile;
    const base = finalChain(df.stages)[0];
    const { written, resolved, unresolved } = base.image;
    const at = atDockerfile(df.path, (base.from.getImageRange() ?? base.from.getRange()).start);
    const report = (message: string) => [reporter(ctx)(at, message)];
    if (unresolved.length > 0) {
      return report(`base image ${quoted(written)} depends on ARG ${unresolved[0]} with no default, so a plain docker build has no version to use; give it one before FROM, e.g. ARG ${unresolved[0]}=<version>`);
    }
    if (resolved.toLowerCase() === 'scratch') return [];
    const ref = parseImageRef(resolved);
    const name = imageRepository(ref.name);
    const shown = written === resolved ? quoted(written) : `${quoted(written)} (resolved: ${quoted(resolved)})`;
    const eol = params.endOfLife?.[name] ?? [];
    const example = examples[name] ?? `${name}:<version>`;
    if (ref.digest !== undefined) return [];
    if (ref.tag === undefined || ref.tag === '') return report(`base image ${shown} has no tag, so it means ${name}:latest, which moves; name a version, e.g. ${example}`);
    if (ref.tag.toLowerCase() === 'latest') return report(`base image ${shown} has no pinned version; name one, e.g. ${example}`);
    const version = /^\d+(\.\d+)*/.exec(ref.tag)?.[0];
    const ended = version === undefined ? undefined : eol.filter((v) => version === v || version.startsWith(`${v}.`)).sort((a, b) => b.length - a.length)[0];
    if (ended) return report(`base image ${shown} is ${name} ${ended}, which is end-of-life and gets no security fixes; use a supported version, e.g. ${example}`);
    return [];
  },
};
