import { isMatcherObject, type Matcher, type MatcherObject, type TypeName } from './types.js';

const article: Record<TypeName, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  null: 'null',
  array: 'a list',
  object: 'an object',
};

/** What a matcher wants, in words: `a string`, `>= 3`, `one of ["a","b"]`. Expected values go through `show` (they may hold a captured secret). */
export function describeMatcher(m: Matcher, show: (v: unknown) => string): string {
  if (!isMatcherObject(m)) return show(m);
  return (Object.keys(m) as (keyof MatcherObject)[]).map((k) => describeKey(k, m, show)).join(' and ');
}

function describeKey(k: keyof MatcherObject, m: MatcherObject, show: (v: unknown) => string): string {
  switch (k) {
    case 'eq':
      return show(m.eq);
    case 'ne':
      return `not ${show(m.ne)}`;
    case 'gt':
      return `> ${show(m.gt)}`;
    case 'gte':
      return `>= ${show(m.gte)}`;
    case 'lt':
      return `< ${show(m.lt)}`;
    case 'lte':
      return `<= ${show(m.lte)}`;
    case 'in':
      return `one of ${show(m.in)}`;
    case 'nin':
      return `none of ${show(m.nin)}`;
    case 'regex':
      return `matching /${m.regex}/`;
    case 'type':
      return ([] as TypeName[]).concat(m.type!).map((t) => article[t]).join(' or ');
    case 'contains':
      return `containing ${show(m.contains)}`;
    case 'exists':
      return 'present';
    case 'not':
      return `not ${describeMatcher(m.not!, show)}`;
    case 'anyOf':
      return `either ${m.anyOf!.map((a) => describeMatcher(a, show)).join(' or ')}`;
    case 'schema':
      return 'valid against the expected schema';
    case 'asNumber':
      return `a number ${describeMatcher(m.asNumber!, show)}`;
    default:
      return String(k);
  }
}
