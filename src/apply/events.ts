import type { Action } from '../plan/types.js';
import type { Address, AuditStatus } from '../state/types.js';

/**
 * What the executor tells the world while it works (style.md §9). One stream of plain data drives
 * every view: an ora spinner on a TTY, plain lines in CI, NDJSON with `--format json`. Events never
 * carry secrets or access tokens (they hold remote ids, reasons and the platform's error text, which
 * the transport has already redacted).
 */
export type ApplyEvent =
  | ChangeStartEvent
  | ChangeDoneEvent
  | ChangeFailedEvent
  | ChangeSkippedEvent
  | AuditEventOut
  | HumanEvent
  | SummaryEvent;

export interface ChangeStartEvent {
  type: 'change-start';
  address: Address;
  action: Action;
  /** What is about to happen, in plain words ("upload cover.png", "add goods 玫瑰丝绒口红"). */
  message: string;
}

export interface ChangeDoneEvent {
  type: 'change-done';
  address: Address;
  action: Action;
  /** What happened: "created", "adopted an earlier attempt", "already in the room", … */
  message: string;
  /** The platform's id, when the change has one (roomId, goodsId, media_id). */
  remoteId?: string;
  /** True when an earlier (crashed or unanswered) attempt was found on the platform and recorded instead of creating again. */
  adopted?: boolean;
  /** Remote calls this change made. */
  requests: number;
  durationMs: number;
}

export interface ChangeFailedEvent {
  type: 'change-failed';
  address: Address;
  action: Action;
  message: string;
  hint?: string;
  errcode?: number | null;
  /** The failure may have taken effect on the platform; the next apply looks before creating. */
  maybeApplied?: boolean;
  durationMs: number;
}

export interface ChangeSkippedEvent {
  type: 'change-skipped';
  address: Address;
  action: Action;
  /** Why nothing was done: a dependency failed, not before a date, waiting on audit… */
  message: string;
}

/** A goods audit status seen by the reconcile (apply and `status --refresh`). */
export interface AuditEventOut {
  type: 'audit';
  address: Address;
  status: AuditStatus;
  previous?: AuditStatus;
  reason?: string;
}

/** Something only a person can do; apply stops the affected changes and says what to do. */
export interface HumanEvent {
  type: 'human';
  address: Address;
  action: Action;
  /** `anchor-real-name` (300036), `live-permission-frozen` (268489001), or a plan task kind. */
  kind: string;
  message: string;
  /** A link to open or scan (the real-name QR link). */
  url?: string;
  /** The link as a terminal QR code (text views print it as is). */
  qr?: string;
}

export interface SummaryEvent {
  type: 'summary';
  outcome: 'complete' | 'partial' | 'failed';
  /** Changes by how they ended. */
  done: number;
  failed: number;
  skipped: number;
  /** Of `done`, how many adopted an earlier attempt instead of creating. */
  adopted: number;
  /** Goods still waiting on audit after this run. */
  waiting: number;
  human: number;
  /** Remote calls made by this apply. */
  requests: number;
  durationMs: number;
  /** One line for the user ("Apply complete: 5 changed, 2 waiting on audit." / "... apply again to resume."). */
  message: string;
}
