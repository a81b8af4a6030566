import { runCommand } from './run-command.js';

process.exitCode = await runCommand(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
  columns: process.stderr.isTTY ? process.stderr.columns : undefined,
  cwd: process.cwd(),
});
