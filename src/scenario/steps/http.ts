import type { HttpRequest } from '../driver.js';
import type { Observation } from '../observation.js';
import { parseJsonBody } from '../parse-json.js';
import type { HttpSpec } from '../types.js';
import { bounded, driverGraceMs, oneLine, type StepEnv } from './env.js';

const cutWords = { size: 'was cut at the size bound', time: 'did not end in time', reset: 'broke off' } as const;

/** One http attempt: the request as rendered, to the role's published port through the driver. */
export async function observeHttp(spec: HttpSpec, env: StepEnv): Promise<Observation> {
  const { limits, secrets } = env;
  const method = spec.method ?? 'GET';
  const headers: Record<string, string> = { ...(spec.headers ?? {}) };
  if (spec.auth) {
    secrets.add(spec.auth.token);
    headers[env.auth.header] = `${env.auth.scheme} ${spec.auth.token}`;
  }
  const query = Object.entries(spec.query ?? {}).map(([k, v]) => [k, String(v)] as [string, string]);
  const req: HttpRequest = {
    role: spec.role,
    method,
    path: spec.path,
    query,
    headers,
    ...(spec.json !== undefined ? { body: { json: spec.json } } : spec.text !== undefined ? { body: { text: spec.text } } : {}),
  };
  const qs = query.length > 0 ? `?${new URLSearchParams(query).toString()}` : '';
  const sentBody = spec.json !== undefined ? JSON.stringify(spec.json) : spec.text;
  const sent = {
    line: secrets.text(`${method} ${spec.path}${qs}${spec.auth ? ' with a token' : ''}`, limits.lineChars),
    detail: [
      ...Object.entries(headers).map(([k, v]) => `sent header ${secrets.text(`${k}: ${k === env.auth.header && spec.auth ? `${env.auth.scheme} ${spec.auth.token}` : v}`, limits.lineChars)}`),
      ...(sentBody !== undefined ? [`sent body ${secrets.text(sentBody, limits.detailChars)}`] : []),
    ],
    request: { method, path: spec.path, query: spec.query ?? {}, headers, json: spec.json, text: spec.text },
  };
  const a = await bounded(`${method} ${spec.path}`, limits.http.timeoutMs + driverGraceMs, env.driver.http(req, limits.http));
  if ('noAnswer' in a) return { sent, failure: { line: a.noAnswer }, got: a.noAnswer, gotDetail: [] };
  const cut = a.cut ? `${cutWords[a.cut]} (${a.text.length} characters read)` : undefined;
  const shownBody = a.text.trim() === '' ? '(empty body)' : secrets.text(oneLine(a.text), limits.lineChars);
  return {
    sent,
    status: a.status,
    headers: a.headers,
    text: a.text,
    json: parseJsonBody(a.text, cut, limits.maxJsonDepth, (s) => secrets.text(oneLine(s), 60)),
    got: `answered ${a.status} ${shownBody}`,
    gotDetail: [`got status ${a.status}${a.headers['content-type'] ? ` (${secrets.text(a.headers['content-type'], 100)})` : ''}`, `got body ${secrets.text(a.text, limits.detailChars)}`, ...(cut ? [`the body ${cut}`] : [])],
  };
}
