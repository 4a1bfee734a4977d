import type { Product } from '../campaign/schema.js';
import type { StepOutcome } from '../outcome.js';
import type { AuditStatus } from '../state/types.js';
import { WeChatApiError } from '../wechat/index.js';
import type { ApplyRun } from './context.js';
import type { RemoteLookup } from './lookup.js';
import type { MediaManager } from './media.js';

/** What every step works with: the run (state writer + options), media and the remote lookup. */
export interface StepContext {
  run: ApplyRun;
  media: MediaManager;
  lookup: RemoteLookup;
}

/** What a step that did its work produced. */
export interface StepResult {
  message: string;
  remoteId?: string;
  adopted?: boolean;
  /** A re-check that found everything as recorded: nothing to report (a `noop` change that was checked). */
  quiet?: boolean;
}

/**
 * How a step ends: `done` with its result, `not-yet` (goods in audit — WeChat refuses changes until
 * it ends —, a step it depends on not done: reported as skipped) or `needs-human` (the anchor's
 * real-name scan, the frozen live permission: reported for a person). Failures are thrown.
 */
export type StepEnd = StepOutcome<StepResult>;

/** A step's outcome other than `done`, handed on as it is by a step that called another. */
export type NotDone = Exclude<StepOutcome<unknown>, { kind: 'done' }>;

/** What a non-`done` outcome says, for a line in the apply or destroy output. */
export function notDoneMessage(o: NotDone): string {
  switch (o.kind) {
    case 'not-yet':
    case 'needs-human':
      return o.message;
    default:
      return o.reason;
  }
}

export const AUDIT_BY_CODE: Record<number, AuditStatus> = {
  0: 'unaudited',
  1: 'pending',
  2: 'approved',
  3: 'rejected',
};

export function auditStatusOf(code: unknown): AuditStatus {
  return AUDIT_BY_CODE[Number(code)] ?? 'unaudited';
}

export function isApiError(err: unknown, ...codes: number[]): err is WeChatApiError {
  return (
    err instanceof WeChatApiError &&
    (codes.length === 0 || (err.kind === 'platform' && codes.includes(err.errcode ?? Number.NaN)))
  );
}

/** `goods/<id>`, `room-goods/<id>`, `code/<wave>` → the id part. */
export function addressId(address: string): string {
  return address.slice(address.indexOf('/') + 1);
}

export function productOf(run: ApplyRun, productId: string): Product | undefined {
  return run.opts.campaign.products.find((p) => p.id === productId);
}
