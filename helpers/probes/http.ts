import request from 'supertest';
import { redact } from '../../src/model/redact.js';
import type { ProbeContext } from './context.js';

/** One request and what came back, in the words findings use. */
export interface Exchange {
  method: string;
  path: string;
  /** Who asked: "without a token", "with john_doe's token". */
  as: string;
  status: number;
  body: unknown;
  text: string;
}

export type Caller = { token?: string; who: string };

export const anonymous: Caller = { who: 'without a token' };

/**
 * The api as a student's browser meets it: through the port Docker
 * published on the host. Requests go through supertest; a request that gets
 * no answer in the profile's time limit is an exchange with status 0.
 */
export class Api {
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(ctx: ProbeContext) {
    const api = ctx.runtime.components.api;
    if (!api?.hostPort) throw new Error('the api has no published port');
    this.base = `http://${ctx.runtime.host}:${api.hostPort}`;
    this.timeoutMs = ctx.grading.profile.runtime.httpTimeoutSeconds * 1000;
  }

  get(path: string, caller: Caller): Promise<Exchange> {
    return this.send('GET', path, caller);
  }

  post(path: string, caller: Caller, body: object): Promise<Exchange> {
    return this.send('POST', path, caller, body);
  }

  delete(path: string, caller: Caller): Promise<Exchange> {
    return this.send('DELETE', path, caller);
  }

  private async send(method: 'GET' | 'POST' | 'DELETE', path: string, caller: Caller, body?: object): Promise<Exchange> {
    const agent = request(this.base);
    let req = method === 'GET' ? agent.get(path) : method === 'POST' ? agent.post(path) : agent.delete(path);
    req = req.set('Accept', 'application/json').timeout({ response: this.timeoutMs, deadline: this.timeoutMs * 2 }).ok(() => true);
    if (caller.token) req = req.set('Authorization', `Token ${caller.token}`);
    if (body) req = req.send(body);
    try {
      const res = await req;
      return { method, path, as: caller.who, status: res.status, body: res.body, text: res.text ?? '' };
    } catch (e) {
      return { method, path, as: caller.who, status: 0, body: undefined, text: `no answer (${String((e as Error).message ?? e).split('\n')[0]})` };
    }
  }
}

/** `POST /register with ... returned 400 {"message":"..."}` */
export function said(x: Exchange, secrets: string[] = []): string {
  const got = x.status === 0 ? x.text : `${x.status} ${shortBody(x, secrets)}`;
  return `${x.method} ${x.path} ${x.as} returned ${got}`;
}

export function shortBody(x: Exchange, secrets: string[] = []): string {
  let text = x.text.trim() === '' ? '(empty body)' : x.text.replace(/\s+/g, ' ').trim();
  for (const s of secrets) if (s.length >= 4) text = text.split(s).join(redact(s));
  text = text.replace(/("(?:token|key|password)"\s*:\s*")([^"]{4,})"/gi, (_, head: string, value: string) => `${head}${redact(value)}"`);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
