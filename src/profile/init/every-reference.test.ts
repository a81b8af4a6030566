import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { materialize } from '../../../test/support/materialize.js';
import { runCommand } from '../../cli/run-command.js';
import { memoryIo } from '../../cli/test-io.js';
import type { Report } from '../../report/report.js';
import { loadProfile } from '../load.js';
import type { RoleProfile } from '../profile.js';

/**
 * `profile init` on every built-in assignment's reference solution (the good
 * fixture of each profile that has a compose file): the draft loads, the
 * reference passes it (graded statically here), and a copy with one defect
 * the reference's own facts reveal scores lower.
 */
const references = ['good', 'nginx-flask-postgres/good', 'react-flask-postgres/good', 'fastapi-neo4j-todo/good'];
const scratch = await mkdtemp(join(tmpdir(), 'rc-profile-every-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function cli(argv: string[]) {
  const io = memoryIo({ cwd: scratch });
  return { code: await runCommand(argv, io), out: io.out, err: io.err };
}

async function staticGrade(dir: string, profile: string): Promise<Report> {
  const r = await cli([dir, '--profile', profile, '--static', '--json', '--no-out']);
  return JSON.parse(r.out) as Report;
}

/** The reference's compose file with one defect its draft grades: a private role publishing its port, else a data volume removed. */
function withDefect(compose: string, draft: RoleProfile): { text: string; check: string } {
  const doc = parseDocument(compose);
  const serviceOf = (role: string) => draft.stack.roles[role].match.names![0];
  const ports = draft.criteria.find((c) => c.check === 'compose/published-ports')?.params as { private?: string[] } | undefined;
  const role = ports?.private?.[0];
  if (role !== undefined) {
    doc.setIn(['services', serviceOf(role), 'ports'], doc.createNode([`${draft.stack.roles[role].port ?? 80}`]));
    return { text: doc.toString(), check: 'compose/published-ports' };
  }
  const mount = draft.criteria.find((c) => c.check === 'compose/data-mount')?.params as { role: string } | undefined;
  expect(mount, 'the draft grades a published port or a data volume').toBeDefined();
  doc.deleteIn(['services', serviceOf(mount!.role), 'volumes']);
  return { text: doc.toString(), check: 'compose/data-mount' };
}

describe.each(references)('profile init on the reference %s', (fixture) => {
  it('drafts a profile that profile check accepts, that the reference passes, and that scores a defect copy lower', async () => {
    await using ref = await materialize(fixture);
    const file = join(scratch, `${fixture.replace(/\//g, '_')}.yaml`);
    const init = await cli(['profile', 'init', ref.dir, '--out', file]);
    expect(init.code, init.err).toBe(0);
    const draft = loadProfile(file) as RoleProfile;
    expect(draft.kind).toBe('roles');
    expect(draft.criteria.length).toBeGreaterThan(8);

    const checked = await cli(['profile', 'check', file, ref.dir, '--static']);
    expect(checked.out).toMatch(/fair: the reference passes every required criterion\n$/);
    expect(checked.code).toBe(0);

    await using copy = await materialize(fixture);
    const composeFile = join(copy.dir, 'docker-compose.yml');
    const defect = withDefect(await readFile(composeFile, 'utf8'), draft);
    await writeFile(composeFile, defect.text);
    const [good, bad] = [await staticGrade(ref.dir, file), await staticGrade(copy.dir, file)];
    expect(good.status).toBe('pass');
    expect(bad.score.earned).toBeLessThan(good.score.earned);
    const failing = bad.criteria.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failing).toContain(draft.criteria.find((c) => c.check === defect.check)!.id);
  }, 180_000);
});
