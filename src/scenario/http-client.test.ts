import { afterEach, describe, expect, it } from 'vitest';
import type { HttpRequest } from './driver.js';
import { sendHttp } from './http-client.js';
import { localServer, sendJson, type Handler } from './test-support.js';

const limits = { timeoutMs: 500, maxRequestBytes: 1024, maxResponseBytes: 4096 };
const get = (path: string): HttpRequest => ({ role: 'api', method: 'GET', path, query: [], headers: {} });
const servers: { close(): Promise<void> }[] = [];
async function serve(h: Handler): Promise<string> {
  const s = await localServer(h);
  servers.push(s);
  return s.base;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('sendHttp', () => {
  it('sends method, query, headers and a JSON body, and reads the answer', async () => {
    const base = await serve((req, res) => sendJson(res, 201, { method: req.method, url: req.url, type: req.headers['content-type'], auth: req.headers.authorization, body: JSON.parse(req.body) }));
    const a = await sendHttp(base, { role: 'api', method: 'POST', path: '/rocks', query: [['mine', 'true']], headers: { Authorization: 'Token t0k3n' }, body: { json: { name: 'x' } } }, limits);
    expect(a).toMatchObject({ status: 201 });
    expect('text' in a && JSON.parse(a.text)).toEqual({ method: 'POST', url: '/rocks?mine=true', type: 'application/json', auth: 'Token t0k3n', body: { name: 'x' } });
  });

  it('cuts a huge body at the bound and says so', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(1024 * 1024));
    });
    const a = await sendHttp(base, get('/'), limits);
    expect(a).toMatchObject({ status: 200, cut: 'size' });
    expect('text' in a && a.text.length).toBe(4096);
  });

  it('stops reading a body that streams forever at the time bound', async () => {
    let timer: NodeJS.Timeout | undefined;
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      timer = setInterval(() => res.write('.'), 5);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const a = await sendHttp(base, get('/'), { ...limits, maxResponseBytes: 10 * 1024 * 1024 });
    expect(a).toMatchObject({ status: 200, cut: 'time' });
    expect(Date.now() - started).toBeLessThan(3000);
    clearInterval(timer);
  });

  it('gives up on a server that never answers', async () => {
    const base = await serve(() => undefined);
    const a = await sendHttp(base, get('/'), limits);
    expect(a).toEqual({ noAnswer: 'no answer within 0.5 s', ms: expect.any(Number) });
  });

  it('reports a refused connection as no answer', async () => {
    const base = await serve(() => undefined);
    await servers.pop()!.close();
    const a = await sendHttp(base, get('/'), limits);
    expect(a).toMatchObject({ noAnswer: expect.stringMatching(/^no answer \(/) });
  });

  it('does not follow redirects', async () => {
    const base = await serve((req, res) => {
      if (req.url === '/elsewhere') return sendJson(res, 200, { followed: true });
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    });
    expect(await sendHttp(base, get('/'), limits)).toMatchObject({ status: 302 });
  });

  it('never leaves the origin it was given, whatever the path', async () => {
    const base = await serve((req, res) => sendJson(res, 200, { url: req.url, host: req.headers.host }));
    const a = await sendHttp(base, get('//example.com/x'), limits);
    expect('text' in a && JSON.parse(a.text)).toEqual({ url: '//example.com/x', host: base.slice('http://'.length) });
  });

  it('refuses to send a body over the bound', async () => {
    const a = await sendHttp('http://127.0.0.1:9', { ...get('/'), method: 'POST', body: { text: 'x'.repeat(2000) } }, limits);
    expect(a).toMatchObject({ noAnswer: expect.stringContaining('more than the 1024') });
  });
});
