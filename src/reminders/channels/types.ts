import type { Failed, StepOutcome } from '../../outcome.js';
import type { OutboxKey, OutboxRow, ResourceRecord } from '../../state/types.js';
import type { Clients } from '../../wechat/index.js';
import type { ReminderPayload, RowType } from '../types.js';

/** What an adapter sees of an outbox row: its key, id, tries and remote id, with a typed payload. */
export type DispatchRow = Pick<OutboxRow, keyof OutboxKey | 'id' | 'attempts' | 'remoteId'> & {
  payload: ReminderPayload;
};

export interface SendContext {
  /** Clients for the row's accounts. */
  clients: Clients;
  now: Date;
  /** Robot webhook keys are read from here by name. */
  env: Readonly<Record<string, string | undefined>>;
  readFile(path: string): Promise<Uint8Array>;
  /** Waits (injected: tests never sleep). */
  sleep(ms: number): Promise<void>;
  /** Progress and ids recorded by earlier attempts of this row ({} when none). */
  previous: Readonly<Record<string, unknown>>;
  /**
   * Records progress (merged into the row's details) so that a later attempt resumes instead of
   * repeating; also renews the dispatcher's lease on the row.
   */
  checkpoint(details: Record<string, unknown>): Promise<void>;
  /** Per-run memo (uploaded media ids): the same poster is uploaded once per run, not once per row. */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** The row's campaign's resources in the state store (the menu backup lives in `menu`). */
  resources: {
    get(address: string): Promise<ResourceRecord | undefined>;
    put(record: ResourceRecord): Promise<void>;
  };
  /** When the attempt whose outcome is unknown started (lookups search from a little before it). */
  attemptStartedAt?: Date;
}

export interface SendResult {
  /** The platform's id for what was sent (msgid, moment id, msg_id, message_id); absent when it gives none. */
  remoteId?: string;
  details: Record<string, unknown>;
}

/** found: the earlier attempt took effect (it is not sent again); not found: safe to send. */
export interface LookupResult {
  found: boolean;
  remoteId?: string;
  details?: Record<string, unknown>;
}

/**
 * One channel type on the typed clients.
 *
 * `delivery` is what a lost answer (a timeout or crash after the request left) turns into:
 * - `exactly-once`: `lookup` can tell whether the earlier attempt took effect, or the send itself is
 *   deduplicated by the platform (the Official Account's clientmsgid), so a row is never sent twice;
 * - `at-least-once`: the platform offers neither, so the row is sent again (a duplicate is possible
 *   only after a lost answer; `why` says what is missing).
 */
export interface ChannelAdapter {
  type: RowType;
  delivery: 'exactly-once' | 'at-least-once';
  why: string;
  /**
   * Sends the row: `done` with the platform's id, or why not — `skip`, `retryLater` (still within
   * the grace window), `failed` (a problem on our side). A platform refusal is thrown
   * (WeChatApiError); dispatch classifies it with the shared retry policy (wechat/retry.ts).
   */
  send(row: DispatchRow, ctx: SendContext): Promise<StepOutcome<SendResult>>;
  /**
   * Whether an earlier attempt whose outcome is unknown took effect. Undefined when the platform
   * cannot tell (then the row is sent again); `failed` when the check itself could not finish.
   */
  lookup?(row: DispatchRow, ctx: SendContext): Promise<LookupResult | Failed | undefined>;
}
