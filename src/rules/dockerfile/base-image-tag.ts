import type { Finding } from '../../model/finding.js';
import { defineRule, type Rule } from '../rule.js';
import { finding } from './findings.js';
import type { DockerfileInput } from './input.js';
import { parseImageRef, type Stage } from './stages.js';
import { needsDockerfileStages } from './requires.js';

/** A sensible pin to suggest, by image name; others get `<name>:<version>`. */
const examples: Record<string, string> = { python: 'python:3.11-slim', node: 'node:18-alpine', postgres: 'postgres:15' };

export const baseImageTag: Rule<DockerfileInput> = defineRule({
  id: 'RC-DF002',
  name: 'dockerfile/base-image-tag',
  title: 'Base image pinned to an explicit tag',
  severity: 'warning',
  docs:
    'FROM should name a version (python:3.11-slim, node:18-alpine), not `latest` or no tag at all: ' +
    '`latest` moves, so the same Dockerfile builds a different image next month. ' +
    'Build ARGs in FROM are resolved with their defaults; references to earlier stages, scratch and digests are fine.',
  requires: needsDockerfileStages,
  check(input) {
    const out: Finding[] = [];
    for (const stage of input.stages) {
      const problem = unpinned(stage);
      if (!problem) continue;
      const range = stage.from.getImageRange() ?? stage.from.getRange();
      out.push(finding(baseImageTag, input, range.start, problem));
    }
    return out;
  },
});

function unpinned(stage: Stage): string | undefined {
  const { written, resolved, unresolved } = stage.image;
  if (written === '' || stage.parent !== undefined || resolved.toLowerCase() === 'scratch') return undefined;
  const ref = parseImageRef(resolved);
  if (ref.digest) return undefined;
  const name = ref.name.slice(ref.name.lastIndexOf('/') + 1);
  const example = examples[name] ?? `${ref.name}:<version>`;
  const shown = written === resolved ? `"${written}"` : `"${written}" (resolved: "${resolved}")`;
  if (unresolved.length > 0) {
    const args = unresolved.map((u) => `ARG ${u}`).join(', ');
    return `base image "${written}" depends on ${args} with no default, so a plain docker build has no version to use; give it one before FROM, e.g. ARG ${unresolved[0]}=<version>`;
  }
  if (ref.tag === undefined || ref.tag === '') {
    return `base image ${shown} has no tag, so it means ${ref.name}:latest; name a version, e.g. ${example}`;
  }
  if (ref.tag.toLowerCase() === 'latest') {
    return `base image ${shown} has no pinned version; name one, e.g. ${example}`;
  }
  return undefined;
}
