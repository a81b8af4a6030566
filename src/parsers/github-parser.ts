import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** What GitHub's workflow parser rejects in a file, as github-parser-worker.ts reports it. */
export interface GithubProblem {
  position?: { line: number; column: number };
  message: string;
}

/** Time the worker has to start and load the parser, and then for each file. */
export const githubParserLimits = { startMs: 30_000, fileMs: 5_000, memoryMb: 256 };

interface Running {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
  /** Answers received so far: the signal counts them. */
  answers: number;
}

let running: Running | undefined;

/** A module's file: the compiled .js in dist, the .ts itself from the sources (Node strips the types). */
function moduleFile(relative: string): string {
  const js = fileURLToPath(new URL(`${relative}.js`, import.meta.url));
  return existsSync(js) ? js : fileURLToPath(new URL(`${relative}.ts`, import.meta.url));
}

/** Waits (blocking: the checks are synchronous) for the next answer, or gives up and ends the worker. */
function nextAnswer(r: Running, ms: number): { message: unknown } | undefined {
  const expected = r.answers + 1;
  const deadline = Date.now() + ms;
  for (;;) {
    const got = receiveMessageOnPort(r.port);
    if (got) {
      r.answers = expected;
      return got;
    }
    const left = deadline - Date.now();
    if (left <= 0) break;
    Atomics.wait(r.signal, 0, r.answers, Math.min(left, 50));
  }
  void r.worker.terminate();
  running = undefined;
  return undefined;
}

function start(): Running | undefined {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(moduleFile('./github-parser-worker'), {
    // the parser imports JSON modules without import attributes (see json-modules.ts)
    execArgv: ['--import', pathToFileURL(moduleFile('../runner/json-modules')).href],
    workerData: { port: port2, signal },
    transferList: [port2],
    resourceLimits: { maxOldGenerationSizeMb: githubParserLimits.memoryMb },
    stdout: true,
    stderr: true,
  });
  worker.unref();
  worker.on('error', () => undefined);
  const r: Running = { worker, port: port1, signal, answers: 0 };
  return nextAnswer(r, githubParserLimits.startMs)?.message === 'ready' ? r : undefined;
}

/**
 * GitHub's workflow parser on one file, in a worker thread that is ended when
 * it does not answer within `githubParserLimits.fileMs` (or runs out of its
 * memory): then one problem says so, and the next file gets a new worker.
 */
export function githubParserProblems(path: string, text: string): GithubProblem[] {
  running ??= start();
  const r = running;
  if (!r) return [{ message: "GitHub's workflow parser could not be started, so the file was not checked against GitHub's rules" }];
  r.port.postMessage({ path, text });
  const got = nextAnswer(r, githubParserLimits.fileMs);
  if (!got) {
    return [{ message: `GitHub's workflow parser did not finish this file within ${githubParserLimits.fileMs / 1000} s; simplify it (no aliases expanding to huge values)` }];
  }
  return got.message as GithubProblem[];
}
