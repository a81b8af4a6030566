import { runAction } from './run-action.js';

process.exitCode = await runAction({ env: process.env, stdout: (t) => process.stdout.write(t) });
