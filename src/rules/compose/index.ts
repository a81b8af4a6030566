import type { RuleFamily } from '../rule.js';
import { apiDbHost } from './api-db-host.js';
import { apiWaitsForDb } from './api-waits-for-db.js';
import { clientService } from './client-service.js';
import { dbNamedVolume } from './db-named-volume.js';
import { envFilePaths } from './env-file-paths.js';
import { noHostileSettings } from './hostile-settings.js';
import { composeDemanded } from './course-folder.js';
import { composeInput, type ComposeInput } from './input.js';
import { obsoleteVersion } from './obsolete-version.js';
import { postgresService } from './postgres-service.js';
import { validSchema } from './valid-schema.js';

export type { ComposeInput } from './input.js';
export { composeInput } from './input.js';
export { composeRoles, type ServiceRoles } from './roles.js';
export { hostileSettings } from './hostile.js';

/**
 * Checks of the submission's compose file (RC-CO001..RC-CO009). Check names:
 * what any compose file is held to is `compose/…` (valid, env-file-paths,
 * host-safety, obsolete-version); what reads Rock of Ages' database, api and
 * client services is `rock-of-ages/…` (db-healthcheck, api-waits-for-db,
 * api-db-host, db-named-volume, client-service).
 */
export const composeFamily: RuleFamily<ComposeInput> = {
  area: 'compose',
  rules: [
    validSchema,
    postgresService,
    apiWaitsForDb,
    apiDbHost,
    dbNamedVolume,
    clientService,
    envFilePaths,
    noHostileSettings,
    obsoleteVersion,
  ],
  notApplicable(sub) {
    return sub.compose === undefined && !composeDemanded(sub) ? 'no compose file: graded as separate containers' : undefined;
  },
  /** The compose file; in the course folder also when it is missing, which RC-CO001 reports and the others cascade from. */
  inputs(sub, profile) {
    return sub.compose === undefined && !composeDemanded(sub) ? [] : [composeInput(sub, profile)];
  },
};
