import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type Dockerode from 'dockerode';
import { describe } from 'vitest';
import { labelFilter } from '../../src/cleanup/labels.js';
import type { ComponentRole, Layout, Submission, SubmissionFile } from '../../src/model/submission.js';

/**
 * Support for the Docker-backed tests of the stack builders. They run
 * whenever an engine answers, and always under CI=true: there a missing
 * engine fails them instead of skipping them.
 */
export const ci = !!process.env.CI && process.env.CI !== 'false';

function engineAnswers(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 15_000, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const dockerDescribe = ci || engineAnswers() ? describe : describe.skip;

/** A submission model of a folder on disk (text files only), as intake would build it. */
export function diskSubmission(
  root: string,
  opts: { components: Partial<Record<ComponentRole, string>>; compose?: string; layout?: Layout },
): Submission {
  const files: Record<string, SubmissionFile> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === '.git' || name === 'node_modules') continue;
      const abs = join(dir, name);
      const st = statSync(abs);
      if (st.isDirectory()) walk(abs);
      else {
        const path = relative(root, abs).split(sep).join('/');
        files[path] = { path, size: st.size, text: readFileSync(abs, 'utf8'), binary: false };
      }
    }
  };
  walk(root);
  const components: Submission['components'] = {};
  for (const [role, dir] of Object.entries(opts.components) as [ComponentRole, string][]) components[role] = { role, dir, foundBy: 'argument' };
  return { root, source: root, layout: opts.layout ?? (opts.compose ? 'parent' : 'api-only'), components, compose: opts.compose, files };
}

/** Every Docker object still labelled with the run, one line each (empty when the run left nothing). */
export async function leftovers(docker: Dockerode, runId: string): Promise<string[]> {
  const filters = JSON.stringify({ label: labelFilter(runId) });
  const [containers, networks, volumes, images] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listNetworks({ filters }),
    docker.listVolumes({ filters }),
    docker.listImages({ filters }),
  ]);
  return [
    ...containers.map((c) => `container ${c.Names[0]}`),
    ...networks.map((n) => `network ${n.Name}`),
    ...(volumes.Volumes ?? []).map((v) => `volume ${v.Name}`),
    ...images.map((i) => `image ${i.RepoTags?.[0] ?? i.Id}`),
  ];
}

export const testdata = (name: string) => join(import.meta.dirname, 'testdata', name);

/** Containers of the failing build step of testdata/broken-build created since a time: a failed build must leave none. */
export async function failedStepContainers(docker: Dockerode, sinceSeconds: number): Promise<string[]> {
  const all = await docker.listContainers({ all: true });
  return all.filter((c) => c.Created >= sinceSeconds && c.Command.includes('no matching distribution for djangorestframework')).map((c) => c.Id);
}
