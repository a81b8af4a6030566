import { describeMatcher } from '../../scenario/describe-matcher.js';
import {
  isFind,
  isMatcherObject,
  kindOf,
  type Expect,
  type JsonExpectation,
  type Matcher,
  type Scenario,
  type StatusSpec,
  type Step,
  type TextExpectation,
} from '../../scenario/types.js';

/** A template as a student reads it: `{{first}}` is the value kept as first, `{{$run}}` this run's own id. */
export function untemplated(text: string): string {
  return text.replace(/\{\{\s*\$run\s*\}\}/g, '‹an id of this run›').replace(/\{\{\s*\$rand\s*\}\}/g, '‹a random value›').replace(/\{\{\s*([^}]*?)\s*\}\}/g, '‹$1›');
}

/** A value to compare with; a string that is one template reads as the value it stands for. */
const show = (v: unknown): string => (typeof v === 'string' && /^\{\{[^}]*\}\}$/.test(v.trim()) ? untemplated(v.trim()) : untemplated(JSON.stringify(v) ?? String(v)));

/**
 * One step in words: what is sent or done, and what must come back;
 * `GET / on web answers 200, and its text contains "<h3>Hello World!</h3>"`.
 * A `use` step is described by the fixture's own steps.
 */
export function describeStep(step: Step, scenario: Scenario): string[] {
  if ('use' in step) {
    const fixture = scenario.fixtures?.[step.use];
    const inner = (fixture?.steps ?? []).flatMap((s) => describeStep(s, scenario));
    return [`Once per run, shared with other criteria (${step.use}): ${inner.join('; ')}`];
  }
  const kind = kindOf(step);
  const action = actionOf(step);
  const wants = expectations(kind, step.expect);
  const kept = Object.entries(step.capture ?? {}).map(([name, c]) => `keeps ${c.json ? `the value at ${c.json}` : c.regex ? `the ${c.as === 'number' ? 'number' : 'text'} found by /${c.regex}/` : c.header ? `the ${c.header} header` : 'a value sent'} as ‹${name}›`);
  const tail = [
    step.variants && step.variants.length > 0 ? `${step.variants.length} other forms of the request are accepted as well` : '',
    step.retry ? `tried up to ${step.retry.count} times, every ${step.retry.interval ?? '1s'}` : '',
  ].filter((t) => t !== '');
  const joiner = kind === 'http' || kind === 'exec' ? ' ' : ': ';
  let line = wants.length > 0 ? `${action}${joiner}${wants.join(', and ')}` : action;
  if (kept.length > 0) line += `; it ${kept.join(' and ')}`;
  if (tail.length > 0) line += ` (${tail.join('; ')})`;
  const out = [`${line}.`];
  if (step.hint) out.push(`Hint: ${step.hint}`);
  return out;
}

function actionOf(step: Exclude<Step, { use: string }>): string {
  if ('http' in step) {
    const h = step.http;
    const query = h.query ? `?${Object.entries(h.query).map(([k, v]) => `${k}=${v}`).join('&')}` : '';
    const body = h.json !== undefined ? ` with the JSON ${show(h.json)}` : h.text !== undefined ? ` with the text ${show(h.text)}` : '';
    const auth = h.auth ? ' with a token' : '';
    return `${h.method ?? 'GET'} ${untemplated(h.path)}${untemplated(query)} on ${h.role}${body}${auth}`;
  }
  if ('sql' in step) return `the SQL query \`${step.sql.query}\` on ${step.sql.role}${step.sql.params ? ` with ${show(step.sql.params)}` : ''}`;
  if ('redis' in step) return `the Redis command \`${untemplated(step.redis.command.join(' '))}\` on ${step.redis.role}`;
  if ('exec' in step) return `\`${untemplated(step.exec.argv.join(' '))}\` run inside the ${step.exec.role} container`;
  if ('inspect' in step) return `the facts of the ${step.inspect.role} container (health, user, environment, mounts, ports)`;
  if ('connect' in step) {
    const c = step.connect;
    const names = c.names ? c.names.map((n) => `"${untemplated(n)}"`).join(', ') : `the names of ${c.to}`;
    return `inside ${c.from}, ${names} resolve${c.names?.length === 1 ? 's' : ''} to the ${c.to} container${c.port ? ` and port ${c.port} accepts a connection` : ''}`;
  }
  if ('isolation' in step) {
    const names = step.isolation.names ? step.isolation.names.map((n) => `"${n}"`).join(', ') : 'no name of the stack';
    return `from a container outside the stack's network, ${names} resolve${step.isolation.names ? ' to nothing' : 's'}`;
  }
  if ('recreate' in step) {
    const renew = step.recreate.renewAnonymousVolumes ?? true;
    return `the ${step.recreate.role} container is replaced by a new one (named volumes and mounted folders kept${renew ? ', anonymous volumes new and empty' : ''})`;
  }
  return `the ${step.restart.role} container is restarted`;
}

/** What the step's answer must show, including the defaults that fail safe (2xx, exit code 0). */
function expectations(kind: string, e: Expect | undefined): string[] {
  const out: string[] = [];
  if (kind === 'http') out.push(`answers ${statusWords(e?.status ?? '2xx')}`);
  if (kind === 'exec') out.push(`exits with ${e?.exitCode === undefined ? '0' : describeMatcher(e.exitCode, show)}`);
  if (!e) return out;
  const doc = kind === 'sql' ? 'the rows' : kind === 'redis' ? 'the reply' : kind === 'inspect' ? 'the facts' : 'the JSON';
  for (const j of e.json ?? []) out.push(jsonWords(doc, j));
  if (e.schema !== undefined) out.push(`${doc} ${kind === 'http' ? 'are' : 'is'} valid against the expected JSON Schema`);
  for (const t of e.text ?? []) out.push(textWords('its text', t));
  for (const t of e.stdout ?? []) out.push(textWords('its output', t));
  for (const t of e.stderr ?? []) out.push(textWords('its error output', t));
  return out;
}

function statusWords(s: StatusSpec): string {
  const list = ([] as (number | string)[]).concat(s).map((x) => (typeof x === 'number' ? String(x) : `a ${x} status`));
  return list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

function textWords(what: string, t: TextExpectation): string {
  if (isFind(t)) return `in ${what} the ${t.as === 'number' ? 'number' : 'text'} found by /${t.find}/ ${t.that === undefined ? 'is there' : `is ${describeMatcher(t.that, show)}`}`;
  return `${what} ${textMatcher(t)}`;
}

function textMatcher(m: Matcher): string {
  if (!isMatcherObject(m)) return `is ${show(m)}`;
  const keys = Object.keys(m);
  if (keys.length === 1 && m.contains !== undefined) return `contains ${show(m.contains)}`;
  if (keys.length === 1 && m.regex !== undefined) return `matches /${m.regex}/`;
  if (keys.length === 1 && m.not !== undefined) {
    const inner = m.not;
    if (isMatcherObject(inner) && Object.keys(inner).length === 1 && inner.contains !== undefined) return `does not contain ${show(inner.contains)}`;
    if (isMatcherObject(inner) && Object.keys(inner).length === 1 && inner.regex !== undefined) return `does not match /${inner.regex}/`;
    return `is not ${describeMatcher(inner, show)}`;
  }
  return `is ${describeMatcher(m, show)}`;
}

function jsonWords(doc: string, j: JsonExpectation): string {
  const at = j.path === '$' ? doc : `at ${j.path} in ${doc}`;
  const rest = Object.fromEntries(Object.entries(j).filter(([k]) => !['path', 'one', 'some', 'all', 'none', 'count'].includes(k))) as Matcher;
  if (j.count !== undefined) return `${at} the number of values is ${typeof j.count === 'number' ? j.count : describeMatcher(j.count, show)}`;
  if (j.some !== undefined) return `${at} some value is ${describeMatcher(j.some, show)}`;
  if (j.all !== undefined) return `${at} every value (at least one) is ${describeMatcher(j.all, show)}`;
  if (j.none !== undefined) return `${at} no value (of at least one) is ${describeMatcher(j.none, show)}`;
  const one = j.one ?? rest;
  return `${at} ${j.path === '$' ? 'is' : 'there is exactly one value, and it is'} ${describeMatcher(one, show)}`;
}
