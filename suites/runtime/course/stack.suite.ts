import { beforeAll, describe, inject } from 'vitest';
import { gradeCourseCheck } from '../../../helpers/course-check.js';
import { loginChecksPassword, registerCreatesUser, rocksNeedToken } from '../../../helpers/probes/auth.js';
import { probeContext, type ProbeContext } from '../../../helpers/probes/context.js';
import { apiReachesDatabase, clientReachesApi } from '../../../helpers/probes/network.js';
import { outsideCannotResolve } from '../../../helpers/probes/outsider.js';
import { dataSurvivesRecreate } from '../../../helpers/probes/persistence.js';
import { createdRockListed, onlyOwnerDeletes, rocksInCourseShape } from '../../../helpers/probes/rocks.js';
import { seededContent, seededRowCounts } from '../../../helpers/probes/seed.js';
import { ApiSession } from '../../../helpers/probes/session.js';
import { criterionFor, isCourseProfile } from '../../../src/profile/profile.js';
import type { CourseProbe } from '../../../src/rules/course-checks.js';

/**
 * The checks of the running stack, in one file because their order
 * matters: the seed is counted before the api checks add rows, and the
 * database container is recreated last. The network checks only look
 * (inside the containers, and from a container outside): they start with
 * the suite and run beside the others.
 */
const { profile } = inject('grading');
const runtime = profile.runtime;
const http = (n: number) => ({ timeout: runtime.httpTimeoutSeconds * 1000 * n + 30_000 });
const boot = { timeout: runtime.bootTimeoutSeconds * 1000 + 120_000 };

let session: ApiSession | undefined;
const withSession = <T>(fn: (ctx: ProbeContext, s: ApiSession) => T) => () => {
  const ctx = probeContext();
  session ??= new ApiSession(ctx);
  return fn(ctx, session);
};

/** The probe of a check the profile grades, started before the suite's first test; its test awaits it. */
function startedEarly<T>(check: CourseProbe, probe: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  beforeAll(() => {
    if (!isCourseProfile(profile) || !criterionFor(profile, check)) return;
    running = probe();
    running.catch(() => undefined);
  });
  return () => running ?? probe();
}

describe('runtime: the running stack', () => {
  const reachesDatabase = startedEarly('rock-of-ages/api-reaches-database', async () => apiReachesDatabase(probeContext()));
  const reachesApi = startedEarly('rock-of-ages/client-reaches-api', async () => clientReachesApi(probeContext()));
  const outsideBlind = startedEarly('rock-of-ages/outside-cannot-resolve', async () => outsideCannotResolve(probeContext()));

  describe('seeded database', () => {
    gradeCourseCheck('rock-of-ages/seeded-row-counts', () => seededRowCounts(probeContext()), {
      ...http(1),
      docs: "Once the api has started (and run its seed script), each table holds the profile's number of rows: 2 users, 2 tokens, 5 types, 3 rocks.",
    });
    gradeCourseCheck('rock-of-ages/seeded-content', () => seededContent(probeContext()), {
      ...http(1),
      docs: "The seeded rows are the course's: the five type labels, each rock's weight, owner and type, each fixture token's user.",
    });
  });

  describe('api', () => {
    gradeCourseCheck('rock-of-ages/rocks-need-token', withSession(rocksNeedToken), {
      ...http(1),
      docs: 'GET /rocks without an Authorization header is refused with 401 and DRF\'s {"detail": ...} body (TokenAuthentication, IsAuthenticated).',
    });
    gradeCourseCheck('rock-of-ages/rocks-in-course-shape', withSession(rocksInCourseShape), {
      ...http(1),
      docs: 'GET /rocks with a fixture token lists the seeded rocks as {id, name, weight (a string such as "1.30"), type: {label}, user: {first_name, last_name}}.',
    });
    gradeCourseCheck('rock-of-ages/register-creates-user', withSession(registerCreatesUser), {
      ...http(2),
      docs: 'POST /register with {email, password, first_name, last_name} answers 200 {"token": ...}, and the user is in auth_user with that token.',
    });
    gradeCourseCheck('rock-of-ages/login-checks-password', withSession(loginChecksPassword), {
      ...http(3),
      docs: 'POST /login answers 200 {"valid": true, "token": ...} for the right password and 200 {"valid": false} for a wrong one.',
    });
    gradeCourseCheck('rock-of-ages/created-rock-listed', withSession(createdRockListed), {
      ...http(8),
      docs: 'POST /rocks with {name, weight, typeId} (or type_id, type) answers 201, and GET /rocks?owner=current (or ?mine=true) lists the new rock and no other user\'s.',
    });
    gradeCourseCheck('rock-of-ages/only-owner-deletes', withSession(onlyOwnerDeletes), {
      ...http(8),
      docs: "DELETE /rocks/<id> of another user's rock is refused with 403; the owner's is answered 204.",
    });
  });

  describe('network', () => {
    gradeCourseCheck('rock-of-ages/api-reaches-database', reachesDatabase, {
      timeout: 120_000,
      docs: "Inside the api container, the database's name (DB_HOST) resolves to the database container's address on the shared network, and its port accepts a connection.",
    });
    gradeCourseCheck('rock-of-ages/client-reaches-api', reachesApi, {
      timeout: 120_000,
      docs: "Inside the client container, the api's name resolves to the api container.",
    });
    gradeCourseCheck('rock-of-ages/outside-cannot-resolve', outsideBlind, {
      timeout: 120_000,
      docs: "A container outside the stack's network cannot resolve the stack's names to its containers: the containers find each other through the user-defined network's DNS only.",
    });
  });

  describe('persistence', () => {
    gradeCourseCheck('rock-of-ages/data-survives-recreate', () => dataSurvivesRecreate(probeContext()), {
      ...boot,
      docs: 'The database service keeps its data in a named volume: after its container is recreated (anonymous volumes renewed), the seeded rows are still there.',
    });
  });
});
