import { randomBytes } from 'node:crypto';
import type { Finding } from '../../src/model/finding.js';
import { apiDir, finding, type ProbeContext } from './context.js';
import { Api, isJsonObject, said, type Caller, type Exchange } from './http.js';

/** A user rock-check registers through the api, shared by the criteria that need one. */
export interface Registered {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  /** The token /register returned, when it returned one. */
  token?: string;
  exchange: Exchange;
}

/**
 * State shared by the api criteria of one grading run, in test order:
 * the user registered once, and the create-key that worked.
 */
export class ApiSession {
  private client?: Api;
  private registration?: Promise<Registered>;
  private otherRegistration?: Promise<Registered>;
  createKey?: string;

  constructor(readonly ctx: ProbeContext) {}

  /** Created on first use: only criteria whose api is up get there. */
  get api(): Api {
    this.client ??= new Api(this.ctx);
    return this.client;
  }

  register(): Promise<Registered> {
    this.registration ??= this.registerOne();
    return this.registration;
  }

  /** A second registered user, for what one user may do to another's rows. */
  registerOther(): Promise<Registered> {
    this.otherRegistration ??= this.registerOne();
    return this.otherRegistration;
  }

  private registerOne(): Promise<Registered> {
    return (async () => {
      const tag = `${this.ctx.runtime.runId}-${randomBytes(3).toString('hex')}`;
      const user = {
        email: `rock-check-${tag}@example.com`,
        password: `Rc-${randomBytes(9).toString('base64url')}`,
        firstName: 'Rock',
        lastName: 'Checker',
      };
      const exchange = await this.api.post(this.ctx.grading.profile.routes.register, { who: `with a new user's details` }, {
        email: user.email,
        password: user.password,
        first_name: user.firstName,
        last_name: user.lastName,
      });
      const token = isJsonObject(exchange.body) && typeof exchange.body.token === 'string' && exchange.body.token !== '' ? exchange.body.token : undefined;
      return { ...user, token, exchange };
    })();
  }

  /** The registered user as a caller, or why there is none. */
  async registeredCaller(id: string): Promise<Caller | Finding> {
    const r = await this.register();
    if (r.token) return { token: r.token, who: `with the token of the user rock-check registered` };
    return finding(id, apiDir(this.ctx), `cannot be checked: registering a user failed (see RC-RT007): ${said(r.exchange)}`);
  }

  fixtureCaller(index: number): Caller {
    const u = this.ctx.grading.profile.content.users[index];
    return { token: u.token, who: `with ${u.username}'s token` };
  }
}
