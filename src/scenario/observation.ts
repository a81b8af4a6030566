/** What a step sent, for messages and `request` captures. */
export interface Sent {
  /** One line: `POST /register`, `SQL on db: SELECT …`. */
  line: string;
  detail: string[];
  /** http: {method, path, query, headers, json, text} as sent, for `request` captures. */
  request?: unknown;
}

/**
 * What one attempt of a step saw, in the same shape for every kind, so that
 * expectations and captures need not know the kind. Every text in it is
 * already bounded; `got` and `gotDetail` are already redacted and escaped.
 */
export interface Observation {
  sent: Sent;
  /** Nothing to judge came back: no answer, an SQL or Redis error, a probe that could not run. */
  failure?: { line: string; sqlstate?: string };
  status?: number;
  headers?: Record<string, string>;
  /** The body (http) or stdout (exec). */
  text?: string;
  stderr?: string;
  exitCode?: number | null;
  json?: { value: unknown } | { absent: string };
  /** What came back, in one line, and in more detail. */
  got: string;
  gotDetail: string[];
  /** What the step's kind itself requires and did not get (connect, isolation, recreate). */
  unmet?: string[];
  /** What was seen cannot change by waiting (a HEALTHCHECK whose command cannot run): no retry. */
  settled?: true;
  /** Values the step learnt are secret (a token it sent, env values with secret names). */
  secrets?: string[];
}
