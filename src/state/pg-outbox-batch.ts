import { UserError } from '../errors.js';
import type { PgRunner } from './pg-store.js';

/**
 * Group commit for the PostgreSQL outbox: the compare-and-set changes of rows in flight, asked for
 * while the previous group is being written, go to the server together as one statement — one round
 * trip and one commit — instead of one autocommitted statement each. Each change stays conditional
 * on its own row's lease (`status = 'claimed' AND lease_owner = owner`) and reports whether it
 * applied (the row came back from its UPDATE); its promise resolves only once the statement
 * committed. A group holds at most one change per row, and a row's changes are written in the order
 * they were asked for. A statement the server refused rolled back as a whole: its changes are
 * written again one by one, so only the faulty one fails; a lost connection fails the whole group
 * (none of it is known to be written).
 */

/** The kinds of change, each with the columns it carries beyond id, owner and now. */
const KINDS = {
  begin: {
    cols: [['expires', 'text']],
    set: 'attempt_started_at = v.now, attempts = o.attempts + 1, lease_expires_at = v.expires, updated_at = v.now',
  },
  checkpoint: {
    cols: [
      ['expires', 'text'],
      ['details', 'text'],
    ],
    set: 'details = PATCH, lease_expires_at = v.expires, updated_at = v.now',
  },
  sent: {
    cols: [
      ['remote_id', 'text'],
      ['details', 'text'],
    ],
    set: `status = 'sent', remote_id = v.remote_id, details = PATCH, sent_at = v.now, attempt_started_at = NULL,
       last_error = NULL, next_attempt_at = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = v.now`,
  },
  finish: {
    cols: [
      ['status', 'text'],
      ['reason', 'text'],
      ['details', 'text'],
    ],
    set: `status = v.status, last_error = v.reason, details = PATCH, next_attempt_at = NULL, lease_owner = NULL,
       lease_expires_at = NULL, updated_at = v.now`,
  },
  retry: {
    cols: [
      ['reason', 'text'],
      ['next', 'text'],
      ['unknown', 'boolean'],
      ['details', 'text'],
    ],
    set: `status = 'pending', last_error = v.reason, next_attempt_at = v.next,
       attempt_started_at = CASE WHEN v.unknown THEN o.attempt_started_at ELSE NULL END,
       details = PATCH, lease_owner = NULL, lease_expires_at = NULL, updated_at = v.now`,
  },
} as const;

export type CasKind = keyof typeof KINDS;
const ORDER = Object.keys(KINDS) as CasKind[];

/** `details` merged with the change's JSON patch (RFC 7386, as SQLite's json_patch). */
const PATCH = `livectl_merge_patch(COALESCE(o.details, '{}'::jsonb), v.details::jsonb)`;

interface Change {
  kind: CasKind;
  id: number;
  owner: string;
  now: string;
  /** The kind's own columns, in KINDS order. */
  values: unknown[];
  resolve: (applied: boolean) => void;
  reject: (err: unknown) => void;
}

/** The one statement writing a group whose kinds are `kinds`, and its prepared statement's name. */
function statementFor(kinds: readonly CasKind[]): { name: string; text: string } {
  let n = 0;
  const ctes = kinds.map((kind, k) => {
    const cols = [['id', 'bigint'], ['owner', 'text'], ['now', 'text'], ...KINDS[kind].cols] as const;
    const arrays = cols.map(([, type]) => `$${++n}::${type}[]`).join(', ');
    return `w${k} AS (UPDATE reminder_outbox o SET ${KINDS[kind].set.replaceAll('PATCH', PATCH)}
      FROM unnest(${arrays}) AS v(${cols.map(([c]) => c).join(', ')})
      WHERE o.id = v.id AND o.status = 'claimed' AND o.lease_owner = v.owner RETURNING o.id)`;
  });
  return {
    name: `livectl_outbox_cas_${kinds.join('_')}`,
    text: `WITH ${ctes.join(',\n')}\n${kinds.map((_, k) => `SELECT ${k} AS k, id FROM w${k}`).join(' UNION ALL ')}`,
  };
}

export class CasBatcher {
  private queue: Change[] = [];
  private draining = false;

  constructor(private readonly db: PgRunner) {}

  /** Queues one change of row `id` held by `owner`; resolves to whether the lease still held. */
  write(kind: CasKind, id: number, owner: string, now: string, values: unknown[]): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ kind, id, owner, now, values, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        // Changes asked for in the same turn of the event loop start the first group together.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      // The group: queued changes up to the first second change of a row already in it.
      const rows = new Set<number>();
      let end = 0;
      while (end < this.queue.length && !rows.has(this.queue[end]!.id)) rows.add(this.queue[end++]!.id);
      const group = this.queue.slice(0, end);
      this.queue = this.queue.slice(end);
      await this.run(group);
    }
    this.draining = false;
  }

  private async run(group: Change[]): Promise<void> {
    const kinds = ORDER.filter((k) => group.some((c) => c.kind === k));
    const params: unknown[] = [];
    for (const kind of kinds) {
      const of = group.filter((c) => c.kind === kind);
      params.push(
        of.map((c) => c.id),
        of.map((c) => c.owner),
        of.map((c) => c.now),
      );
      for (let i = 0; i < KINDS[kind].cols.length; i++) params.push(of.map((c) => c.values[i] ?? null));
    }
    const { name, text } = statementFor(kinds);
    let applied: Set<string>;
    try {
      const r = await this.db.query<{ k: number; id: number }>(text, params, name);
      applied = new Set(r.rows.map((x) => `${kinds[x.k]}:${x.id}`));
    } catch (err) {
      if (group.length > 1 && refusedStatement(err)) {
        for (const c of group) await this.run([c]);
      } else for (const c of group) c.reject(err);
      return;
    }
    for (const c of group) c.resolve(applied.has(`${c.kind}:${c.id}`));
  }
}

/**
 * The server refused the statement (an SQLSTATE, not a lost connection, which the store turns into a
 * UserError): it rolled back as a whole, so none of the group was written.
 */
function refusedStatement(err: unknown): boolean {
  if (err instanceof UserError) return false;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}
