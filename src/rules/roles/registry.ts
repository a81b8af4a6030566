import { composeBrowserUrl } from './compose/browser-url.js';
import { composeBindHidesBuild } from './compose/bind-hides-build.js';
import { composeCommandArgs } from './compose/command-args.js';
import { composeDataMount } from './compose/data-mount.js';
import { composeDependsOn } from './compose/depends-on.js';
import { composeEnvNamesRole } from './compose/env-names-role.js';
import { composeEnvValues } from './compose/env-values.js';
import { composeHealthcheck } from './compose/healthcheck.js';
import { composeHostSafety } from './compose/host-safety.js';
import { composeNeo4jAuth } from './compose/neo4j-auth.js';
import { composeImageTag } from './compose/image-tag.js';
import { composeNamedVolume } from './compose/named-volume.js';
import { composeObsoleteVersion } from './compose/obsolete-version.js';
import { composePublishedPortListens } from './compose/published-port-listens.js';
import { composePublishedPorts } from './compose/published-ports.js';
import { composeRolesPresent } from './compose/roles-present.js';
import { composeSharedNetwork } from './compose/shared-network.js';
import { composeValid } from './compose/valid.js';
import { composeWaitsHealthy } from './compose/waits-healthy.js';
import { dockerfileBaseImageSupported } from './dockerfile/base-image-supported.js';
import { dockerfileCopyNotAdd } from './dockerfile/copy-not-add.js';
import { dockerfileDependenciesBeforeSource } from './dockerfile/dependencies-before-source.js';
import { dockerfileFinalStageFrom } from './dockerfile/final-stage-from.js';
import { dockerfilePresentAndParseable } from './dockerfile/present-and-parseable.js';
import { imageCommandRuns } from './image/command-runs.js';
import { imageEnv } from './image/env.js';
import { imageExposes } from './image/exposes.js';
import { imageHealthcheckRuns } from './image/healthcheck-runs.js';
import { imageNonRootUser } from './image/non-root-user.js';
import { pythonRequirements } from './python/requirements.js';
import type { RoleCheck } from './role-check.js';

const checks = [
  dockerfilePresentAndParseable,
  dockerfileBaseImageSupported,
  dockerfileCopyNotAdd,
  dockerfileDependenciesBeforeSource,
  dockerfileFinalStageFrom,
  imageExposes,
  imageEnv,
  imageCommandRuns,
  imageNonRootUser,
  imageHealthcheckRuns,
  pythonRequirements,
  composeValid,
  composeRolesPresent,
  composePublishedPorts,
  composePublishedPortListens,
  composeBrowserUrl,
  composeNamedVolume,
  composeSharedNetwork,
  composeCommandArgs,
  composeDataMount,
  composeNeo4jAuth,
  composeBindHidesBuild,
  composeHostSafety,
  composeObsoleteVersion,
  composeHealthcheck,
  composeWaitsHealthy,
  composeDependsOn,
  composeEnvNamesRole,
  composeEnvValues,
  composeImageTag,
] as RoleCheck<never>[];

/** Every generic check, by the name a profile's criterion gives in `check:`. */
export const roleChecks: Record<string, RoleCheck<never>> = Object.fromEntries(checks.map((c) => [c.name, c]));
