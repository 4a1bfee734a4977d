import type { Product } from '../campaign/schema.js';
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

/** How a step ended when it did not throw. */
export interface StepResult {
  message: string;
  remoteId?: string;
  adopted?: boolean;
}

/**
 * Thrown by a step that cannot proceed yet for a reason that is not a failure: goods in audit
 * (WeChat refuses changes until it ends), a date not reached. Reported as skipped, not failed.
 */
export class NotYet extends Error {
  constructor(
    message: string,
    readonly waiting: 'audit' | 'date' | 'dependency' | 'not-wired',
  ) {
    super(message);
    this.name = 'NotYet';
  }
}

/** Thrown when a step needs a person (the anchor's real-name scan, the frozen live permission). */
export class NeedsHuman extends Error {
  constructor(
    message: string,
    readonly kind: string,
    readonly url?: string,
    readonly qr?: string,
  ) {
    super(message);
    this.name = 'NeedsHuman';
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
