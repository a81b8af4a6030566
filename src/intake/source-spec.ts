import { IntakeError } from './intake-error.js';

/** What the user named, classified: a local folder or a git remote. */
export type SourceSpec = LocalSource | GitSource;

export interface LocalSource {
  kind: 'local';
  path: string;
  /** As named by the user. */
  display: string;
}

export interface GitSource {
  kind: 'git';
  /** The URL handed to git, credentials included, never printed. */
  url: string;
  /** Branch, tag or commit sha after `#`. */
  ref?: string;
  /** The URL without credentials, with `#ref`: safe for messages and the model. */
  display: string;
  /** user:password parts of the URL, scrubbed from git's own messages. */
  secrets: string[];
}

const acceptedSchemes = new Set(['https', 'ssh', 'file']);
const schemeUrl = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
const transportUrl = /^([A-Za-z][A-Za-z0-9+.-]*)::/;
/** git's scp-like form `user@host:path`: a colon before any slash. */
const scpLike = /^([^@/:]+)@([^/:]+):(.*)$/;
const controlOrSpace = /[\s\x00-\x1f\x7f]/;
const controlChar = /[\x00-\x1f\x7f]/;
/** Shorter user information is only removed from URLs, not from every word of a message. */
const minSecretLength = 4;

function refuse(named: string, why: string): never {
  throw new IntakeError(`refused source ${named}: ${why}`);
}

/** `scheme://user:password@host/...` without its user information. */
export function stripCredentials(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, '$1');
}

/** Replaces any credentials of a URL-bearing text (e.g. git's stderr). */
export function scrubCredentials(text: string, secrets: string[] = []): string {
  let out = text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#\s@]*@/g, '$1');
  for (const s of secrets.filter((s) => s.length >= minSecretLength).sort((a, b) => b.length - a.length)) {
    out = out.split(s).join('***');
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * A git ref name as `git check-ref-format` would accept it, minus anything
 * that could be read as an option.
 */
export function refProblem(ref: string): string | undefined {
  if (ref === '') return 'the ref after "#" is empty';
  if (ref.startsWith('-')) return `the ref "${ref}" starts with "-"`;
  if (controlOrSpace.test(ref)) return 'the ref contains whitespace or control characters';
  if (/[~^:?*[\\]/.test(ref) || ref.includes('..') || ref.includes('@{') || ref === '@') {
    return `"${ref}" is not a valid branch, tag or commit name`;
  }
  if (ref.startsWith('/') || ref.endsWith('/') || ref.endsWith('.') || ref.endsWith('.lock') || ref.includes('//')) {
    return `"${ref}" is not a valid branch, tag or commit name`;
  }
  return undefined;
}

function splitRef(named: string, withRef: string): { base: string; ref?: string } {
  const hash = withRef.indexOf('#');
  if (hash < 0) return { base: withRef };
  const ref = withRef.slice(hash + 1);
  const problem = refProblem(ref);
  if (problem) refuse(named, problem);
  return { base: withRef.slice(0, hash), ref };
}

function gitSource(url: string, display: string, ref: string | undefined, secrets: string[]): GitSource {
  return { kind: 'git', url, ref, display: ref === undefined ? display : `${display}#${ref}`, secrets };
}

/**
 * Classifies a source: a git URL (`https://`, `ssh://`, `git@host:path`,
 * `file://`, each with an optional `#ref`) or a local folder. Other URL
 * forms (`http://`, `git://`, `ext::`, `fd::`, any `transport::`) and
 * anything git could read as an option are refused.
 */
export function parseSource(named: string): SourceSpec {
  const shown = stripCredentials(named);
  if (named.trim() === '') throw new IntakeError('the source is empty: name a folder or a git URL');
  if (controlChar.test(named)) refuse(JSON.stringify(shown), 'it contains control characters');
  if (named.startsWith('-')) {
    refuse(shown, `it starts with "-" and could be read as an option; for a folder of that name write ./${named}`);
  }
  const looksRemote = transportUrl.test(named) || schemeUrl.test(named) || scpLike.test(named);
  if (looksRemote && (controlOrSpace.test(named) || controlChar.test(safeDecode(named)))) {
    refuse(JSON.stringify(shown), 'a URL may not contain whitespace or control characters');
  }

  const transport = transportUrl.exec(named);
  if (transport) {
    refuse(shown, `git remote-helper transports ("${transport[1]}::") are not accepted; use an https://, ssh:// or file:// URL`);
  }

  const scheme = schemeUrl.exec(named);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    if (name === 'http') refuse(shown, 'plain http:// sends the repository unencrypted; use https://');
    if (!acceptedSchemes.has(name)) {
      refuse(shown, `the "${name}://" scheme is not accepted; use https://, ssh://, git@host:path or file://`);
    }
    const { base, ref } = splitRef(shown, named);
    let parsed: URL;
    try {
      parsed = new URL(base);
    } catch {
      refuse(shown, 'it is not a valid URL');
    }
    if (name !== 'file' && parsed.hostname === '') refuse(shown, 'the URL names no host');
    if (name === 'file' && parsed.hostname !== '' && parsed.hostname !== 'localhost') {
      refuse(shown, 'a file:// URL must name a local path (file:///path/to/repo)');
    }
    if (parsed.hostname.startsWith('-') || safeDecode(parsed.username).startsWith('-')) {
      refuse(shown, 'the host or user name starts with "-" and could be read as an option');
    }
    if (parsed.pathname === '' || parsed.pathname === '/') refuse(shown, 'the URL names no repository path');
    // a token may stand alone in the user name; with a password, the user name is just a name
    const secret = parsed.password !== '' ? parsed.password : parsed.username;
    const secrets = [...new Set([secret, safeDecode(secret)])].filter((s) => s.length >= minSecretLength);
    return gitSource(base, stripCredentials(base), ref, secrets);
  }

  const scp = scpLike.exec(named);
  if (scp) {
    const [, user, host] = scp;
    if (user.startsWith('-') || host.startsWith('-')) {
      refuse(shown, 'the host or user name starts with "-" and could be read as an option');
    }
    const { base, ref } = splitRef(shown, named);
    const path = base.slice(base.indexOf(':') + 1);
    if (path === '' || path === '/') refuse(shown, 'the URL names no repository path');
    if (path.startsWith('-')) refuse(shown, 'the repository path starts with "-" and could be read as an option');
    return gitSource(base, base, ref, []);
  }

  return { kind: 'local', path: named, display: named };
}
