import { get } from 'node:http';
import type Dockerode from 'dockerode';
import { getContainerRuntimeClient, type BoundPorts, type WaitStrategy } from 'testcontainers';

/** How often the port is asked again while nothing answers. */
export const HTTP_POLL_MS = 200;

/**
 * Waits until a GET of `path` on the container's published `port` gets any
 * HTTP answer. Testcontainers' HTTP wait asks only once per read timeout
 * (5 s here), so an api ready just after a miss went unnoticed for seconds;
 * this one asks every HTTP_POLL_MS, each request still given the whole read
 * timeout. A container that stops is DiagnosingWait's to notice.
 */
export class HttpAnswerWait implements WaitStrategy {
  private timeoutMs = 60_000;

  constructor(
    private readonly path: string,
    private readonly port: number,
    private readonly readTimeoutMs: number,
    /** Where the published ports are; the container runtime's host unless given. */
    private readonly host?: string,
  ) {}

  withStartupTimeout(ms: number): this {
    this.timeoutMs = ms;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return true;
  }

  getStartupTimeout(): number {
    return this.timeoutMs;
  }

  async waitUntilReady(_container: Dockerode.Container, boundPorts: BoundPorts): Promise<void> {
    const host = this.host ?? (await getContainerRuntimeClient()).info.containerRuntime.host;
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      if (await answers(() => `http://${host}:${boundPorts.getBinding(this.port)}${this.path}`, this.readTimeoutMs)) return;
      if (Date.now() >= deadline) throw new Error(`URL ${this.path} not accessible after ${this.timeoutMs}ms`);
      await new Promise((r) => setTimeout(r, HTTP_POLL_MS));
    }
  }
}

/** Whether a GET gets any answer (whatever its status) within the time limit; the body is not read. */
function answers(url: () => string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const req = get(url(), { agent: false, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
        resolve(true);
        res.destroy();
      });
      req.on('error', () => resolve(false));
    } catch {
      resolve(false);
    }
  });
}
