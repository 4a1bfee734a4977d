import { isChannels } from '../campaign/platform.js';
import { resolveTimes } from '../campaign/resolve.js';
import type { Campaign } from '../campaign/schema.js';
import { formatLocal, isValidTimeZone } from '../campaign/time.js';
import { UserError } from '../errors.js';
import { done, type StepOutcome } from '../outcome.js';
import type { Clock } from '../platform/deps.js';
import { reconcileSchedule } from '../reminders/reconcile.js';
import type { StateStore } from '../state/port.js';
import type { Address, ResourceRecord } from '../state/types.js';
import type { MenuButton } from '../wechat/official-account.js';
import type { WeChatPayClient } from '../wechatpay/client.js';
import { channelsDestroyTargets, destroyChannels } from './channels-destroy.js';
import { type ApplyClients, ApplyRun } from './context.js';
import { stopStock } from './coupons.js';
import type { ApplyEvent, ChangeFailedEvent } from './events.js';
import { deleteGoods, listedGoods } from './goods.js';
import { RemoteLookup } from './lookup.js';
import { MediaManager } from './media.js';
import { findEarlierAttempt } from './pending-create.js';
import { deleteRoom, listedRooms } from './room.js';
import { LIVE_STATUS_TEXT } from './status.js';
import { notDoneMessage, type StepContext } from './steps.js';

/**
 * `livectl destroy`: removes from WeChat what livectl created for a campaign — the room unless its
 * broadcast has started (a started room is kept, and said so), the goods (an audit in progress is
 * withdrawn first), the room's goods with them — and forgets local records (codes, posters, media
 * ids, which expire by themselves). When nothing is left, the campaign is forgotten by the store.
 */

export interface DestroyTarget {
  address: Address;
  /**
   * delete: removed from WeChat; keep: left alone (and why); forget: local record only; leave: a
   * remote object this campaign cannot show it made — left on WeChat, its record forgotten.
   */
  action: 'delete' | 'keep' | 'forget' | 'leave';
  remoteId?: string;
  reason: string;
  /** Set when the object was made by a create whose answer was lost (its pending create's time). */
  pendingSince?: string;
}

export interface DestroyPlan {
  campaign: string;
  known: boolean;
  targets: DestroyTarget[];
  /** Live status of the room when asked (undefined: no room, or the platform no longer lists it). */
  liveStatus?: number;
}

export interface DestroyResult {
  deleted: string[];
  kept: DestroyTarget[];
  /** Remote objects not this campaign's to delete: left on WeChat, their records forgotten. */
  left: DestroyTarget[];
  failures: ChangeFailedEvent[];
  /** True when the campaign was removed from the store (nothing of it is left). */
  forgotten: boolean;
  /** Pending reminder outbox rows cancelled. */
  cancelledReminders: number;
}

export interface DestroyOptions {
  campaign: Campaign;
  store: StateStore;
  clients: ApplyClients;
  clock: Clock;
  emit?: (e: ApplyEvent) => void;
  countRequests?: () => number;
  /** WeChat Pay, to stop the campaign's coupon stocks (they cannot be deleted). */
  wechatPay?: WeChatPayClient;
}

/** A room whose broadcast started (live, paused, ended, banned, …) is never deleted. */
const STARTED = (s: number | undefined) => s !== undefined && s !== 102;

function context(run: ApplyRun): StepContext {
  return { run, media: new MediaManager(run), lookup: new RemoteLookup(() => run.mp) };
}

async function openRun(o: DestroyOptions): Promise<ApplyRun> {
  const name = o.campaign.metadata.name;
  return new ApplyRun(
    {
      campaign: o.campaign,
      times: resolveTimes(o.campaign),
      assets: new Map(),
      campaignHash: '',
      store: o.store,
      clients: o.clients,
      clock: o.clock,
      emit: o.emit ?? (() => {}),
      artifactsDir: '',
      ...(o.countRequests ? { countRequests: o.countRequests } : {}),
    },
    await o.store.snapshot(name),
  );
}

/**
 * Why destroy must not delete the object behind `r`, or undefined when this campaign made it: created
 * it, or adopted it from its own pending create. An older livectl adopted look-alikes by name alone
 * (`adopted` without `origin`): such an object may be another campaign's, so it is left on WeChat.
 * An object another campaign in this store also tracks is left too.
 */
function notOurs(r: ResourceRecord, others: ReadonlyMap<string, string>): string | undefined {
  if (r.attributes.adopted === true && r.attributes.origin !== 'adopted') {
    return (
      'adopted by an older livectl from a look-alike on WeChat, which may be another campaign’s: left on ' +
      'WeChat, record forgotten (delete it in the WeChat console if it is this campaign’s)'
    );
  }
  const other = r.remoteId ? others.get(`${r.kind}:${r.remoteId}`) : undefined;
  if (other) return `campaign ${other} in this state store tracks it too: left on WeChat, record forgotten`;
  return undefined;
}

/** `<kind>:<remoteId>` → the name of another campaign in the store that tracks it. */
async function trackedElsewhere(store: StateStore, self: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const c of await store.listCampaigns()) {
    if (c.name === self) continue;
    for (const r of (await store.snapshot(c.name)).resources.values())
      if (r.remoteId && (r.kind === 'room' || r.kind === 'goods')) out.set(`${r.kind}:${r.remoteId}`, c.name);
  }
  return out;
}

/**
 * Creates whose answer was lost (pending creates): what such a create made is this campaign's, and
 * only that (pending-create.ts decides, as apply does). It is deleted like the rest; when it made
 * nothing, the record is forgotten.
 */
async function pendingTargets(run: ApplyRun, others: ReadonlyMap<string, string>): Promise<DestroyTarget[]> {
  const pendings = (await run.store.pendingCreates(run.name)).filter(
    (p) => (p.kind === 'room' || p.kind === 'goods') && !run.resource(p.address)?.remoteId,
  );
  if (pendings.length === 0) return [];
  const lookup = new RemoteLookup(() => run.mp);
  const exclude = new Set([
    ...[...others.keys()].map((k) => k.slice(k.indexOf(':') + 1)),
    ...[...run.snapshot.resources.values()].flatMap((r) => (r.remoteId ? [r.remoteId] : [])),
  ]);
  const out: DestroyTarget[] = [];
  for (const p of pendings) {
    const rooms = p.kind === 'room' ? await lookup.rooms() : [];
    const listed = p.kind === 'room' ? listedRooms(rooms) : listedGoods(await lookup.library());
    const found = await findEarlierAttempt(run, p.address, listed, exclude);
    if (found.found === 'one') {
      const room = rooms.find((r) => String(r.roomid) === found.id);
      const started = room !== undefined && STARTED(Number(room.liveStatus));
      out.push({
        address: p.address,
        action: started ? 'keep' : 'delete',
        remoteId: found.id,
        reason: started
          ? 'made by a create whose answer was lost; the broadcast has started: a started room is kept'
          : 'made by a create of this campaign whose answer was lost',
        pendingSince: p.startedAt,
      });
    } else if (found.found === 'several') {
      out.push({
        address: p.address,
        action: 'leave',
        remoteId: found.ids.join(', '),
        reason:
          'several objects look like what a lost create of this campaign made; which one cannot be told, so none is deleted',
      });
    } else {
      out.push({
        address: p.address,
        action: 'forget',
        reason: 'a create whose answer was lost made nothing',
      });
    }
  }
  return out;
}

/** What destroy would do, asking the platform only for the room's live status. */
export async function planDestroy(o: DestroyOptions): Promise<DestroyPlan> {
  const run = await openRun(o);
  const name = run.name;
  if (!run.snapshot.campaign) return { campaign: name, known: false, targets: [] };
  const others = await trackedElsewhere(o.store, name);
  const room = run.resource('room');
  let liveStatus: number | undefined;
  let roomGone = false;
  if (room?.remoteId) {
    const info = (await run.mp.rooms.listAll()).find((r) => String(r.roomid) === room.remoteId);
    if (info) liveStatus = Number(info.liveStatus);
    else roomGone = true;
  }
  const started = STARTED(liveStatus);
  const live = liveStatus === 101 || liveStatus === 105;
  const targets: DestroyTarget[] = [];
  const roomNotOurs = room ? notOurs(room, others) : undefined;
  if (room) {
    if (room.remoteId && roomNotOurs) {
      targets.push({ address: 'room', action: 'leave', remoteId: room.remoteId, reason: roomNotOurs });
    } else if (!room.remoteId || roomGone) {
      targets.push({ address: 'room', action: 'forget', reason: 'not on the platform' });
    } else if (started) {
      targets.push({
        address: 'room',
        action: 'keep',
        remoteId: room.remoteId,
        reason: `the broadcast has started (${LIVE_STATUS_TEXT[liveStatus!] ?? liveStatus}): a started room is kept`,
      });
    } else {
      targets.push({ address: 'room', action: 'delete', remoteId: room.remoteId, reason: 'not started' });
    }
  }
  for (const r of run.resources('goods/')) {
    const id = r.address.slice('goods/'.length);
    const inRoom = Boolean(run.resource(`room-goods/${id}`)?.remoteId);
    const left = notOurs(r, others);
    if (r.remoteId && left)
      targets.push({ address: r.address, action: 'leave', remoteId: r.remoteId, reason: left });
    else if (!r.remoteId)
      targets.push({ address: r.address, action: 'forget', reason: 'never confirmed on the platform' });
    else if (live && inRoom) {
      targets.push({
        address: r.address,
        action: 'keep',
        remoteId: r.remoteId,
        reason: 'on the shelf of the live room (deleting it would pull it off the broadcast)',
      });
    } else {
      targets.push({
        address: r.address,
        action: 'delete',
        remoteId: r.remoteId,
        reason:
          r.auditStatus === 'pending' ? 'in audit: the audit is withdrawn first' : (r.auditStatus ?? 'goods'),
      });
    }
  }
  targets.push(...(await pendingTargets(run, others)));
  // A menu the campaign switched and has not put back yet is restored from its backup: destroy also
  // cancels the restore row that would have done it, and the merchant's menu must not stay ours.
  const menu = run.resource('menu');
  const menuSwitched =
    menu !== undefined &&
    'backup' in menu.attributes &&
    menu.attributes.switchedAt !== undefined &&
    menu.attributes.restoredAt === undefined;
  if (menuSwitched) {
    targets.push({
      address: 'menu',
      action: 'delete',
      reason: `restore the Official Account menu backed up before the switch of ${whenLocal(menu.attributes.switchedAt, o.campaign.metadata.timezone)}`,
    });
  }
  // Coupon stocks: WeChat Pay deletes none (wechatpay-coupons.md §5.3); ours stop issuing, others stay.
  for (const r of run.resources('coupon/')) {
    if (r.remoteId && !r.attributes.external)
      targets.push({
        address: r.address,
        action: 'delete',
        remoteId: r.remoteId,
        reason: "a stock can't be deleted: it stops issuing (budget down to what was already sent)",
      });
    else
      targets.push({
        address: r.address,
        action: 'forget',
        reason: r.remoteId ? 'stock not created by livectl: left as it is' : 'never confirmed on WeChat Pay',
      });
  }
  const local = [...run.snapshot.resources.values()].filter(
    (r) =>
      r.kind === 'code' ||
      r.kind === 'poster' ||
      r.kind === 'media' ||
      r.kind === 'mark' ||
      (r.kind === 'menu' && !menuSwitched) ||
      r.address.startsWith('reminder/'),
  );
  for (const r of local) targets.push({ address: r.address, action: 'forget', reason: 'local record' });
  if (isChannels(o.campaign)) targets.push(...(await channelsDestroyTargets(run, context(run))));
  return { campaign: name, known: true, targets, ...(liveStatus !== undefined ? { liveStatus } : {}) };
}

/** Carries out a destroy plan (made under the same lock, just before). */
export async function destroyCampaign(o: DestroyOptions, plan: DestroyPlan): Promise<DestroyResult> {
  const run = await openRun(o);
  const s = context(run);
  const emit = o.emit ?? (() => {});
  const result: DestroyResult = {
    deleted: [],
    kept: [],
    left: [],
    failures: [],
    forgotten: false,
    cancelledReminders: 0,
  };
  const fail = (t: DestroyTarget, t0: number, message: string, hint?: string) => {
    const e: ChangeFailedEvent = {
      type: 'change-failed',
      address: t.address,
      action: 'delete',
      message,
      ...(hint ? { hint } : {}),
      durationMs: Math.round(performance.now() - t0),
    };
    result.failures.push(e);
    emit(e);
  };
  /** One delete: a step that is not done (goods in audit) fails the delete, as a refusal does. */
  const step = async (t: DestroyTarget, work: () => Promise<StepOutcome<{ message: string }>>) => {
    const t0 = performance.now();
    const r0 = run.requests();
    emit({ type: 'change-start', address: t.address, action: 'delete', message: t.reason });
    try {
      const end = await work();
      if (end.kind !== 'done') return fail(t, t0, notDoneMessage(end));
      const r = end.value;
      result.deleted.push(t.address);
      emit({
        type: 'change-done',
        address: t.address,
        action: 'delete',
        message: r.message,
        ...(t.remoteId ? { remoteId: t.remoteId } : {}),
        requests: run.requests() - r0,
        durationMs: Math.round(performance.now() - t0),
      });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      fail(t, t0, err.message, err.hint);
    }
  };
  // What a lost create made is recorded first (adopted from its pending create), then handled as the rest.
  for (const t of plan.targets.filter(
    (x) => x.pendingSince && x.remoteId && (x.address === 'room' || x.address.startsWith('goods/')),
  )) {
    const kind = t.address === 'room' ? 'room' : 'goods';
    await run.put({
      address: t.address,
      kind,
      remoteId: t.remoteId!,
      attributes: { origin: 'adopted', adopted: true, pendingSince: t.pendingSince },
    });
  }
  // Goods first (deleting them also takes them out of the room), then the room, then local records.
  const byAction = (a: DestroyTarget['action']) => plan.targets.filter((t) => t.action === a);
  for (const t of byAction('delete').filter((x) => x.address.startsWith('goods/'))) {
    await step(t, () => deleteGoods(s, t.address));
  }
  for (const t of byAction('delete').filter((x) => x.address === 'room')) {
    await step(t, async () => {
      const r = await deleteRoom(s);
      if (r.value.kept) throw new UserError(r.value.message);
      for (const rg of run.resources('room-goods/')) await run.remove(rg.address);
      return r;
    });
  }
  for (const t of byAction('delete').filter((x) => x.address === 'menu')) {
    await step(t, async () => {
      const oa = o.clients.officialAccount;
      if (!oa) {
        throw new UserError('cannot restore the Official Account menu without its credentials', {
          hint: 'Set LIVECTL_OA_SECRET and run destroy again; until then the menu keeps the campaign entry.',
        });
      }
      const backup = run.resource('menu')!.attributes.backup as { button: MenuButton[] } | null;
      if (backup) await oa.createMenu({ button: backup.button });
      else await oa.deleteMenu();
      await run.remove('menu');
      return done({
        message: backup ? 'menu restored from its backup' : 'menu removed (there was none before)',
      });
    });
  }
  for (const t of byAction('delete').filter((x) => x.address.startsWith('coupon/'))) {
    await step(t, async () => {
      if (!o.wechatPay)
        throw new UserError(
          'cannot stop the coupon stocks without WeChat Pay (accounts.wechatPay and its keys)',
        );
      const r = await stopStock(o.wechatPay, run.name, t.address.slice('coupon/'.length), t.remoteId!);
      await run.remove(t.address);
      return done(r);
    });
  }
  await destroyChannels(
    run,
    s,
    byAction('delete').filter((x) => /^(showcase|store-product|store-coupon)\//.test(x.address)),
    step,
  );
  for (const t of byAction('keep')) {
    result.kept.push(t);
    emit({ type: 'change-skipped', address: t.address, action: 'delete', message: `kept: ${t.reason}` });
  }
  for (const t of byAction('leave')) {
    result.left.push(t);
    await run.dropPendingCreate(t.address);
    emit({ type: 'change-skipped', address: t.address, action: 'delete', message: t.reason });
    if (run.resource(t.address)) await run.remove(t.address);
    if (t.address === 'room') for (const rg of run.resources('room-goods/')) await run.remove(rg.address);
    else {
      const rg = `room-goods/${t.address.slice('goods/'.length)}`;
      if (run.resource(rg)) await run.remove(rg);
    }
  }
  for (const t of byAction('forget')) {
    if (run.resource(t.address)) await run.remove(t.address);
    await run.dropPendingCreate(t.address);
    if (t.address === 'room') for (const rg of run.resources('room-goods/')) await run.remove(rg.address);
  }
  // Reminders not sent yet go too (sent ones are history; one in flight finishes under its lease).
  result.cancelledReminders = await cancelPendingReminders(o.store, run.name, o.clock.now());
  const left = [...run.snapshot.resources.values()];
  if (left.length === 0 && result.failures.length === 0) {
    await o.store.forgetCampaign(run.name);
    result.forgotten = true;
  }
  return result;
}

/** Cancels the campaign's pending outbox rows (an empty schedule cancels every pending row). */
async function cancelPendingReminders(store: StateStore, campaign: string, now: Date): Promise<number> {
  const outbox = store.outbox();
  if ((await outbox.counts(campaign)).pending === 0) return 0;
  return (await outbox.upsert(campaign, [], now, reconcileSchedule)).cancelled;
}

/** A recorded instant as a person reads it: `2027-03-07 13:02 Asia/Shanghai` (the campaign's zone). */
function whenLocal(iso: unknown, tz: string): string {
  const d = typeof iso === 'string' ? new Date(iso) : undefined;
  if (!d || Number.isNaN(d.getTime())) return String(iso);
  const zone = isValidTimeZone(tz) ? tz : 'Asia/Shanghai';
  return `${formatLocal(d, zone)} ${zone}`;
}
