import { quantifiers } from './types.js';

/**
 * Where a step may hold templates: what it sends (paths, queries, headers,
 * bodies, SQL params, commands, names) and the values expectations compare
 * with. Never in SQL text, roles, JSON paths, regexes, schemas, captures or
 * hints: a captured value must not change what a query, a path or a pattern
 * means. `path` is relative to the step.
 */
export function templateAllowed(path: (string | number)[]): boolean {
  const [head, ...rest] = path;
  if (head === 'variants') return sendsValue(rest[1]);
  if (head === 'expect') return expectAllows(rest);
  if (head === 'http') return ['path', 'query', 'headers', 'json', 'text', 'auth'].includes(String(rest[0]));
  if (head === 'sql') return rest[0] === 'params';
  if (head === 'redis') return rest[0] === 'command';
  if (head === 'exec') return rest[0] === 'argv';
  if (head === 'connect' || head === 'isolation') return rest[0] === 'names';
  return false;
}

export function isSqlText(path: (string | number)[]): boolean {
  return path[0] === 'sql' && path[1] === 'query';
}

function sendsValue(key: string | number | undefined): boolean {
  return ['path', 'query', 'headers', 'json', 'text', 'auth', 'params', 'command', 'argv'].includes(String(key));
}

function expectAllows([part, index, ...rest]: (string | number)[]): boolean {
  if (part === 'exitCode') return matcherAllows([index, ...rest].filter((t) => t !== undefined));
  if (part === 'json') {
    const [key, ...inner] = rest;
    if (key === 'path') return false;
    return (quantifiers as readonly (string | number)[]).includes(key) ? matcherAllows(inner) : matcherAllows(rest);
  }
  if (part === 'text' || part === 'stdout' || part === 'stderr') {
    const [key, ...inner] = rest;
    if (key === 'find') return false;
    return key === 'that' ? matcherAllows(inner) : matcherAllows(rest);
  }
  return false;
}

/** Inside a matcher: values to compare with, not patterns, types or schemas. */
function matcherAllows(path: (string | number)[]): boolean {
  const [key, ...rest] = path;
  if (key === undefined || typeof key === 'number') return true;
  if (['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'contains'].includes(key)) return true;
  if (key === 'not' || key === 'asNumber') return matcherAllows(rest);
  if (key === 'anyOf') return matcherAllows(rest.slice(1));
  return false;
}
