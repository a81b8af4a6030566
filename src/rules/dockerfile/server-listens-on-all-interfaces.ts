import { posix } from 'node:path';
import type { Finding } from '../../model/finding.js';
import { defineRule, type Rule } from '../rule.js';
import { basename, shownCommands } from './command.js';
import { at, finding, findingAtCommand, findingInFile } from './findings.js';
import type { DockerfileInput } from './input.js';
import { needsReadableStartCommand } from './requires.js';
import { findApiServer, findFileServer, findScriptRun, findViteServer, listensEverywhere, packageScript, viteListen, type Listen } from './servers.js';
import { startCommand, type StartCommand } from './start-command.js';
import type { StartScript } from './start-script.js';
import { finalChain, parseImageRef } from './stages.js';

export const serverListensOnAllInterfaces: Rule<DockerfileInput> = defineRule({
  id: 'RC-DF007',
  name: 'dockerfile/server-listens-on-all-interfaces',
  title: 'Server bound to 0.0.0.0',
  severity: 'error',
  docs:
    'Inside a container, a server that listens on 127.0.0.1 (localhost) cannot be reached through the ' +
    'port mapping. The api\'s CMD must run `python manage.py runserver 0.0.0.0:8000` (gunicorn `--bind 0.0.0.0:8000`, ' +
    'uvicorn `--host 0.0.0.0`); the client must start Vite with `--host` (`npm run dev -- --host 0.0.0.0 --port 3000`, ' +
    'or `vite --host` in package.json\'s dev script). The image must have a CMD that starts the server: a CMD that ' +
    'starts no server rock-check recognises (`sleep infinity`, only the seed script, a package.json script that is ' +
    'not Vite or that package.json does not have) fails, since where it listens cannot be told. A CMD that runs a ' +
    'shell script of the submission (`./start.sh`, `sh start.sh`, an ENTRYPOINT script ending in `exec "$@"`) is judged ' +
    'by the commands of that script (one level of scripts is read); the script must have LF line endings.',
  requires: needsReadableStartCommand,
  check(input) {
    const start = startCommand(input);
    if (!start) {
      if (input.role === 'client' && servesItself(input)) return [];
      const example =
        input.role === 'api'
          ? `CMD ["pipenv", "run", "bash", "-c", "./${input.profile.seed.script} && python manage.py runserver 0.0.0.0:${input.port}"]`
          : `CMD ["npm", "run", "dev", "--", "--host", "0.0.0.0", "--port", "${input.port}"]`;
      const last = input.stages[input.stages.length - 1];
      return [finding(serverListensOnAllInterfaces, input, at(last.from), `the final image has no CMD, so the container does not start the ${input.role} server; add one, e.g. ${example}`)];
    }
    const judged = input.role === 'api' ? checkApi(input, start) : checkClient(input, start);
    return [...start.scripts.flatMap((s) => crlfFinding(input, s)), ...judged];
  },
});

/** A start script with CRLF line endings: the shell reads a stray `\r` at the end of every line (`/bin/bash\r`, `0.0.0.0:8000\r`). */
function crlfFinding(input: DockerfileInput, script: StartScript): Finding[] {
  if (!script.crlf || !script.file) return [];
  const name = posix.basename(script.file.path);
  return [
    findingInFile(
      serverListensOnAllInterfaces,
      input,
      script.file.path,
      script.crlf,
      `${script.file.shown} has Windows line endings: the shell reads a stray \\r at the end of each line, so its commands fail and the server does not start; convert it to LF (dos2unix ${name}, or set your editor to LF)`,
    ),
  ];
}

function checkApi(input: DockerfileInput, start: StartCommand): Finding[] {
  const commands = start.commands;
  const server = findApiServer(commands);
  if (!server) return [finding(serverListensOnAllInterfaces, input, at(start.instruction), noApiServer(input, start))];
  const place = (message: string) => findingAtCommand(serverListensOnAllInterfaces, input, start, server.index, message);
  const out: Finding[] = [];
  const listens = server.listens;
  const fix = fixFor(server.kind, input.port);
  if (!listens.some(listensEverywhere)) {
    const l = listens[0];
    const how = l.explicit ? `binds ${l.host}` : `has no ${addressOption[server.kind]}, so it listens on ${l.host} only`;
    out.push(place(`${server.display} ${how}, which is unreachable from outside the container; listen on every interface: ${fix}`));
  }
  const wrongPort = listens.find((l) => listensEverywhere(l) && l.port !== undefined && l.port !== String(input.port));
  if (wrongPort && !listens.some((l) => l.port === undefined || l.port === String(input.port))) {
    out.push(place(`${server.display} listens on port ${wrongPort.port}, but the api must listen on ${input.port}; use ${fix}`));
  }
  return out;
}

/** What the api's start command runs instead of an api server, and the course's CMD. */
function noApiServer(input: DockerfileInput, start: StartCommand): string {
  const commands = start.commands;
  const expected = `the course's CMD seeds the database, then starts Django's server on every interface: ./${input.profile.seed.script} && python manage.py runserver 0.0.0.0:${input.port}`;
  const files = findFileServer(commands);
  if (files) return `${files.display}${boundLocally(files.listen)} serves files, not the api; ${expected}`;
  return (
    `${whatRuns(start)} and starts no api server rock-check recognises ` +
    `(python manage.py runserver, gunicorn, uvicorn), so nothing answers on port ${input.port}; ${expected}`
  );
}

/** `CMD runs ./start.sh (start.sh runs ./seed_database.sh; sleep infinity)`: the commands, and those of the scripts they run. */
function whatRuns(start: StartCommand): string {
  const scripts = start.scripts.map((s) => {
    if (!s.file || s.unread) return `${s.written} ${s.unread ?? 'was not read'}`;
    const own = start.commands.filter((_, k) => start.sites[k]?.script === s);
    const runs = own.length > 0 ? `runs ${shownCommands(own)}` : 'runs no command';
    const nested = s.nested.length > 0 ? `, and rock-check does not read ${s.nested.join(', ')} in turn (it reads one level of scripts)` : '';
    return `${s.file.shown} ${runs}${nested}`;
  });
  const written = `${start.instruction.getKeyword()} runs ${shownCommands(start.written)}`;
  return scripts.length > 0 ? `${written} (${scripts.join('; ')})` : written;
}

/** ` binds 127.0.0.1, which is unreachable from outside the container, and`, or nothing for a server on every interface. */
function boundLocally(l: Listen): string {
  return listensEverywhere(l) ? '' : ` binds ${l.host}, which is unreachable from outside the container, and`;
}

/** Web server images whose own CMD serves files (a built client): no CMD needed. */
const serverImages = ['nginx', 'httpd', 'caddy'];

function servesItself(input: DockerfileInput): boolean {
  const root = finalChain(input.stages)[0];
  const name = parseImageRef(root?.image.resolved ?? '').name;
  const last = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  return serverImages.some((s) => last.startsWith(s));
}

/** The web server of such an image, started by name (`nginx -g "daemon off;"`, `httpd-foreground`). */
function startsWebServer(commands: string[][]): boolean {
  return commands.some((argv) => serverImages.some((s) => basename(argv[0] ?? '').startsWith(s)));
}

const addressOption = { runserver: 'address', gunicorn: '--bind', uvicorn: '--host' };

function fixFor(kind: 'runserver' | 'gunicorn' | 'uvicorn', port: number): string {
  if (kind === 'runserver') return `python manage.py runserver 0.0.0.0:${port}`;
  if (kind === 'gunicorn') return `gunicorn --bind 0.0.0.0:${port} ...`;
  return `uvicorn ... --host 0.0.0.0 --port ${port}`;
}

function checkClient(input: DockerfileInput, start: StartCommand): Finding[] {
  const commands = start.commands;
  const vite = findViteServer(commands, input.scripts);
  if (!vite) return startsWebServer(commands) ? [] : [finding(serverListensOnAllInterfaces, input, at(start.instruction), noClientServer(input, start))];
  const listen: Listen = viteListen(vite.args);
  const fix = vite.display.startsWith('npm ') ? `${vite.display} -- --host 0.0.0.0 --port ${input.port}` : `${vite.display} --host 0.0.0.0 --port ${input.port}`;
  const out: Finding[] = [];
  if (!listensEverywhere(listen)) {
    const kept = vite.keptByNpm.filter((a) => a === '--host' || a.startsWith('--host='));
    const message =
      kept.length > 0
        ? `${vite.display} is given --host before "--", so npm keeps it and Vite still listens on localhost only; put it after "--": ${fix}`
        : listen.explicit
          ? `${vite.display} starts Vite with --host ${listen.host}, unreachable from outside the container; use every interface: ${fix}`
          : `${vite.display} starts Vite on localhost only (no --host on the command line or in package.json's ${vite.script ?? 'dev'} script), unreachable from outside the container; use ${fix}`;
    out.push(findingAtCommand(serverListensOnAllInterfaces, input, start, vite.index, message));
  }
  if (listen.port !== undefined && listen.port !== String(input.port)) {
    out.push(findingAtCommand(serverListensOnAllInterfaces, input, start, vite.index, `${vite.display} starts Vite on port ${listen.port}, but the client must listen on ${input.port}; use ${fix}`));
  }
  return out;
}

/** What the client's start command runs instead of Vite, and the course's CMD. */
function noClientServer(input: DockerfileInput, start: StartCommand): string {
  const commands = start.commands;
  const expected = `the course's client starts Vite on every interface: "dev": "vite" in package.json and CMD ["npm", "run", "dev", "--", "--host", "0.0.0.0", "--port", "${input.port}"]`;
  const run = findScriptRun(commands, input.scripts);
  const script = run && packageScript(input.scripts, run.name);
  if (run && script !== undefined) {
    return (
      `${run.display} runs package.json's ${run.name} script, ${shownCommands([[script]])}, a server rock-check does not recognise, ` +
      `so whether it listens on every interface cannot be told (--host is an option of Vite's, which another server may ignore); ${expected}`
    );
  }
  if (run) {
    const problem = input.packageJsonProblem ?? `package.json has no ${run.name} script`;
    return `${run.display} runs package.json's ${run.name} script, but ${problem}, so it stops and no server starts; ${expected}`;
  }
  const files = findFileServer(commands);
  if (files) return `${files.display}${boundLocally(files.listen)} serves the folder's files, not the client's Vite server; ${expected}`;
  return (
    `${whatRuns(start)} and starts no client server rock-check recognises ` +
    `(Vite, or the web server of an nginx image), so nothing answers on port ${input.port}; ${expected}`
  );
}
