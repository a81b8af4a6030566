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
  const django = argv.slice(0, r).some((a) => basename(a) === 'manage.py') || basename(argv[0]) === 'django-admin';
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

export interface ViteServer {
  index: number;
  /** How the command starts Vite, e.g. `npm run dev`. */
  display: string;
  /** Vite's arguments: the dev script's, then the command line's. */
  args: string[];
  /** Options given to npm before `--`, which npm keeps for itself. */
  keptByNpm: string[];
}

/**
 * The command that starts Vite: `npm run dev`, `yarn dev`, `pnpm dev`,
 * `npx vite` or `vite`. When the dev script is known and is not Vite, there
 * is none; when it is unknown, the course's client (Vite) is assumed.
 */
export function findViteServer(commands: string[][], devScript: string | undefined): ViteServer | undefined {
  const scriptArgs = devScript === undefined ? [] : viteArgs(simpleCommands(devScript).map((c) => c.argv));
  for (const [index, argv] of commands.entries()) {
    const direct = viteArgs([argv]);
    if (direct) return { index, display: argv.slice(0, argv[0] === 'npx' ? 2 : 1).join(' '), args: direct, keptByNpm: [] };
    const run = devRun(argv);
    if (run && scriptArgs) return { index, display: run.display, args: [...scriptArgs, ...run.extra], keptByNpm: run.keptByNpm };
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

function devRun(argv: string[]): { display: string; extra: string[]; keptByNpm: string[] } | undefined {
  const tool = basename(argv[0] ?? '');
  if (tool === 'npm' && (argv[1] === 'run' || argv[1] === 'run-script') && argv[2] === 'dev') {
    const dash = argv.indexOf('--');
    const before = argv.slice(3, dash < 0 ? undefined : dash);
    return { display: 'npm run dev', extra: dash < 0 ? [] : argv.slice(dash + 1), keptByNpm: before.filter((a) => a.startsWith('-')) };
  }
  if (tool === 'yarn' || tool === 'pnpm') {
    const at = argv[1] === 'dev' ? 2 : argv[1] === 'run' && argv[2] === 'dev' ? 3 : -1;
    if (at < 0) return undefined;
    const extra = argv.slice(at);
    return { display: argv.slice(0, at).join(' '), extra: extra[0] === '--' ? extra.slice(1) : extra, keptByNpm: [] };
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
