import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Dockerode from 'dockerode';
import { BoundPorts } from 'testcontainers';
import { afterEach, expect, it } from 'vitest';
import { HTTP_POLL_MS, HttpAnswerWait } from './http-answer-wait.js';

const container = {} as Dockerode.Container;
let server: Server | undefined;

afterEach(() => {
  server?.close();
  server = undefined;
});

/** A server on a free local port answering `status` to everything, once `after` ms have passed (refusing before). */
async function serverOn(status: number, after = 0): Promise<BoundPorts> {
  const s = createServer((_req, res) => res.writeHead(status).end('x'));
  server = s;
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  if (after > 0) {
    s.close();
    setTimeout(() => s.listen(port, '127.0.0.1'), after);
  }
  const ports = new BoundPorts();
  ports.setBinding(8000, port);
  return ports;
}

it('any status counts as an answer, and one that comes after refusals is seen within a poll', async () => {
  const ports = await serverOn(500, 600);
  const started = Date.now();
  await new HttpAnswerWait('/rocks', 8000, 5_000, '127.0.0.1').withStartupTimeout(10_000).waitUntilReady(container, ports);
  expect(Date.now() - started).toBeLessThan(600 + HTTP_POLL_MS + 1_000);
});

it('no answer within the budget: fails naming the path and the budget', async () => {
  const ports = new BoundPorts();
  ports.setBinding(8000, 9);
  const wait = new HttpAnswerWait('/rocks', 8000, 5_000, '127.0.0.1').withStartupTimeout(700);
  await expect(wait.waitUntilReady(container, ports)).rejects.toThrow('URL /rocks not accessible after 700ms');
});

it('no published port: never an answer', async () => {
  const wait = new HttpAnswerWait('/', 8000, 5_000, '127.0.0.1').withStartupTimeout(300);
  await expect(wait.waitUntilReady(container, new BoundPorts())).rejects.toThrow('URL / not accessible after 300ms');
});
