import { basename } from './command.js';
import { simpleCommands } from './shell.js';

/**
 * Recognises the development servers of the course's stacks in a list of
 * commands and reads where they listen. Defaults are those of the servers
 * themselves (Django, gunicorn and uvicorn listen on 127.0.0.1:8000; Vite on
 * localhost).
 */
export interface Listen {
  /** undefined when it comes from a variable and cannot be known statically */
  host?: string;
  port?: string;
  /** true when the command names the address itself */
  explicit: boolean;
}

export interface ApiServer {
  index: number;
  kind: 'runserver' | 'gunicorn' | 'uvicorn';
  /** The command as a student would write it, for messages. */
  display: string;
  listens: Listen[];
}

const allInterfaces = new Set(['0.0.0.0', '::', '[::]']);

export function listensEverywhere(l: Listen): boolean {
  return l.host === undefined || allInterfaces.has(l.host);
}

export function findApiServer(commands: string[][]): ApiServer | undefined {
  for (const [index, argv] of commands.entries()) {
    const server = runserver(argv) ?? gunicorn(argv) ?? uvicorn(argv);
    if (server) return { index, ...server };
  }
  return undefined;
}

type Found = Omit<ApiServer, 'index'>;

function runserver(argv: string[]): Found | undefined {
  const r = argv.indexOf('runserver');
  if (r < 1) return undefined;
  const module = moduleStart(argv, 'django');
  const django = argv.slice(0, r).some((a) => basename(a) === 'manage.py') || basename(argv[0]) === 'django-admin' || (module > 0 && module < r);
  if (!django) return undefined;
  const addr = argv.slice(r + 1).find((a) => !a.startsWith('-'));
  const manage = argv.findIndex((a) => basename(a) === 'manage.py');
  const from = manage > 0 && /^python/.test(basename(argv[manage - 1])) ? manage - 1 : Math.max(manage, 0);
  return { kind: 'runserver', display: argv.slice(from, r + 1).join(' '), listens: [addrPort(addr, '127.0.0.1', '8000')] };
}

function gunicorn(argv: string[]): Found | undefined {
  const g = moduleStart(argv, 'gunicorn');
  if (g < 0) return undefined;
  const binds = optionValues(argv.slice(g), ['-b', '--bind']).filter((b) => !b.startsWith('unix:') && !b.startsWith('fd://'));
  const listens = binds.length > 0 ? binds.map((b) => addrPort(b, '127.0.0.1', '8000')) : [addrPort(undefined, '127.0.0.1', '8000')];
  return { kind: 'gunicorn', display: 'gunicorn', listens };
}

function uvicorn(argv: string[]): Found | undefined {
  const u = moduleStart(argv, 'uvicorn');
  if (u < 0) return undefined;
  const host = optionValues(argv.slice(u), ['--host']).at(-1);
  const port = optionValues(argv.slice(u), ['--port']).at(-1);
  return {
    kind: 'uvicorn',
    display: 'uvicorn',
    listens: [{ host: variable(host ?? '127.0.0.1'), port: variable(port ?? '8000'), explicit: host !== undefined }],
  };
}

/** Index where `gunicorn …` or `python -m gunicorn …` starts, or -1. */
function moduleStart(argv: string[], name: string): number {
  if (basename(argv[0]) === name) return 0;
  const m = argv.indexOf('-m');
  return m >= 0 && /^python/.test(basename(argv[0])) && argv[m + 1] === name ? m + 1 : -1;
}

/** Values of `-b X`, `--bind X`, `--bind=X`, `-bX`. */
export function optionValues(argv: string[], names: string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    for (const n of names) {
      if (a === n && i + 1 < argv.length) values.push(argv[++i]);
      else if (a.startsWith(`${n}=`)) values.push(a.slice(n.length + 1));
      else if (n.length === 2 && a.startsWith(n) && a.length > 2 && !a.startsWith('--')) values.push(a.slice(2));
    }
  }
  return values;
}

/** `0.0.0.0:8000`, `0:8000`, `[::]:8000`, `:8000`, `8000` or nothing. */
function addrPort(spec: string | undefined, defaultHost: string, defaultPort: string): Listen {
  if (spec === undefined) return { host: defaultHost, port: defaultPort, explicit: false };
  if (/^\d+$/.test(spec)) return { host: defaultHost, port: spec, explicit: false };
  const m = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(spec);
  const rawHost = m?.[1] ?? spec;
  const host = rawHost === '' || rawHost === '0' ? '0.0.0.0' : rawHost;
  return { host: variable(host), port: variable(m?.[2] ?? defaultPort), explicit: true };
}

function variable(v: string): string | undefined {
  return v.includes('$') ? undefined : v;
}

/** A server that serves the folder's files: `python -m http.server`, which listens on every interface unless `--bind` says otherwise. */
export interface FileServer {
  index: number;
  display: string;
  listen: Listen;
}

export function findFileServer(commands: string[][]): FileServer | undefined {
  for (const [index, argv] of commands.entries()) {
    const m = moduleStart(argv, 'http.server');
    if (m <= 0) continue;
    const args = argv.slice(m + 1);
    const bind = optionValues(args, ['-b', '--bind']).at(-1);
    const port = positionals(args, ['-b', '--bind', '-d', '--directory', '-p', '--protocol']).at(0);
    const listen: Listen = { host: bind === undefined ? '0.0.0.0' : variable(bind), port: variable(port ?? '8000'), explicit: bind !== undefined };
    return { index, display: argv.slice(0, m + 1).map(basename).join(' '), listen };
  }
  return undefined;
}

/** Arguments that are neither options nor the values of the options named. */
function positionals(args: string[], withValue: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (withValue.includes(args[i])) i++;
    else if (!args[i].startsWith('-')) out.push(args[i]);
  }
  return out;
}

export interface ViteServer {
  index: number;
  /** How the command starts Vite, e.g. `npm run dev`. */
  display: string;
  /** Vite's arguments: the script's, then the command line's. */
  args: string[];
  /** Options given to npm before `--`, which npm keeps for itself. */
  keptByNpm: string[];
  /** The package.json script that runs Vite, when it is run through one. */
  script?: string;
}

/** A command that runs a package.json script: `npm run dev`, `npm start`, `yarn dev`, `pnpm run dev`. */
export interface ScriptRun {
  index: number;
  /** How the command runs it, e.g. `npm run dev`. */
  display: string;
  /** The script's name in package.json. */
  name: string;
  /** Arguments the command passes on to the script. */
  extra: string[];
  /** Options given to npm before `--`, which npm keeps for itself. */
  keptByNpm: string[];
}

/** The command that starts Vite: `npm run dev` (or another package.json script) whose script runs Vite, `npx vite` or `vite`. */
export function findViteServer(commands: string[][], scripts: Record<string, string> | undefined): ViteServer | undefined {
  for (const [index, argv] of commands.entries()) {
    const direct = viteArgs([argv]);
    if (direct) return { index, display: argv.slice(0, argv[0] === 'npx' ? 2 : 1).join(' '), args: direct, keptByNpm: [] };
    const run = scriptRunOf(argv, scripts);
    if (!run) continue;
    const script = packageScript(scripts, run.name);
    const scriptArgs = script === undefined ? undefined : viteArgs(simpleCommands(script).map((c) => c.argv));
    if (scriptArgs) return { index, display: run.display, args: [...scriptArgs, ...run.extra], keptByNpm: run.keptByNpm, script: run.name };
  }
  return undefined;
}

/** The first command that runs a package.json script. */
export function findScriptRun(commands: string[][], scripts: Record<string, string> | undefined): ScriptRun | undefined {
  for (const [index, argv] of commands.entries()) {
    const run = scriptRunOf(argv, scripts);
    if (run) return { index, ...run };
  }
  return undefined;
}

/** Arguments of the first `vite`/`npx vite` among the commands. */
function viteArgs(commands: string[][]): string[] | undefined {
  for (const argv of commands) {
    if (basename(argv[0] ?? '') === 'vite') return argv.slice(1);
    if (argv[0] === 'npx' || (argv[0] === 'pnpm' && argv[1] === 'exec') || (argv[0] === 'yarn' && argv[1] === 'vite')) {
      const v = argv.indexOf('vite');
      if (v > 0) return argv.slice(v + 1);
    }
  }
  return undefined;
}

/** The package.json script of that name (its own key, not one every object has, such as `constructor`). */
export function packageScript(scripts: Record<string, string> | undefined, name: string): string | undefined {
  return scripts !== undefined && Object.hasOwn(scripts, name) ? scripts[name] : undefined;
}

/** Scripts npm runs by a command of their own name (`npm start`). */
const npmShortcuts = new Set(['start', 'test', 'restart', 'stop']);

function scriptRunOf(argv: string[], scripts: Record<string, string> | undefined): Omit<ScriptRun, 'index'> | undefined {
  const tool = basename(argv[0] ?? '');
  if (tool === 'npm') {
    const named = (argv[1] === 'run' || argv[1] === 'run-script') && argv[2] !== undefined && !argv[2].startsWith('-');
    if (!named && !npmShortcuts.has(argv[1] ?? '')) return undefined;
    const name = named ? argv[2] : argv[1];
    const from = named ? 3 : 2;
    const dash = argv.indexOf('--', from);
    const before = argv.slice(from, dash < 0 ? undefined : dash);
    const display = named ? `npm run ${name}` : `npm ${name}`;
    return { display, name, extra: dash < 0 ? [] : argv.slice(dash + 1), keptByNpm: before.filter((a) => a.startsWith('-')) };
  }
  if (tool === 'yarn' || tool === 'pnpm') {
    const named = argv[1] === 'run' && argv[2] !== undefined;
    const name = named ? argv[2] : argv[1];
    // `yarn <name>` runs a script only when package.json has one of that name (else a yarn command)
    if (name === undefined || (!named && !(name === 'dev' || name === 'start' || packageScript(scripts, name) !== undefined))) return undefined;
    const from = named ? 3 : 2;
    const extra = argv.slice(from);
    return { display: argv.slice(0, from).map(basename).join(' '), name, extra: extra[0] === '--' ? extra.slice(1) : extra, keptByNpm: [] };
  }
  return undefined;
}

/** Where Vite listens given its arguments: `--host` alone means every interface. */
export function viteListen(args: string[]): Listen {
  let host: string | undefined;
  let explicit = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--host') {
      explicit = true;
      host = i + 1 < args.length && !args[i + 1].startsWith('-') ? args[++i] : '0.0.0.0';
    } else if (args[i].startsWith('--host=')) {
      explicit = true;
      host = args[i].slice('--host='.length) || '0.0.0.0';
    }
  }
  const port = optionValues(args, ['--port']).at(-1);
  if (host === 'true') host = '0.0.0.0';
  return { host: explicit ? (host === undefined ? undefined : variable(host)) : 'localhost', port: port === undefined ? undefined : variable(port), explicit };
}
