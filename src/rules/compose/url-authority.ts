/**
 * The host and port of a URL (scheme://user:password@host:port/...), or
 * undefined when the value is not one. The port is given only when it is a
 * number followed by the end or a path, query or fragment.
 */
export function urlAuthority(value: string): { host: string; port?: number } | undefined {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d{1,5})(?=[/?#]|$))?/.exec(value.trim());
  if (!m) return undefined;
  const port = m[2] === undefined ? 0 : Number(m[2]);
  return { host: m[1], ...(port >= 1 && port <= 65535 ? { port } : {}) };
}
