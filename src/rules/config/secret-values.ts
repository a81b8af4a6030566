import type { Profile } from '../../profile/profile.js';

const SECRET_KEY = /PASSW(OR)?D|PWD|SECRET|TOKEN|PRIVATE_KEY|ACCESS_KEY|API_KEY|CREDENTIAL/i;
const PLACEHOLDER_WORDS = new Set(['changeme', 'change-me', 'change_me', 'password', 'secret', 'placeholder', 'example', 'todo', 'none', 'null', 'xxx', 'redacted']);

/** Keys whose values are credentials: the profile's password key and the usual names. */
export function isSecretKey(key: string, profile: Profile): boolean {
  return key === profile.env.passwordKey || SECRET_KEY.test(key);
}

/**
 * Values that only stand for a secret: empty, `changeme`, `your-...`,
 * `<...>`, `${...}`, `...-here`, runs of x or *.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim().toLowerCase();
  return (
    v === '' ||
    PLACEHOLDER_WORDS.has(v) ||
    /^your[-_ ]/.test(v) ||
    /[-_ ]here$/.test(v) ||
    /^<.*>$/.test(v) ||
    /^\$\{.*\}$/.test(v) ||
    /^\[.*\]$/.test(v) ||
    /^(x+|\*+|\.+)$/.test(v) ||
    /(^|[-_])(placeholder|example|changeme|dummy)([-_]|$)/.test(v)
  );
}

/** The password inside a connection URL (`postgres://user:pw@host/db`), if it has one. */
export function urlPassword(value: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:([^@\s]+)@/i.exec(value.trim());
  return m?.[1];
}

/** The secret a `KEY=value` pair discloses, if any (placeholders disclose none). */
export function disclosedSecret(key: string, value: string, profile: Profile): { secret: string; inUrl: boolean } | undefined {
  const inUrl = !isSecretKey(key, profile);
  const secret = inUrl ? urlPassword(value) : value;
  return secret !== undefined && !isPlaceholder(secret) ? { secret, inUrl } : undefined;
}
