import { matchBounded } from './bounded-regex.js';
import { describeMatcher } from './describe-matcher.js';
import type { Unmet } from './expect-json.js';
import { asNumber, judge, type MatchContext } from './matchers.js';
import { isFind, type TextExpectation } from './types.js';

/** Expectations on a text (a body, stdout): a matcher on the whole text, or a pattern found in it. */
export function checkText(items: TextExpectation[], text: string | undefined, noun: string, ctx: MatchContext): Unmet[] {
  if (text === undefined) return [{ line: `there is no ${noun}` }];
  return items.flatMap((item): Unmet[] => {
    if (!isFind(item)) {
      const j = judge(item, text, ctx);
      if (j.result === 'pass') return [];
      const want = describeMatcher(item, ctx.show);
      return [{ line: j.result === 'undecided' ? `the ${noun} ${j.why}; expected it to be ${want}` : `expected the ${noun} to be ${want}` }];
    }
    const r = matchBounded(item.find, text, ctx.regex);
    if ('undecided' in r) return [{ line: r.undecided }];
    const group = r.match?.[item.group ?? (r.match.length > 1 ? 1 : 0)];
    if (group === null || group === undefined) return [{ line: `the ${noun} has no match for /${item.find}/` }];
    let value: unknown = group;
    if (item.as === 'number') {
      value = asNumber(group);
      if (value === undefined) return [{ line: `/${item.find}/ found ${ctx.show(group)} in the ${noun}, not a number` }];
    }
    if (item.that === undefined) return [];
    const j = judge(item.that, value, ctx);
    return j.result === 'pass' ? [] : [{ line: `/${item.find}/ found ${ctx.show(value)} in the ${noun}; expected ${describeMatcher(item.that, ctx.show)}` }];
  });
}
