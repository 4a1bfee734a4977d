import type { Transport } from './http.js';
import type { TokenBroker } from './token-broker.js';
import { camelizeAnswer, compact } from './wire-shape.js';

/** Live roles (/wxaapi/broadcast/role/*). 1 admin, 2 anchor, 3 operator (0 super admin: read-only). */
export type LiveRole = 1 | 2 | 3;

export interface RoleMember {
  headingimg: string;
  nickname: string;
  openid: string;
  roleList: number[];
  /** Unix seconds, sent as a string. */
  updateTimestamp: string;
  /** Masked by WeChat (o0****0o). */
  username: string;
}

const ROLE = '/wxaapi/broadcast/role';

export class LiveRolesClient {
  constructor(
    private readonly t: Transport,
    private readonly auth: TokenBroker,
  ) {}

  /** An unverified anchor comes back with `codeurl`: the real-name QR they must scan. */
  async addRole(username: string, role: LiveRole): Promise<{ codeurl?: string }> {
    const a = await this.t.json({
      path: `${ROLE}/addrole`,
      method: 'POST',
      json: { username, role },
      auth: this.auth,
      idempotent: true,
    });
    return compact({ codeurl: typeof a.codeurl === 'string' ? a.codeurl : undefined });
  }

  async deleteRole(username: string, role: LiveRole): Promise<void> {
    await this.t.json({
      path: `${ROLE}/deleterole`,
      method: 'POST',
      json: { username, role },
      auth: this.auth,
      idempotent: false,
    });
  }

  /** GET (PowerWeChat's POST is wrong). `role` -1 all; `limit` ≤ 30. */
  async getRoleList(
    q: { role?: -1 | 0 | LiveRole; offset?: number; limit?: number; keyword?: string } = {},
  ): Promise<{ total: number; list: RoleMember[] }> {
    const a = camelizeAnswer(
      await this.t.json({
        path: `${ROLE}/getrolelist`,
        method: 'GET',
        query: { role: q.role ?? -1, offset: q.offset ?? 0, limit: q.limit ?? 10, keyword: q.keyword },
        auth: this.auth,
        idempotent: true,
      }),
    ) as { total?: number; list?: RoleMember[] };
    return { total: Number(a.total ?? 0), list: a.list ?? [] };
  }
}
