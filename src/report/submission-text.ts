import type { Finding } from '../model/finding.js';
import { redactSecrets, secretsIn } from '../model/redact.js';
import { repositoryPath } from '../model/repository-path.js';
import type { Submission } from '../model/submission.js';
import { visibleLine, visibleLines } from '../model/visible-text.js';

/** Text files larger than this are not read for secrets to redact (intake caps text files lower). */
const MAX_SCANNED = 2 * 1024 * 1024;

/**
 * The one place where text that can quote a submission (messages, hints,
 * reasons, run errors, paths) enters the report: secrets redacted, control
 * characters escaped, paths made relative to their own repository. Rules
 * and runtime checks need not do it themselves, and no format sees raw text.
 */
export interface SubmissionText {
  /** One line: redacted, every control character escaped (line breaks too). */
  line(text: string): string;
  /** Several lines (a hint quoting logs): redacted, line breaks kept, other controls escaped. */
  lines(text: string): string;
  /** A finding as the report holds it: its path in its own repository, its text cleaned. */
  finding(f: Finding): Finding;
}

export function submissionText(sub: Pick<Submission, 'components'> & Partial<Pick<Submission, 'files'>>): SubmissionText {
  const texts = Object.values(sub.files ?? {}).flatMap((f) => (f.text !== undefined && f.text.length <= MAX_SCANNED ? [f.text] : []));
  const known = [...secretsIn(texts)];
  const line = (text: string) => visibleLine(redactSecrets(text, known));
  const lines = (text: string) => visibleLines(redactSecrets(text, known));
  return {
    line,
    lines,
    finding(f) {
      const { repository, path } = repositoryPath(sub.components, f.file);
      return {
        ...f,
        file: line(path),
        ...(repository !== undefined ? { repository } : {}),
        message: line(f.message),
        ...(f.hint !== undefined ? { hint: lines(f.hint) } : {}),
      };
    },
  };
}
