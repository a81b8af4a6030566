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

/** Names of settings whose values are credentials. */
export const secretName = /PASSW(?:OR)?D|PWD|SECRET|TOKEN|PRIVATE[_-]?KEY|ACCESS[_-]?KEY|API[_-]?KEY|CREDENTIAL/i;

/**
 * `NAME=value`, `NAME: value`, `"NAME": "value"`, `NAME == 'value'` where
 * NAME names a credential: group 1 runs from the credential word to the
 * value, group 2 is the value. Every quantifier is bounded, so the work is
 * linear in the text.
 */
const secretAssignment = new RegExp(
  String.raw`((?:${secretName.source})[\w.-]{0,64}?["']?[ \t]{0,8}(?:==?|:)[ \t]{0,8}["']?)([^\s"'` + '`' + String.raw`,;)}\]]{1,1024})`,
  'gi',
);

/** Values that stand for a secret rather than hold one: references, placeholders, values already redacted. */
export function isStandIn(value: string): boolean {
  const v = value.trim().toLowerCase();
  return (
    v.length < 4 ||
    /^[$<[{%]/.test(v) ||
    v.includes('**') ||
    /^your[-_ ]/.test(v) ||
    /[-_ ]here$/.test(v) ||
    /^(x+|\.+)$/.test(v) ||
    /^(changeme|change-me|change_me|password|secret|placeholder|example|todo|none|null|redacted|true|false)$/.test(v) ||
    /(^|[-_])(placeholder|example|changeme|dummy)([-_]|$)/.test(v) ||
    /^(read|write|none|required|optional|yes|no|on|off)$/.test(v) ||
    /^[a-z_]\w*(\.[a-z_]\w*)*[([]/.test(v)
  );
}

/** Credentials recognisable by their shape alone, whatever names them. */
const shapes: RegExp[] = [
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{22,}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];

/**
 * A text with every secret it quotes redacted: the `known` values (taken
 * from the submission's own settings), values assigned to a credential's
 * name, passwords in URLs, keys and tokens by their shape, private key
 * blocks.
 */
export function redactSecrets(text: string, known: Iterable<string> = []): string {
  let out = redactAll(text, known);
  out = out.replace(secretAssignment, (all, head: string, value: string) => (isStandIn(value) ? all : `${head}${redact(value)}`));
  out = out.replace(/(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/[^/\s:@]{0,256}:)([^@\s/]{1,1024})@/gi, (all, head: string, pw: string) => (isStandIn(pw) ? all : `${head}${redact(pw)}@`));
  for (const shape of shapes) out = out.replace(shape, (s) => redact(s));
  return out.replace(/(-----BEGIN [A-Z ]*PRIVATE KEY-----)[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '$1 **** $2');
}

/**
 * The credentials a submission's text files hold: values assigned to a
 * credential's name (env files, compose, workflows, settings.py, Dockerfile
 * ENV/ARG) that are real values, not references or placeholders. Short and
 * plain lower-case words (`postgres`) are left to the shape checks, so the
 * words of every message do not turn into stars. At most `limit` values: each
 * one costs a pass over every message, and a submission listing thousands is
 * still covered by the assignment and shape checks.
 */
export function secretsIn(texts: Iterable<string>, limit = 100): Set<string> {
  const found = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(secretAssignment)) {
      const value = m[2];
      if (!isStandIn(value) && value.length >= 8 && !/^[a-z]+$/.test(value)) found.add(value);
      if (found.size >= limit) return found;
    }
  }
  return found;
}
