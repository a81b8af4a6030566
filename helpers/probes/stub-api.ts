import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Profile } from '../../src/profile/profile.js';

/**
 * An in-process stand-in for a student's api, following the course's
 * contract, with switches for the defects and variants real submissions
 * show. For the probe tests: no Docker, no Django.
 */
export interface StubBehaviour {
  openRocks?: boolean;
  sessionAuthFirst?: boolean;
  loginFailsWith401?: boolean;
  ignoreOwnerFilter?: boolean;
  deleteAnyone?: boolean;
  createKey?: string;
  camelCaseUser?: boolean;
  numericWeight?: boolean;
  registerStatus?: number;
}

interface Rock {
  id: number;
  name: string;
  weight: string;
  typeId: number;
  ownerToken: string;
}

export async function startStubApi(profile: Profile, behaviour: StubBehaviour = {}): Promise<{ port: number; server: Server; close: () => Promise<void> }> {
  const types = profile.content.types.map((label, i) => ({ id: i + 1, label }));
  const users = new Map(profile.content.users.map((u) => [u.token, { first: u.firstName, last: u.lastName, email: '', password: '' }]));
  const rocks: Rock[] = profile.content.rocks.map((r, i) => ({
    id: i + 1,
    name: r.name,
    weight: r.weight,
    typeId: types.find((t) => t.label === r.type)!.id,
    ownerToken: profile.content.users.find((u) => u.id === r.owner)!.token,
  }));
  let nextUser = 100;
  const { routes } = profile;

  const json = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const view = (r: Rock) => {
    const u = users.get(r.ownerToken)!;
    return {
      id: r.id,
      name: r.name,
      weight: behaviour.numericWeight ? Number(r.weight) : r.weight,
      type: { label: types.find((t) => t.id === r.typeId)!.label },
      user: behaviour.camelCaseUser ? { id: 1, firstName: u.first, lastName: u.last } : { first_name: u.first, last_name: u.last },
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
    const url = new URL(req.url ?? '/', 'http://stub');
    const token = /^Token (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const caller = token && users.has(token) ? token : undefined;
    const needAuth = () => {
      if (caller || (behaviour.openRocks && url.pathname === routes.rocks)) return false;
      json(res, behaviour.sessionAuthFirst ? 403 : 401, { detail: 'Authentication credentials were not provided.' });
      return true;
    };
    if (req.method === 'POST' && url.pathname === routes.register) {
      if (behaviour.registerStatus) return json(res, behaviour.registerStatus, { message: 'nope' });
      if ([...users.values()].some((u) => u.email === body.email)) return json(res, 400, { message: 'exists' });
      const t = `tok${nextUser++}`;
      users.set(t, { first: body.first_name, last: body.last_name, email: body.email, password: body.password });
      return json(res, 200, { token: t });
    }
    if (req.method === 'POST' && url.pathname === routes.login) {
      const found = [...users].find(([, u]) => u.email === body.email && u.password === body.password);
      if (found) return json(res, 200, { valid: true, token: found[0] });
      return behaviour.loginFailsWith401 ? json(res, 401, { valid: false }) : json(res, 200, { valid: false });
    }
    if (url.pathname === routes.types) {
      if (needAuth()) return;
      return json(res, 200, types);
    }
    if (url.pathname === routes.rocks) {
      if (needAuth()) return;
      if (req.method === 'POST') {
        const key = behaviour.createKey ?? 'typeId';
        if (typeof body[key] !== 'number') return json(res, 500, { message: `no ${key}` });
        const rock = { id: rocks.length + 100, name: body.name, weight: Number(body.weight).toFixed(2), typeId: body[key], ownerToken: caller! };
        rocks.push(rock);
        return json(res, 201, view(rock));
      }
      const own = profile.routes.ownerFilters.some((f) => url.search === `?${f}`) && !behaviour.ignoreOwnerFilter;
      return json(res, 200, rocks.filter((r) => !own || r.ownerToken === caller).map(view));
    }
    const one = new RegExp(`^${routes.rocks}/(\\d+)$`).exec(url.pathname);
    if (one && req.method === 'DELETE') {
      if (needAuth()) return;
      const i = rocks.findIndex((r) => r.id === Number(one[1]));
      if (i < 0) return json(res, 404, { message: 'not found' });
      if (rocks[i].ownerToken !== caller && !behaviour.deleteAnyone) return json(res, 403, { message: 'You do not own that rock' });
      rocks.splice(i, 1);
      return json(res, 204);
    }
    return json(res, 404, { detail: 'Not found.' });
  };

  const server = createServer((req, res) => void handle(req, res).catch(() => json(res, 500, { error: 'stub' })));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    server,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
