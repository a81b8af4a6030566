import { ownFailure, profileUnderTest, runtimeVerdicts, staticVerdicts } from './support/profile-verdicts.js';

/**
 * nginx + Flask + PostgreSQL notes, graded through the CLI with
 * `--profile nginx-flask-postgres`: every fixture statically, the full-mode
 * ones (the correct submission and the runtime defects) with the stack
 * booted and reached through the web server's published port only. Each
 * fails exactly the criteria its fixture.yaml names; a fixture that fails
 * nothing earns every point.
 */
const profile = profileUnderTest('nginx-flask-postgres');

staticVerdicts(profile, {
  also(expect, v) {
    // The course document's own defects fail naming the fix.
    const healthcheck = ownFailure(v.report, 'NF-CO006');
    if (healthcheck !== undefined) expect(healthcheck).toMatch(/pg_isready/);
    const waits = ownFailure(v.report, 'NF-CO007');
    if (waits !== undefined) expect(waits).toMatch(/condition: service_healthy/);
    const tag = ownFailure(v.report, 'NF-CO012');
    if (tag !== undefined) expect(tag).toMatch(/image: postgres:<version>/);
  },
});

runtimeVerdicts(profile, {
  warm: { 'rock-check-test-warm:nginx-flask-postgres-api': 'good/api' },
  engineWide: true,
  also(expect, v) {
    // A proxy that rewrites the path fails the health route with a hint about proxy_pass.
    const health = ownFailure(v.report, 'NF-RT004');
    if (health !== undefined) expect(health).toMatch(/proxy_pass http:\/\/api:5000;/);
    // A note the api lists but never stores fails on the SQL count, with a hint about the table.
    const stored = ownFailure(v.report, 'NF-RT005');
    if (stored?.startsWith('SQL on')) expect(stored).toMatch(/FROM notes[\s\S]*the table notes/);
  },
});
