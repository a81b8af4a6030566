import type { RuleFamily } from '../rule.js';
import { aptListsRemoved } from './apt-lists-removed.js';
import { baseImageTag } from './base-image-tag.js';
import { copyNotAdd } from './copy-not-add.js';
import { dependenciesBeforeSource } from './dependencies-before-source.js';
import { envFileInImage } from './env-file-in-image.js';
import { dockerfileInputs, type DockerfileInput } from './input.js';
import { noBakedSecrets } from './no-baked-secrets.js';
import { portExposed } from './port-exposed.js';
import { presentAndParseable } from './present-and-parseable.js';
import { seedBeforeServer } from './seed-before-server.js';
import { serverListensOnAllInterfaces } from './server-listens-on-all-interfaces.js';

export type { DockerfileInput } from './input.js';

/**
 * The Dockerfile checks (RC-DF…), run on the api's and the client's
 * Dockerfile. Check names: Dockerfile practice is `dockerfile/…`
 * (present-and-parseable, base-image-tag, dependencies-before-source,
 * copy-not-add, no-baked-secrets, port-exposed,
 * server-listens-on-all-interfaces, apt-lists-removed, env-file-in-image);
 * the seed Rock of Ages runs before its server is
 * `rock-of-ages/seed-before-server`.
 */
export const dockerfileFamily: RuleFamily<DockerfileInput> = {
  area: 'dockerfile',
  rules: [
    presentAndParseable,
    baseImageTag,
    dependenciesBeforeSource,
    copyNotAdd,
    noBakedSecrets,
    portExposed,
    serverListensOnAllInterfaces,
    seedBeforeServer,
    aptListsRemoved,
    envFileInImage,
  ],
  notApplicable(sub) {
    return sub.components.api || sub.components.client ? undefined : 'no api or client component found, so there is no Dockerfile to check';
  },
  inputs: dockerfileInputs,
};
