import { defineRule } from '../rule.js';
import { locate, reporter, type ComposeInput } from './input.js';
import { needsComposeData } from './requires.js';

const report = reporter('RC-CO009', 'warning');

export const obsoleteVersion = defineRule<ComposeInput>({
  id: 'RC-CO009',
  name: 'compose/obsolete-version',
  title: 'No obsolete top-level version',
  severity: 'warning',
  docs:
    'Docker Compose v2 ignores the top-level version: key and warns that it is obsolete. Remove the line; ' +
    'the Compose Specification needs no version.',
  requires: needsComposeData,
  check(input) {
    if (!input.usable || !('version' in input.data)) return [];
    return [report(locate(input, ['version'], true), 'top-level "version" is obsolete and ignored by Docker Compose; remove the line')];
  },
});
