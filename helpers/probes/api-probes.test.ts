import { describe, expect, it } from 'vitest';
import { fakeSubmission } from '../../src/model/fake-submission.js';
import { renderFinding } from '../../src/model/finding.js';
import { defaultProfile } from '../../src/profile/load.js';
import type { RuntimeInfo } from '../stack/runtime-info.js';
import { loginChecksPassword, rocksNeedToken } from './auth.js';
import { need, type ProbeContext } from './context.js';
import { createdRockListed, onlyOwnerDeletes, rocksInCourseShape } from './rocks.js';
import { said } from './http.js';
import { ApiSession } from './session.js';
import { startStubApi, type StubBehaviour } from './stub-api.js';

const profile = defaultProfile();

function context(port: number | undefined, over: Partial<RuntimeInfo> = {}): ProbeContext {
  return {
    grading: {
      submission: fakeSubmission({ files: { 'rock-of-ages-api/manage.py': '' }, components: { api: 'rock-of-ages-api' } }),
      profile,
      mode: 'full',
      runId: 'probe1',
      options: { keepImages: false },
    },
    runtime: {
      runId: 'probe1',
      mode: 'network',
      host: '127.0.0.1',
      stackFile: 'rock-of-ages-api',
      build: { ok: true, seconds: 0, findings: [], images: [] },
      boot: { ok: true, seconds: 0, findings: [] },
      components: {
        database: { role: 'database', names: ['postgres-db'], ready: true },
        api: { role: 'api', names: ['api'], ready: port !== undefined, hostPort: port, port: 8000 },
      },
      ...over,
    },
  };
}

async function withStub<T>(behaviour: StubBehaviour, fn: (ctx: ProbeContext, s: ApiSession) => Promise<T>): Promise<T> {
  const stub = await startStubApi(profile, behaviour);
  try {
    const ctx = context(stub.port);
    return await fn(ctx, new ApiSession(ctx));
  } finally {
    await stub.close();
  }
}

const lines = (fs: { ruleId: string; file: string; message: string }[]) => fs.map((f) => renderFinding({ ...f, severity: 'error' }));

describe('api probes against a stand-in api', () => {
  it('pass a submission that follows the contract', async () => {
    await withStub({}, async (ctx, s) => {
      expect(await rocksNeedToken(ctx, s)).toEqual([]);
      expect(await rocksInCourseShape(ctx, s)).toEqual([]);
      expect(await loginChecksPassword(ctx, s)).toEqual([]);
      expect(await createdRockListed(ctx, s)).toEqual([]);
      expect(await onlyOwnerDeletes(ctx, s)).toEqual([]);
    });
  });

  it('accept the variants the course accepts: another create key, camelCase user names', async () => {
    await withStub({ createKey: 'type_id', camelCaseUser: true }, async (ctx, s) => {
      expect(await rocksInCourseShape(ctx, s)).toEqual([]);
      expect(await createdRockListed(ctx, s)).toEqual([]);
      expect(s.createKey).toBe('type_id');
      expect(await onlyOwnerDeletes(ctx, s)).toEqual([]);
    });
  });

  it('say what was requested, what came back and what was expected', async () => {
    await withStub({ openRocks: true }, async (ctx, s) => {
      const [f] = await rocksNeedToken(ctx, s);
      expect(f.message).toMatch(/^GET \/rocks without a token returned 200 \[\{"id":1,"name":"Ernestina".*; expected 401 with \{"detail": "Authentication credentials were not provided."\}$/);
      expect(f.hint).toMatch(/IsAuthenticated/);
    });
    await withStub({ sessionAuthFirst: true }, async (ctx, s) => {
      expect((await rocksNeedToken(ctx, s))[0].hint).toMatch(/TokenAuthentication the only/);
    });
  });

  it('never print a token in full', async () => {
    await withStub({}, async (ctx, s) => {
      const r = await s.register();
      const x = await s.api.post(ctx.grading.profile.routes.login, { who: 'again' }, { email: r.email, password: r.password });
      expect(said(x)).not.toContain(r.token);
      expect(said(x)).toMatch(/"token":"t\*+\d"/);
    });
  });

  it('grade login per the contract: a wrong password is 200 {"valid": false}', async () => {
    await withStub({ loginFailsWith401: true }, async (ctx, s) => {
      const found = await loginChecksPassword(ctx, s);
      expect(lines(found)).toEqual(['rock-of-ages-api: POST /login with a wrong password returned 401 {"valid":false}; expected 200 with {"valid": false} [RC-RT008]']);
    });
  });

  it('flag a weight that is not a string', async () => {
    await withStub({ numericWeight: true }, async (ctx, s) => {
      const found = await rocksInCourseShape(ctx, s);
      expect(found).toHaveLength(3);
      expect(found[0].message).toContain('weight 1.3 is not a decimal string like "1.30"');
    });
  });

  it('flag an owner filter that lists everyone', async () => {
    await withStub({ ignoreOwnerFilter: true }, async (ctx, s) => {
      const [f] = await createdRockListed(ctx, s);
      expect(f.message).toMatch(/^the new rock was created \(201\) but no owner filter lists only the caller's rocks: GET \/rocks\?owner=current listed \d+ rock\(s\), including other users' rocks; GET \/rocks\?mine=true listed/);
    });
  });

  it('flag a delete without ownership check', async () => {
    await withStub({ deleteAnyone: true }, async (ctx, s) => {
      const found = await onlyOwnerDeletes(ctx, s);
      expect(found).toHaveLength(1);
      expect(found[0].message).toMatch(/^DELETE \/rocks\/\d+ with the token of a second user rock-check registered returned 204 \(empty body\) for a rock another user owns; expected 403$/);
      expect(found[0].hint).toMatch(/request.auth.user/);
    });
  });

  it('fall back to the fixture users when registering fails, and say so where it matters', async () => {
    await withStub({ registerStatus: 400 }, async (ctx, s) => {
      expect(await createdRockListed(ctx, s)).toEqual([]);
      expect(await onlyOwnerDeletes(ctx, s)).toEqual([]);
      expect(lines(await loginChecksPassword(ctx, s))).toEqual([
        'rock-of-ages-api: cannot be checked: registering a user failed (see RC-RT007): POST /register with a new user\'s details returned 400 {"message":"nope"} [RC-RT008]',
      ]);
    });
  });

  it('fail, pointing at the boot failure, when the api is not running', async () => {
    const ctx = context(undefined);
    ctx.runtime.components.api = { role: 'api', names: ['api'], ready: false, problem: 'it exited with code 1' };
    const s = new ApiSession(ctx);
    expect(lines(await rocksNeedToken(ctx, s))).toEqual([
      'rock-of-ages-api: cannot be checked: the api is not running (it exited with code 1; see RC-RT002) [RC-RT005]',
    ]);
  });
});

const findingsOf = (r: ReturnType<typeof need>) => (r.ok ? [] : r.findings);

describe('need', () => {
  it('names the missing parts and the criterion that explains them', () => {
    const refused = context(undefined, { boot: { ok: false, seconds: 0, findings: [], refused: true }, components: {} });
    expect(lines(findingsOf(need(refused, 'RC-RT011', ['api', 'database'])))).toEqual([
      'rock-of-ages-api: cannot be checked: the api and the database are not running (rock-check refused to start the stack; see RC-RT002) [RC-RT011]',
    ]);
    const unbuilt = context(undefined, { build: { ok: false, seconds: 0, findings: [], images: [] } });
    unbuilt.runtime.components.api = { role: 'api', names: [], ready: false, problem: 'its image did not build' };
    expect(lines(findingsOf(need(unbuilt, 'RC-RT003', ['database', 'api'])))).toEqual([
      'rock-of-ages-api: cannot be checked: the api is not running (its image did not build; see RC-RT001) [RC-RT003]',
    ]);
    expect(need(context(1), 'RC-RT003', ['database', 'api']).ok).toBe(true);
  });
});
