/** Paths of the good fixture and groups of criteria the tables name. */
export const API = 'rock-of-ages-api';
export const CLIENT = 'rock-of-ages-client';
export const COMPOSE = 'docker-compose.yml';
export const DEPLOY = `${API}/.github/workflows/deploy.yml`;
export const BUILD = `${API}/.github/workflows/testBuildPush.yml`;
export const SETTINGS = `${API}/rockproject/settings.py`;
export const FIXTURES = `${API}/rockapi/fixtures`;

const ids = (prefix: string, numbers: number[]) => numbers.map((n) => `RC-${prefix}${String(n).padStart(3, '0')}`);

/** Every Dockerfile criterion: the file itself is gone. */
export const DOCKERFILE = ids('DF', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
/** A Dockerfile without FROM: RC-DF001 says so, every criterion that follows the stages cannot be checked; RC-DF005 reads only ENV and ARG. */
export const NO_STAGE = ids('DF', [1, 2, 3, 4, 6, 7, 8, 9, 10]);
/** The same for the client, whose Dockerfile RC-DF008 does not judge. */
export const CLIENT_NO_STAGE = ids('DF', [1, 2, 3, 4, 6, 7, 9, 10]);
export const EVERY_COMPOSE = ids('CO', [1, 2, 3, 4, 5, 6, 7, 8, 9]);
/** What the deploy's SSM commands feed: the JSON of --parameters, its quoting, the container's settings, -d and the login. */
export const SSM = ids('WF', [6, 7, 10, 11, 12]);
