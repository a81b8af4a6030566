import { locate } from '../../compose/input.js';
import { needCompose } from '../needs.js';
import { reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';

export const composeObsoleteVersion: RoleCheck<Record<string, never>> = {
  name: 'compose/obsolete-version',
  docs: 'Docker Compose v2 ignores the top-level version: key and warns that it is obsolete. Remove the line; the Compose Specification needs no version.',
  params: { type: 'object', additionalProperties: false, properties: {} },
  check(facts, _params, ctx) {
    const compose = needCompose(facts, ctx);
    if (!('ok' in compose)) return compose.verdict;
    if (!('version' in compose.ok.data)) return [];
    return [reporter(ctx)(locate(compose.ok, ['version'], true), 'top-level "version" is obsolete and ignored by Docker Compose; remove the line')];
  },
};
