/**
 * Secrets found in a submission are never printed or stored in full: keep
 * just enough to let the student recognise which value is meant.
 */
export function redact(secret: string): string {
  if (secret.length <= 4) return '****';
  const keep = secret.length >= 12 ? 2 : 1;
  return `${secret.slice(0, keep)}${'*'.repeat(Math.min(8, secret.length - keep * 2))}${secret.slice(-keep)}`;
}

/** Replaces every occurrence of each secret in a text (logs, messages). */
export function redactAll(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) {
    out = out.split(s).join(redact(s));
  }
  return out;
}
