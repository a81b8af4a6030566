import type { AnyProfile } from '../../profile/profile.js';
import type { Blocker } from '../rule.js';
import { missingComposeReason } from './course-folder.js';
import type { ComposeInput } from './input.js';

/** The compose file read as data: a file that is missing or does not parse blocks every rule but RC-CO001, which reports why. */
export function needsComposeData(input: ComposeInput<AnyProfile>): Blocker | undefined {
  if (input.usable) return undefined;
  const reason = input.missing
    ? missingComposeReason
    : input.unreadable
      ? `the compose file ${input.unreadable}`
      : input.dataError
        ? 'the compose file cannot be read as data'
        : (input.src?.doc.errors.length ?? 0) > 0
          ? 'the compose file is not valid YAML'
          : 'the compose file is not a mapping of services';
  return { file: input.file, reason, see: 'RC-CO001' };
}
