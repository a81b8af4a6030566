import type Dockerode from 'dockerode';
import { demuxDockerLog, splitDockerStreams } from '../stack/container-logs.js';

export interface ExecResult {
  /** null: still running when the time limit cut it off. */
  exitCode: number | null;
  /** stdout and stderr interleaved. */
  output: string;
  stdout: string;
  stderr: string;
  /** More output came than `maxOutputBytes`: the rest was read and dropped. */
  cut?: boolean;
}

/**
 * Runs a command (an argv, no shell of ours) in a running container; output
 * demultiplexed, cut off after the time limit. With `maxOutputBytes`, at most
 * that many bytes of the stream (output and its framing) are kept; the rest
 * is read and dropped, so the command still ends and gives its exit code.
 */
export async function execIn(docker: Dockerode, containerId: string, cmd: string[], timeoutMs = 30_000, maxOutputBytes = Infinity): Promise<ExecResult> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  let kept = 0;
  let cut = false;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      stream.destroy();
      resolve();
    }, timeoutMs);
    stream.on('data', (c: Buffer) => {
      const room = maxOutputBytes - kept;
      if (c.length > room) cut = true;
      if (room <= 0) return;
      const part = c.length > room ? c.subarray(0, room) : c;
      chunks.push(part);
      kept += part.length;
    });
    stream.on('end', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.on('error', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const info = await exec.inspect();
  const raw = Buffer.concat(chunks);
  return { exitCode: info.Running ? null : info.ExitCode, output: demuxDockerLog(raw), ...splitDockerStreams(raw), ...(cut ? { cut } : {}) };
}

/**
 * A POSIX sh script that resolves names and opens TCP connections with
 * whatever the image has: getent, python3/python, node, busybox nslookup
 * for names; python, node, bash's /dev/tcp or nc for connections. It
 * prints one line per name: `RESOLVED <name> <tool> <address>`,
 * `UNRESOLVED <name> <tool>` or `NOTOOL <name>`, then for a port
 * `CONNECTED|REFUSED <name> <tool>` or `NOCONNECT <name>`.
 */
export const NETWORK_PROBE = String.raw`
port="$1"; shift
have() { command -v "$1" >/dev/null 2>&1; }
py=""; for p in python3 python; do if have $p; then py=$p; break; fi; done
for name in "$@"; do
  addr=""; tool=""
  if have getent; then tool=getent; set -- $(getent hosts "$name" 2>/dev/null); addr="$1"
  elif [ -n "$py" ]; then tool=$py; addr=$($py -c 'import socket,sys; print(socket.gethostbyname(sys.argv[1]))' "$name" 2>/dev/null)
  elif have node; then tool=node; addr=$(node -e 'require("dns").lookup(process.argv[1],{family:4},(e,a)=>{if(e)process.exit(2);console.log(a)})' "$name" 2>/dev/null)
  elif have nslookup; then tool=nslookup; addr=$(nslookup "$name" 2>/dev/null | sed -n 's/^Address[^:]*: *\([0-9.]*\).*/\1/p' | grep -v '^127\.0\.0\.11$' | tail -n 1)
  fi
  if [ -z "$tool" ]; then echo "NOTOOL $name"; continue; fi
  if [ -n "$addr" ]; then echo "RESOLVED $name $tool $addr"; else echo "UNRESOLVED $name $tool"; continue; fi
  [ -n "$port" ] || continue
  if [ -n "$py" ]; then $py -c 'import socket,sys; socket.create_connection((sys.argv[1], int(sys.argv[2])), 5).close()' "$name" "$port" 2>/dev/null && echo "CONNECTED $name $py" || echo "REFUSED $name $py"
  elif have node; then node -e 'const s=require("net").connect(+process.argv[2],process.argv[1]);s.setTimeout(5000,()=>process.exit(3));s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(4))' "$name" "$port" && echo "CONNECTED $name node" || echo "REFUSED $name node"
  elif have bash; then bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$name" "$port" 2>/dev/null && echo "CONNECTED $name bash" || echo "REFUSED $name bash"
  elif have nc; then nc -w 5 "$name" "$port" </dev/null >/dev/null 2>&1 && echo "CONNECTED $name nc" || echo "REFUSED $name nc"
  else echo "NOCONNECT $name"; fi
done
`;

export interface NameProbe {
  name: string;
  tool?: string;
  address?: string;
  resolved?: boolean;
  /** undefined: not tried, or no tool could. */
  connected?: boolean;
  connectTool?: string;
}

export function parseProbeOutput(output: string): Map<string, NameProbe> {
  const out = new Map<string, NameProbe>();
  const get = (name: string) => out.get(name) ?? out.set(name, { name }).get(name)!;
  for (const line of output.split('\n')) {
    const [word, name, tool, address] = line.trim().split(/\s+/);
    if (!name) continue;
    if (word === 'RESOLVED') Object.assign(get(name), { resolved: true, tool, address });
    else if (word === 'UNRESOLVED') Object.assign(get(name), { resolved: false, tool });
    else if (word === 'NOTOOL') get(name);
    else if (word === 'CONNECTED') Object.assign(get(name), { connected: true, connectTool: tool });
    else if (word === 'REFUSED') Object.assign(get(name), { connected: false, connectTool: tool });
  }
  return out;
}

/** Runs NETWORK_PROBE in a container for some names (and a port to connect to, if any). */
export async function probeNames(docker: Dockerode, containerId: string, names: string[], port?: number, timeoutMs = 60_000): Promise<{ probes: Map<string, NameProbe>; failure?: string }> {
  try {
    const r = await execIn(docker, containerId, ['sh', '-c', NETWORK_PROBE, 'sh', port === undefined ? '' : String(port), ...names], timeoutMs);
    if (r.exitCode === 126 || r.exitCode === 127) return { probes: new Map(), failure: 'the image has no sh to run a probe with' };
    return { probes: parseProbeOutput(r.output) };
  } catch (e) {
    const m = String((e as Error).message ?? e).split('\n')[0];
    return { probes: new Map(), failure: /executable file not found|no such file/i.test(m) ? 'the image has no sh to run a probe with' : m };
  }
}
