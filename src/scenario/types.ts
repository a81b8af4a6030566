/**
 * A runtime scenario as a profile writes it (validated by
 * schemas/scenario.schema.json and the meaning checks of load.ts). Data
 * only: strings may hold templates (`{{me.token}}`, `{{$run}}`), never code.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Scenario {
  roles: Record<string, RoleSpec>;
  /** How `auth: {token}` is sent: `<header>: <scheme> <token>`. */
  auth?: { header?: string; scheme?: string };
  /** Run in this order; destructive steps (recreate, restart) only in the last. */
  phases: string[];
  fixtures?: Record<string, FixtureSpec>;
  criteria: Record<string, CriterionSpec>;
}

export interface RoleSpec {
  /** A submission may legitimately lack it: its criteria are then not applicable. */
  optional?: boolean;
}

/** Steps run once, on first `use`; their captures are shared as `{{<fixture>.<capture>}}`. */
export interface FixtureSpec {
  /** The criterion that reports the fixture's failure; the others point at it. */
  criterion: string;
  steps: Step[];
}

export interface CriterionSpec {
  phase: string;
  /** Where findings point: a role's folder, a path, or (default) the stack file. */
  at?: { role?: string; path?: string };
  severity?: 'error' | 'warning';
  steps: Step[];
}

export const stepKinds = ['http', 'sql', 'redis', 'exec', 'inspect', 'connect', 'isolation', 'recreate', 'restart', 'use'] as const;
export type StepKind = (typeof stepKinds)[number];
export const destructiveKinds: readonly StepKind[] = ['recreate', 'restart'];

export interface HttpSpec {
  role: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  path: string;
  query?: Record<string, string | number | boolean>;
  headers?: Record<string, string>;
  json?: Json;
  text?: string;
  auth?: { token: string };
}
export interface SqlSpec {
  role: string;
  /** Literal SQL: captured values reach it only through `params` ($1, $2…). */
  query: string;
  params?: Json[];
}
export interface RedisSpec {
  role: string;
  command: (string | number)[];
}
export interface ExecSpec {
  role: string;
  /** Run as is, never through a shell. */
  argv: string[];
}
export interface RoleRef {
  role: string;
}
export interface ConnectSpec {
  from: string;
  to: string;
  /** Names to resolve from `from`; default: the names the stack gives `to`. */
  names?: string[];
  port?: number;
}
export interface IsolationSpec {
  /** Names that must not resolve from outside the stack's network; default: every name of the stack. */
  names?: string[];
}
export interface RecreateSpec {
  role: string;
  /** A fresh container gets fresh anonymous volumes (as after `down` and `up`); default true. */
  renewAnonymousVolumes?: boolean;
}

export type Literal = string | number | boolean | null | Json[];
export type TypeName = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object';

/** An object is always a matcher (its keys all hold); anything else is a value to equal. */
export interface MatcherObject {
  eq?: Json;
  ne?: Json;
  gt?: number | string;
  gte?: number | string;
  lt?: number | string;
  lte?: number | string;
  in?: Json[];
  nin?: Json[];
  regex?: string;
  type?: TypeName | TypeName[];
  contains?: Json;
  exists?: true;
  not?: Matcher;
  anyOf?: Matcher[];
  schema?: Record<string, unknown> | boolean;
  asNumber?: Matcher;
}
export type Matcher = Literal | MatcherObject;
export const matcherKeys = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'regex', 'type', 'contains', 'exists', 'not', 'anyOf', 'schema', 'asNumber'] as const;

export const quantifiers = ['one', 'some', 'all', 'none', 'count'] as const;
export type Quantifier = (typeof quantifiers)[number];

/** `{path, one|some|all|none: matcher}`, `{path, count: n|matcher}`, or `{path, <matcher keys>}` (= one). */
export interface JsonExpectation extends MatcherObject {
  path: string;
  one?: Matcher;
  some?: Matcher;
  all?: Matcher;
  none?: Matcher;
  count?: number | MatcherObject;
}

/** A matcher on the whole text, or a regex found in it whose group must match `that`. */
export type TextExpectation = Matcher | FindSpec;
export interface FindSpec {
  find: string;
  group?: number;
  as?: 'number' | 'string';
  that?: Matcher;
}

export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx';
export type StatusSpec = number | StatusClass | (number | StatusClass)[];

export interface Expect {
  status?: StatusSpec;
  json?: JsonExpectation[];
  text?: TextExpectation[];
  schema?: Record<string, unknown> | boolean;
  exitCode?: Matcher;
  stdout?: TextExpectation[];
  stderr?: TextExpectation[];
}

export interface CaptureSpec {
  json?: string;
  header?: string;
  regex?: string;
  request?: string;
  /** json/request: `one` (exactly one node, default), `first`, or `all` (the list of nodes). */
  pick?: 'one' | 'first' | 'all';
  /** regex: the group to take (default 1). */
  group?: number;
  as?: 'number' | 'string';
  secret?: boolean;
}

export interface RetrySpec {
  count: number;
  /** Milliseconds, or "500ms" / "2s"; default 1s. */
  interval?: number | string;
}

export interface Hints {
  /** Keys: a status (`403`) or a class (`5xx`). */
  status?: Record<string, string>;
  /** Keys: a SQLSTATE (`42P01`) or its class (`42`). */
  sqlstate?: Record<string, string>;
}

export interface StepCommon {
  expect?: Expect;
  capture?: Record<string, CaptureSpec>;
  /** Alternatives merged into the step's request; the first that passes wins. */
  variants?: Record<string, unknown>[];
  /** The variant that passed is kept, under this name, for the rest of the run. */
  stick?: string;
  retry?: RetrySpec;
  hint?: string;
  hints?: Hints;
  /** The criterion goes on after this step fails (its finding is kept). */
  continueOnFail?: boolean;
}

export type Step =
  | (StepCommon & { http: HttpSpec })
  | (StepCommon & { sql: SqlSpec })
  | (StepCommon & { redis: RedisSpec })
  | (StepCommon & { exec: ExecSpec })
  | (StepCommon & { inspect: RoleRef })
  | (StepCommon & { connect: ConnectSpec })
  | (StepCommon & { isolation: IsolationSpec })
  | (StepCommon & { recreate: RecreateSpec })
  | (StepCommon & { restart: RoleRef })
  | { use: string };

export function kindOf(step: Step): StepKind {
  const kind = stepKinds.find((k) => k in step);
  if (!kind) throw new Error('a step without a kind reached the engine');
  return kind;
}

/** The step's request part (`step.http`, `step.sql`…), or the fixture name of a `use`. */
export function bodyOf(step: Step): unknown {
  return (step as Record<string, unknown>)[kindOf(step)];
}

export function isFind(t: unknown): t is FindSpec {
  return isMatcherObject(t) && 'find' in t;
}

export function isMatcherObject(m: unknown): m is MatcherObject {
  return typeof m === 'object' && m !== null && !Array.isArray(m);
}
