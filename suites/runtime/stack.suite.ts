import { describe, inject } from 'vitest';
import { gradeCriterion } from '../../helpers/criterion.js';
import { loginChecksPassword, registerCreatesUser, rocksNeedToken } from '../../helpers/probes/auth.js';
import { probeContext, type ProbeContext } from '../../helpers/probes/context.js';
import { apiReachesDatabase, clientReachesApi } from '../../helpers/probes/network.js';
import { outsideCannotResolve } from '../../helpers/probes/outsider.js';
import { dataSurvivesRecreate } from '../../helpers/probes/persistence.js';
import { createdRockListed, onlyOwnerDeletes, rocksInCourseShape } from '../../helpers/probes/rocks.js';
import { seededContent, seededRowCounts } from '../../helpers/probes/seed.js';
import { ApiSession } from '../../helpers/probes/session.js';

/**
 * The checks of the running stack, in one file because their order
 * matters: the seed is counted before the api checks add rows, and the
 * database container is recreated last.
 */
const runtime = inject('grading').profile.runtime;
const http = (n: number) => ({ timeout: runtime.httpTimeoutSeconds * 1000 * n + 30_000 });
const boot = { timeout: runtime.bootTimeoutSeconds * 1000 + 120_000 };

let session: ApiSession | undefined;
const withSession = <T>(fn: (ctx: ProbeContext, s: ApiSession) => T) => () => {
  const ctx = probeContext();
  session ??= new ApiSession(ctx);
  return fn(ctx, session);
};

describe('runtime: the running stack', () => {
  describe('seeded database', () => {
    gradeCriterion('RC-RT003', () => seededRowCounts(probeContext()), {
      ...http(1),
      docs: "Once the api has started (and run its seed script), each table holds the profile's number of rows: 2 users, 2 tokens, 5 types, 3 rocks.",
    });
    gradeCriterion('RC-RT004', () => seededContent(probeContext()), {
      ...http(1),
      docs: "The seeded rows are the course's: the five type labels, each rock's weight, owner and type, each fixture token's user.",
    });
  });

  describe('api', () => {
    gradeCriterion('RC-RT005', withSession(rocksNeedToken), {
      ...http(1),
      docs: 'GET /rocks without an Authorization header is refused with 401 and DRF\'s {"detail": ...} body (TokenAuthentication, IsAuthenticated).',
    });
    gradeCriterion('RC-RT006', withSession(rocksInCourseShape), {
      ...http(1),
      docs: 'GET /rocks with a fixture token lists the seeded rocks as {id, name, weight (a string such as "1.30"), type: {label}, user: {first_name, last_name}}.',
    });
    gradeCriterion('RC-RT007', withSession(registerCreatesUser), {
      ...http(2),
      docs: 'POST /register with {email, password, first_name, last_name} answers 200 {"token": ...}, and the user is in auth_user with that token.',
    });
    gradeCriterion('RC-RT008', withSession(loginChecksPassword), {
      ...http(3),
      docs: 'POST /login answers 200 {"valid": true, "token": ...} for the right password and 200 {"valid": false} for a wrong one.',
    });
    gradeCriterion('RC-RT009', withSession(createdRockListed), {
      ...http(8),
      docs: 'POST /rocks with {name, weight, typeId} (or type_id, type) answers 201, and GET /rocks?owner=current (or ?mine=true) lists the new rock and no other user\'s.',
    });
    gradeCriterion('RC-RT010', withSession(onlyOwnerDeletes), {
      ...http(8),
      docs: "DELETE /rocks/<id> of another user's rock is refused with 403; the owner's is answered 204.",
    });
  });

  describe('network', () => {
    gradeCriterion('RC-RT011', () => apiReachesDatabase(probeContext()), {
      timeout: 120_000,
      docs: "Inside the api container, the database's name (DB_HOST) resolves to the database container's address on the shared network, and its port accepts a connection.",
    });
    gradeCriterion('RC-RT012', () => clientReachesApi(probeContext()), {
      timeout: 120_000,
      docs: "Inside the client container, the api's name resolves to the api container.",
    });
    gradeCriterion('RC-RT013', () => outsideCannotResolve(probeContext()), {
      timeout: 120_000,
      docs: "A container outside the stack's network cannot resolve the stack's names to its containers: the containers find each other through the user-defined network's DNS only.",
    });
  });

  describe('persistence', () => {
    gradeCriterion('RC-RT014', () => dataSurvivesRecreate(probeContext()), {
      ...boot,
      docs: 'The database service keeps its data in a named volume: after its container is recreated (anonymous volumes renewed), the seeded rows are still there.',
    });
  });
});
