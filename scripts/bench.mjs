#!/usr/bin/env node
// Benchmark: grades the good fixture several times with rock-check and, in the
// same command, runs a baseline doing the same work by hand; prints both
// medians and their ratio.
//
//   npm run bench                  runtime: rock-check on the api repository vs scripts/bench-baseline.sh
//   npm run bench -- --static      static: rock-check --static on the course folder vs `docker compose config -q`
//   npm run bench -- --batch       a class: rock-check batch vs a shell loop of single gradings (scripts/bench-batch.mjs)
//   npm run bench -- --runs 5
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { static: { type: 'boolean' }, batch: { type: 'boolean' }, runs: { type: 'string' } } });
const runs = Number(values.runs ?? (values.static ? 7 : 3));

function timed(label, cmd, args, okCodes = [0]) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!okCodes.includes(r.status)) {
    process.stderr.write(`${label} exited ${r.status}\n${r.stdout}\n${r.stderr}\n`);
    process.exit(1);
  }
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

timed('build', 'npm', ['run', '--silent', 'build']);
if (values.batch) {
  await (await import('./bench-batch.mjs')).benchBatch(root, timed);
  process.exit(0);
}
const cli = ['bin/rock-check.js', '--no-out', '--json'];
const cases = values.static
  ? {
      subject: ['rock-check --static fixtures/good', 'node', [...cli, '--static', 'fixtures/good']],
      baseline: ['docker compose config -q (fixtures/good)', 'docker', ['compose', '-f', 'fixtures/good/docker-compose.yml', 'config', '-q']],
    }
  : {
      subject: ['rock-check fixtures/good/rock-of-ages-api', 'node', [...cli, 'fixtures/good/rock-of-ages-api']],
      baseline: ['scripts/bench-baseline.sh fixtures/good/rock-of-ages-api', 'bash', ['scripts/bench-baseline.sh', 'fixtures/good/rock-of-ages-api']],
    };

const times = { subject: [], baseline: [] };
for (let i = 0; i < runs; i++) {
  for (const key of ['baseline', 'subject']) {
    const [label, cmd, args] = cases[key];
    const ms = timed(label, cmd, args);
    times[key].push(ms);
    process.stderr.write(`run ${i + 1}/${runs} ${key}: ${(ms / 1000).toFixed(2)} s\n`);
  }
}
const s = median(times.subject);
const b = median(times.baseline);
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
process.stdout.write(
  [
    `runs: ${runs} each, interleaved`,
    `subject   ${cases.subject[0]}: median ${fmt(s)} (${times.subject.map(fmt).join(', ')})`,
    `baseline  ${cases.baseline[0]}: median ${fmt(b)} (${times.baseline.map(fmt).join(', ')})`,
    `ratio     subject / baseline = ${(s / b).toFixed(2)}`,
    '',
  ].join('\n'),
);
