import type { RuleFamily } from '../rule.js';
import { committedEnvSecrets } from './committed-env-secrets.js';
import { envExampleKeys } from './env-example-keys.js';
import { envInlineComments } from './env-inline-comments.js';
import { fixtureCounts } from './fixture-counts.js';
import { gitignoreEnv } from './gitignore-env.js';
import { configInputs, type ConfigInput } from './input.js';
import { localSslmode } from './local-sslmode.js';
import { postgresDriver } from './postgres-driver.js';
import { seedScriptFile } from './seed-script-file.js';
import { seedScriptSteps } from './seed-script-steps.js';
import { settingsDatabase } from './settings-database.js';
import { sslmodeNotHardCoded } from './sslmode.js';

/**
 * Configuration of the api: settings.py, env files, .gitignore, dependencies,
 * seed script and fixtures. Every check reads Rock of Ages' course packs, so
 * each is named `rock-of-ages/…`: settings-database, sslmode-not-required,
 * no-committed-env-secrets, env-example-keys, gitignore-env, postgres-driver,
 * seed-script-file, seed-script-steps, fixture-rows, env-inline-comments,
 * local-sslmode.
 */
export const configFamily: RuleFamily<ConfigInput> = {
  area: 'config',
  rules: [
    settingsDatabase,
    sslmodeNotHardCoded,
    committedEnvSecrets,
    envExampleKeys,
    gitignoreEnv,
    postgresDriver,
    seedScriptFile,
    seedScriptSteps,
    fixtureCounts,
    envInlineComments,
    localSslmode,
  ],
  notApplicable(sub) {
    return sub.components.api ? undefined : 'no api component was found, so there is no api configuration to check';
  },
  inputs: configInputs,
};
