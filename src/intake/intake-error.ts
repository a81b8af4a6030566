/**
 * A problem with what the user named (missing folder, refused URL, failed
 * clone, no api found...): the CLI prints the message and exits with status 2.
 * Messages never contain credentials.
 */
export class IntakeError extends Error {
  override name = 'IntakeError';
}
