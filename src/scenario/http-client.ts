import type { HttpAnswer, HttpRequest } from './driver.js';
import type { HttpLimits } from './limits.js';

/**
 * The http part of a driver: one request to `base` (a role's published
 * port, `http://127.0.0.1:49153`), over Node's fetch. Redirects are not
 * followed; the request must stay on `base`'s origin; the request body, the
 * response body and the whole exchange (headers and body) are bounded.
 */
export async function sendHttp(base: string, req: HttpRequest, limits: HttpLimits): Promise<HttpAnswer> {
  const started = Date.now();
  const ms = () => Date.now() - started;
  const origin = new URL(base);
  if (origin.protocol !== 'http:' && origin.protocol !== 'https:') return { noAnswer: `not sent: ${origin.protocol} is not http`, ms: 0 };
  const url = new URL(`${origin.origin}${req.path}`);
  if (url.origin !== origin.origin) return { noAnswer: `not sent: ${req.path} does not stay on ${origin.origin}`, ms: 0 };
  for (const [k, v] of req.query) url.searchParams.append(k, v);

  const headers: Record<string, string> = { accept: 'application/json, text/plain;q=0.9, */*;q=0.8', ...lowerKeys(req.headers) };
  let body: string | undefined;
  if (req.body && 'json' in req.body) {
    body = JSON.stringify(req.body.json);
    headers['content-type'] ??= 'application/json';
  } else if (req.body) body = req.body.text;
  if (body !== undefined && Buffer.byteLength(body) > limits.maxRequestBytes) {
    return { noAnswer: `not sent: the body is ${Buffer.byteLength(body)} bytes, more than the ${limits.maxRequestBytes} a request may carry`, ms: 0 };
  }

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    let res: Response;
    try {
      res = await fetch(url, { method: req.method, headers, body, redirect: 'manual', signal: controller.signal });
    } catch (e) {
      return { noAnswer: controller.signal.aborted ? `no answer within ${seconds(limits.timeoutMs)}` : `no answer (${causeOf(e)})`, ms: ms() };
    }
    const { bytes, cut } = await readBounded(res, limits.maxResponseBytes, controller.signal);
    return {
      status: res.status,
      headers: Object.fromEntries(res.headers),
      text: new TextDecoder('utf-8').decode(bytes),
      ...(cut ? { cut } : {}),
      ms: ms(),
    };
  } finally {
    clearTimeout(timer);
  }
}

async function readBounded(res: Response, max: number, signal: AbortSignal): Promise<{ bytes: Uint8Array; cut?: 'size' | 'time' | 'reset' }> {
  if (!res.body) return { bytes: new Uint8Array() };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let cut: 'size' | 'time' | 'reset' | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = max - size;
      chunks.push(value.length > room ? value.subarray(0, room) : value);
      size += Math.min(value.length, room);
      if (value.length > room) {
        cut = 'size';
        break;
      }
    }
  } catch {
    cut = signal.aborted ? 'time' : 'reset';
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return { bytes: Buffer.concat(chunks), ...(cut ? { cut } : {}) };
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e as Error).message ?? String(e);
}

export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
