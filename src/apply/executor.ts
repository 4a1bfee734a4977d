import path from 'node:path';
import { isChannels } from '../campaign/platform.js';
import { UserError } from '../errors.js';
import { done, notYet } from '../outcome.js';
import type { Change, Plan } from '../plan/types.js';
import type { Address } from '../state/types.js';
import { isAuditQuotaOut, retryDecision, WeChatApiError } from '../wechat/index.js';
import { CHANNELS_KINDS, runChannelsChange, runsWhen } from './channels-steps.js';
import { createCode, createPoster } from './codes.js';
import { type ApplyOptions, ApplyRun } from './context.js';
import { applyCoupon } from './coupons.js';
import type { ApplyEvent, ChangeFailedEvent, HumanEvent, SummaryEvent } from './events.js';
import { createGoods, deleteGoods, updateGoods } from './goods.js';
import { RemoteLookup } from './lookup.js';
import { MediaManager } from './media.js';
import {
  dependenciesOf,
  GOODS_CONCURRENCY,
  groupByAddress,
  inParallel,
  kindOf,
  PHASES,
  phaseOf,
} from './order.js';
import type { PosterHook } from './posters.js';
import { type ReconcileResult, reconcileGoods } from './reconcile.js';
import { createRoom, deleteRoom, updateRoom } from './room.js';
import { addressId, isApiError, notDoneMessage, type StepContext, type StepEnd } from './steps.js';

/**
 * The executor (design.md "Plan and apply", style.md §9). Walks a plan in dependency order —
 * media → goods → room → (audit reconcile) room goods → codes → posters → reminders — emitting
 * events, and saves state after every remote success, so a crash loses at most the call in flight.
 * That call is the dangerous one for creates, so creates record a pending create before it and adopt
 * only what their own lost attempt made (pending-create.ts). Re-running converges: what is recorded and as desired is not touched again.
 *
 * Failures are per change: a failed change blocks the changes that depend on it and nothing else.
 * Errors that make every later call fail too (credentials, the daily quota) stop the run.
 */

export interface ApplyResult {
  outcome: SummaryEvent['outcome'];
  summary: SummaryEvent;
  failures: ChangeFailedEvent[];
  human: HumanEvent[];
  reconcile?: ReconcileResult;
}

/**
 * Errors after which every later call would fail as well: stop instead of failing each change. The
 * decision is the shared retry policy's (wechat/retry.ts), the same one dispatch follows.
 */
function stopsTheRun(err: unknown): string | undefined {
  return err instanceof WeChatApiError ? retryDecision(err).stopsRun : undefined;
}

/**
 * One change of a phase before the reminders (reminder/* and menu go to the reminder hook in one
 * outbox write, remindersPhase below).
 */
async function runChange(s: StepContext, change: Change, posters: PosterHook): Promise<StepEnd> {
  const kind = kindOf(change.address);
  const { action, address } = change;
  if (CHANNELS_KINDS.has(kind)) return runChannelsChange(s, change);
  switch (kind) {
    case 'media': {
      if (action === 'delete') {
        // Temporary media cannot be deleted; it expires by itself. Forget it.
        if (s.run.resource(address)) await s.run.remove(address);
        return done({ message: 'forgotten (temporary media expires by itself)' });
      }
      const sha = addressId(address);
      const r = await s.media.ensure(sha, { force: action === 'update' });
      const file = s.media.pathOf(sha);
      const name = file ? path.basename(file) : sha.slice(0, 12);
      return done({ message: r.uploaded ? `uploaded ${name}` : `${name} still valid`, remoteId: r.mediaId });
    }
    case 'goods':
      if (action === 'delete') return deleteGoods(s, address);
      return action === 'update' ? updateGoods(s, address) : createGoods(s, address);
    case 'room':
      if (action === 'delete') return deleteRoom(s);
      return action === 'update' ? updateRoom(s) : createRoom(s);
    case 'room-goods':
      return roomGoods(s, change);
    case 'coupon':
      return applyCoupon(s, change);
    case 'code':
      if (action === 'delete') {
        if (s.run.resource(address)) await s.run.remove(address);
        return done({ message: 'forgotten' });
      }
      return createCode(s, address);
    case 'poster':
      if (action === 'delete') {
        if (s.run.resource(address)) await s.run.remove(address);
        return done({ message: 'forgotten' });
      }
      return createPoster(s, address, posters);
    default:
      throw new Error(`apply does not know how to ${action} ${address}`);
  }
}

/** room-goods after the reconcile ran: most are done by then; what is left waits or is removed. */
async function roomGoods(s: StepContext, change: Change): Promise<StepEnd> {
  const id = addressId(change.address);
  const rec = s.run.resource(change.address);
  if (change.action === 'delete') {
    const room = s.run.resource('room');
    if (rec?.remoteId && room?.remoteId) {
      try {
        await s.run.mp.goods.deleteInRoom(Number(room.remoteId), rec.remoteId);
      } catch (err) {
        if (!isApiError(err, 300022, 300047, 300024)) throw err;
      }
    }
    if (rec) await s.run.remove(change.address);
    return done({ message: 'taken out of the room' });
  }
  if (rec?.remoteId) return done({ message: 'in the room', remoteId: rec.remoteId });
  const goods = s.run.resource(`goods/${id}`);
  if (goods?.auditStatus === 'approved') {
    throw new Error(`goods ${goods.remoteId} is approved but could not be put into the room`);
  }
  return notYet(`waiting on audit (${goods?.auditStatus ?? 'not submitted'})`, 'audit');
}

export async function applyPlan(plan: Plan, opts: ApplyOptions): Promise<ApplyResult> {
  const started = performance.now();
  const name = opts.campaign.metadata.name;
  await opts.store.ensureCampaign(name);
  const run = new ApplyRun(opts, await opts.store.snapshot(name));
  const s: StepContext = { run, media: new MediaManager(run), lookup: new RemoteLookup(() => run.mp) };
  const emit = (e: ApplyEvent) => opts.emit(e);
  const tally = { done: 0, failed: 0, skipped: 0, adopted: 0, human: 0, planHuman: 0, blockedSkips: 0 };
  const failures: ChangeFailedEvent[] = [];
  const humans: HumanEvent[] = [];
  /** Addresses that did not complete: their dependents are skipped. */
  const blocked = new Set<Address>();
  let stopped: string | undefined;
  let auditQuotaOut = false;
  let reconcile: ReconcileResult | undefined;

  const byPhase = new Map<string, Change[]>();
  for (const c of plan.changes) {
    const phase = phaseOf(c);
    const list = byPhase.get(phase);
    if (list) list.push(c);
    else byPhase.set(phase, [c]);
  }

  const one = async (change: Change): Promise<void> => {
    const { address, action } = change;
    // A check of something recorded (the reservation, a product in audit) reports only what changed.
    const check = action === 'noop' || action === 'wait' || action === 'human';
    const runs = runsWhen(change, run.resource(address));
    if ((action === 'noop' || action === 'wait') && !runs) return;
    if (action === 'human' && !runs) {
      // The plan already said a person must act; apply has nothing to send for it.
      const e: HumanEvent = { type: 'human', address, action, kind: 'plan', message: change.reason };
      humans.push(e);
      emit(e);
      tally.planHuman++;
      return;
    }
    const skip = (message: string, block = true) => {
      if (block) blocked.add(address);
      tally.skipped++;
      if (block) tally.blockedSkips++;
      emit({ type: 'change-skipped', address, action, message });
    };
    if (stopped) return skip(`not attempted: ${stopped}`);
    if (auditQuotaOut && kindOf(address) === 'goods' && action !== 'delete') {
      return skip("not submitted: today's 500 audit submissions are used up (apply again tomorrow)");
    }
    // The second half of a replacement (delete, then create the same address) waits on the first.
    const dep = [address, ...dependenciesOf(change)].find((d) => blocked.has(d));
    if (dep) return skip(`${dep} did not complete`);
    if (change.notBefore && Date.parse(change.notBefore) > run.now().getTime()) {
      return skip(`not before ${change.notBefore} (the daily audit quota is spread over days)`, false);
    }
    await opts.heartbeat?.();
    const t0 = performance.now();
    const r0 = run.requests();
    if (!check) emit({ type: 'change-start', address, action, message: change.reason });
    let end: StepEnd;
    try {
      end = await runChange(s, change, opts.posters);
    } catch (err) {
      blocked.add(address);
      if (!(err instanceof UserError)) throw err;
      const e: ChangeFailedEvent = {
        type: 'change-failed',
        address,
        action,
        message: err.message,
        ...(err.hint ? { hint: err.hint } : {}),
        ...(err instanceof WeChatApiError ? { errcode: err.errcode, maybeApplied: err.maybeApplied } : {}),
        durationMs: Math.round(performance.now() - t0),
      };
      failures.push(e);
      tally.failed++;
      emit(e);
      stopped = stopsTheRun(err);
      // No audit submissions left today (other campaigns of the mini program count too).
      if (err instanceof WeChatApiError && isAuditQuotaOut(err)) auditQuotaOut = true;
      return;
    }
    switch (end.kind) {
      case 'done': {
        const r = end.value;
        if (r.quiet && check) return;
        tally.done++;
        if (r.adopted) tally.adopted++;
        emit({
          type: 'change-done',
          address,
          // A reservation found (the plan asked a person) reads as made, not as a person's task.
          action: action === 'human' ? 'create' : action,
          message: r.message,
          ...(r.remoteId ? { remoteId: r.remoteId } : {}),
          ...(r.adopted ? { adopted: true } : {}),
          requests: run.requests() - r0,
          durationMs: Math.round(performance.now() - t0),
        });
        return;
      }
      case 'not-yet':
        // Waiting on an audit or a date is not a failure; what depends on a missing step waits with it.
        return skip(end.message, end.waiting === 'dependency');
      case 'needs-human': {
        blocked.add(address);
        const e: HumanEvent = {
          type: 'human',
          address,
          action,
          kind: end.task,
          message: end.message,
          ...(end.url ? { url: end.url } : {}),
          ...(end.qr ? { qr: end.qr } : {}),
        };
        humans.push(e);
        tally.human++;
        emit(e);
        return;
      }
      default:
        throw new Error(`apply step for ${address} ended in ${end.kind}: ${notDoneMessage(end)}`);
    }
  };

  /**
   * The outbox holds rendered rows: texts with the room's name and times, coupons, the room id, share
   * paths and posters. When none of the reminders changed but something they show did (the room was
   * renamed or re-created, a coupon edited), the pending rows are rewritten here; rows already sent
   * or in flight are never touched (src/reminders/reconcile.ts). Quiet when nothing differs.
   */
  const refreshOutbox = async (list: Change[]): Promise<void> => {
    const anchor = isChannels(opts.campaign) ? 'reservation' : 'room';
    if (stopped || list.length === 0 || blocked.has(anchor) || !run.snapshot.resources.get(anchor)?.remoteId)
      return;
    const t0 = performance.now();
    try {
      const r = await opts.reminders({
        campaign: opts.campaign,
        times: opts.times,
        now: run.now(),
        changes: [],
        snapshot: run.snapshot,
        store: opts.store,
      });
      if (r.refreshed)
        emit({
          type: 'change-done',
          address: 'outbox',
          action: 'update',
          message: `${r.refreshed} pending row${r.refreshed === 1 ? '' : 's'} rewritten with the campaign as it is now`,
          requests: 0,
          durationMs: Math.round(performance.now() - t0),
        });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      emit({
        type: 'change-failed',
        address: 'outbox',
        action: 'update',
        message: err.message,
        ...(err.hint ? { hint: err.hint } : {}),
        durationMs: Math.round(performance.now() - t0),
      });
      tally.failed++;
    }
  };

  /** reminder/* and menu through the reminder hook: one outbox write for all of them. */
  const remindersPhase = async (list: Change[], phase: string): Promise<void> => {
    const todo = list.filter((c) => c.action === 'create' || c.action === 'update' || c.action === 'delete');
    if (todo.length === 0) {
      if (phase === 'reminder') await refreshOutbox(list);
      return;
    }
    const ready: Change[] = [];
    for (const c of todo) {
      const dep = [c.address, ...dependenciesOf(c)].find((d) => blocked.has(d));
      if (stopped || dep) {
        blocked.add(c.address);
        tally.skipped++;
        tally.blockedSkips++;
        emit({
          type: 'change-skipped',
          address: c.address,
          action: c.action,
          message: stopped ? `not attempted: ${stopped}` : `${dep} did not complete`,
        });
      } else ready.push(c);
    }
    if (ready.length === 0) return;
    await opts.heartbeat?.();
    const t0 = performance.now();
    for (const c of ready)
      emit({ type: 'change-start', address: c.address, action: c.action, message: c.reason });
    try {
      const r = await opts.reminders({
        campaign: opts.campaign,
        times: opts.times,
        now: run.now(),
        changes: ready,
        snapshot: run.snapshot,
        store: opts.store,
      });
      run.snapshot = await opts.store.snapshot(name);
      for (const c of ready) {
        tally.done++;
        emit({
          type: 'change-done',
          address: c.address,
          action: c.action,
          message: r.byAddress?.get(c.address) ?? r.message,
          requests: 0,
          durationMs: Math.round(performance.now() - t0),
        });
      }
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      for (const c of ready) {
        blocked.add(c.address);
        const e: ChangeFailedEvent = {
          type: 'change-failed',
          address: c.address,
          action: c.action,
          message: err.message,
          ...(err.hint ? { hint: err.hint } : {}),
          durationMs: Math.round(performance.now() - t0),
        };
        failures.push(e);
        tally.failed++;
        emit(e);
      }
    }
  };

  try {
    for (const phase of PHASES) {
      if (phase === 'room-goods' && opts.reconcile !== false && !stopped && !isChannels(opts.campaign)) {
        reconcile = await runReconcile(s, blocked, emit);
        tally.done += reconcile.added.length;
      }
      const list = byPhase.get(phase) ?? [];
      if (phase === 'reminder' || phase === 'menu') {
        await remindersPhase(list, phase);
        continue;
      }
      if (phase === 'goods')
        await inParallel(groupByAddress(list), GOODS_CONCURRENCY, async (g) => {
          for (const change of g) await one(change);
        });
      else for (const change of list) await one(change);
    }
  } catch (err) {
    await opts.store.recordApply(name, {
      at: run.now().toISOString(),
      outcome: 'failed',
      message: err instanceof Error ? err.message : String(err),
    });
    throw err;
  }

  const waiting = [...run.resources('goods/'), ...run.resources('store-product/')].filter(
    (r) => r.remoteId && r.auditStatus === 'pending',
  ).length;
  const incomplete = tally.failed + tally.human + tally.blockedSkips;
  const outcome: SummaryEvent['outcome'] =
    incomplete === 0 ? 'complete' : tally.done > 0 ? 'partial' : 'failed';
  const summary: SummaryEvent = {
    type: 'summary',
    outcome,
    done: tally.done,
    failed: tally.failed,
    skipped: tally.skipped,
    adopted: tally.adopted,
    waiting,
    human: tally.human + tally.planHuman,
    requests: run.requests(),
    durationMs: Math.round(performance.now() - started),
    message: summaryMessage(outcome, tally, waiting, isChannels(opts.campaign)),
  };
  await opts.store.recordApply(
    name,
    { at: run.now().toISOString(), outcome, message: summary.message },
    outcome === 'complete' ? opts.campaignHash : undefined,
  );
  emit(summary);
  return { outcome, summary, failures, human: humans, ...(reconcile ? { reconcile } : {}) };
}

async function runReconcile(
  s: StepContext,
  blocked: ReadonlySet<Address>,
  emit: (e: ApplyEvent) => void,
): Promise<ReconcileResult> {
  const wanted = new Set(
    s.run.opts.campaign.products.map((p) => p.id).filter((id) => !blocked.has(`goods/${id}`)),
  );
  const addToRoom = !blocked.has('room');
  return reconcileGoods({ writer: s.run, mp: s.run.mp, emit, addToRoom, wanted });
}

function summaryMessage(
  outcome: SummaryEvent['outcome'],
  t: { done: number; failed: number; human: number; adopted: number },
  waiting: number,
  channels = false,
): string {
  const wait = !waiting
    ? ''
    : channels
      ? ` ${waiting} product${waiting === 1 ? '' : 's'} waiting on the 微信小店's audit: apply again to put ${waiting === 1 ? 'it' : 'them'} in the showcase once approved.`
      : ` ${waiting} goods waiting on audit: apply again (or livectl status --refresh) to put them into the room once approved.`;
  const adopted = t.adopted ? ` (${t.adopted} adopted from an earlier attempt)` : '';
  if (outcome === 'complete') {
    return `Apply complete: ${t.done} change${t.done === 1 ? '' : 's'} made${adopted}.${wait}`;
  }
  const parts = [
    t.failed ? `${t.failed} failed` : '',
    t.human ? `${t.human} waiting for a person` : '',
  ].filter(Boolean);
  return (
    `Apply ${outcome === 'partial' ? 'incomplete' : 'failed'}: ${t.done} done${adopted}, ${parts.join(', ') || 'some changes blocked'}. ` +
    `Everything that succeeded is saved; fix the cause and apply again to resume.${wait}`
  );
}
