/**
 * Runs GitHub's workflow parser in a worker thread, so that a file it cannot
 * finish (it expands aliases and runs synchronously) can be stopped. Imports
 * nothing of rock-check's own: Node runs this file as it is from the sources
 * (type stripping) and compiled from dist.
 */
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { workerData, type MessagePort } from 'node:worker_threads';

interface Problem {
  position?: { line: number; column: number };
  message: string;
}

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };

/**
 * Schema errors of `parseWorkflow`, then the semantic errors of
 * `convertWorkflowTemplate` (unknown `needs`, dependency cycles, bad cron...).
 * The converter is async only to fetch reusable workflows; with a fetch depth
 * of 0 it records every error on the context before it first awaits, so the
 * errors are complete when the call returns.
 */
function githubProblems(path: string, text: string): Problem[] {
  let parsed;
  try {
    parsed = parseWorkflow({ name: path, content: text }, new NoOperationTraceWriter());
    if (parsed.value) {
      convertWorkflowTemplate(parsed.context, parsed.value, undefined, { fetchReusableWorkflowDepth: 0 }).catch(() => undefined);
    }
  } catch (err) {
    return [{ message: `the workflow parser stopped: ${err instanceof Error ? err.message : String(err)}` }];
  }
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const e of parsed.context.errors.getErrors()) {
    const position = e.range ? { line: e.range.start.line, column: e.range.start.column } : undefined;
    const key = `${position?.line}:${position?.column}:${e.rawMessage}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ position, message: e.rawMessage });
  }
  return out;
}

const answer = (message: unknown) => {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
};

port.on('message', ({ path, text }: { path: string; text: string }) => answer(githubProblems(path, text)));
answer('ready');
