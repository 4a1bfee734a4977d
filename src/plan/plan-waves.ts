import { messageScope } from '../campaign/message-scope.js';
import { isChannels, livePageOf } from '../campaign/platform.js';
import type { AfterWave, ChannelSettings, Coupon, Wave } from '../campaign/schema.js';
import { parseDuration } from '../campaign/time.js';
import { posterTargets } from '../poster/targets.js';
import type { Address } from '../state/types.js';
import { local, type PlanContext } from './context.js';
import { desiredCode, desiredMenu, desiredPoster, specHash } from './desired.js';
import { describeChanges, diffFields, formatValue } from './diff.js';
import { planChannelsCode, planCodelessPoster } from './plan-channels-waves.js';
import type { Change } from './types.js';

/**
 * Per wave: its share code (`code/<wave>`), its poster (`poster/<wave>`, which waves get one is the
 * poster module's rule) and one reminder per channel (`reminder/<wave>/<channel>`); and the
 * Official Account menu (`menu`). Waves already past need nothing new.
 */

export interface AnyWave {
  wave: Wave | AfterWave;
  at?: Date;
  after: boolean;
}

export function allWaves(ctx: PlanContext): AnyWave[] {
  return [
    ...ctx.campaign.waves.map((wave) => ({ wave, at: ctx.times.waves.get(wave.id), after: false })),
    ...ctx.campaign.after.map((wave) => ({ wave, at: ctx.times.after.get(wave.id), after: true })),
  ];
}

export interface WavesPlan {
  codes: Change[];
  posters: Change[];
  menu: Change[];
  reminders: Change[];
}

export function planWaves(ctx: PlanContext): WavesPlan {
  const waves = allWaves(ctx);
  const channels = isChannels(ctx.campaign);
  const codes = channels
    ? waves.flatMap((w) => planChannelsCode(ctx, w) ?? [])
    : waves.map((w) => planCode(ctx, w));
  const posters = planPosters(ctx, waves, codes);
  const reminders = waves.flatMap((w) => w.wave.channels.map((ch) => planReminder(ctx, w, ch)));
  const menu = planMenu(ctx, waves);
  const wanted = new Set<Address>([...codes, ...posters, ...reminders].map((c) => c.address));
  const gone = (address: Address) => {
    const parts = address.split('/');
    const wave = waves.find((w) => w.wave.id === parts[1]);
    if (!wave) return `wave ${parts[1]} is no longer in the campaign`;
    if (parts[0] === 'reminder') return `channel ${parts[2]} is no longer in wave ${parts[1]}`;
    return `wave ${parts[1]} no longer has one`;
  };
  for (const [address, rec] of ctx.state.resources) {
    const kind = address.split('/')[0];
    if ((kind !== 'code' && kind !== 'poster' && kind !== 'reminder') || wanted.has(address)) continue;
    const change: Change = { address, action: 'delete', reason: gone(address), before: rec.sent };
    (kind === 'code' ? codes : kind === 'poster' ? posters : reminders).push(change);
  }
  return { codes, posters, menu, reminders };
}

const isPast = (ctx: PlanContext, at: Date | undefined, graceMs = 0) =>
  at !== undefined && at.getTime() + graceMs <= ctx.now.getTime();

function planCode(ctx: PlanContext, w: AnyWave): Change {
  const address = `code/${w.wave.id}`;
  const rec = ctx.state.resources.get(address);
  const roomId = ctx.room.remoteId;
  if (rec && roomId) {
    const spec = desiredCode(ctx.campaign.metadata.name, roomId, w.wave.id, livePageOf(ctx.campaign));
    if (rec.hash === specHash(spec))
      return { address, action: 'noop', reason: `made for room ${roomId}`, before: rec.sent };
    if (w.at && isPast(ctx, w.at))
      return {
        address,
        action: 'noop',
        reason: `the wave went out at ${local(ctx, w.at)}`,
        before: rec.sent,
      };
    return {
      address,
      action: 'update',
      reason:
        rec.sent?.scene === spec.scene && rec.sent?.page !== spec.page
          ? `opens ${typeof rec.sent?.page === 'string' ? rec.sent.page : 'the home page'}: made again for ${spec.page ?? 'the home page'}`
          : `made for another room or scene (${formatValue(rec.sent?.scene)}): made again for ${spec.scene}`,
      before: rec.sent,
      after: spec as unknown as Record<string, unknown>,
      dependsOn: ['room'],
    };
  }
  if (w.at && isPast(ctx, w.at)) {
    return {
      address,
      action: 'noop',
      // Without a record nothing went out: the wave's time passed before this campaign was applied.
      reason: rec
        ? `the wave went out at ${local(ctx, w.at)}: not needed`
        : `the wave's time ${local(ctx, w.at)} is past: not needed`,
      ...(rec ? { before: rec.sent } : {}),
    };
  }
  const after = roomId
    ? (desiredCode(
        ctx.campaign.metadata.name,
        roomId,
        w.wave.id,
        livePageOf(ctx.campaign),
      ) as unknown as Record<string, unknown>)
    : { wave: w.wave.id };
  return {
    address,
    action: 'create',
    reason: roomId ? 'not made yet' : 'not made yet (once the room exists)',
    after,
    dependsOn: ['room'],
  };
}

function planPosters(ctx: PlanContext, waves: AnyWave[], codes: Change[]): Change[] {
  const { targets } = posterTargets(ctx.campaign, ctx.times);
  const out: Change[] = [];
  // On channels without a live page no wave has a code: its poster carries none.
  const codeless = isChannels(ctx.campaign) && livePageOf(ctx.campaign) === undefined;
  for (const t of targets) {
    if (t.waveId === undefined) continue; // the room's own poster belongs to `livectl posters`
    const w = waves.find((x) => x.wave.id === t.waveId);
    if (codeless) {
      out.push(planCodelessPoster(ctx, t, w));
      continue;
    }
    const address = `poster/${t.waveId}`;
    const codeAddress = `code/${t.waveId}`;
    const rec = ctx.state.resources.get(address);
    const code = codes.find((c) => c.address === codeAddress);
    const template = `template ${t.template}`;
    if (code && (code.action === 'create' || code.action === 'update')) {
      out.push({
        address,
        action: rec ? 'update' : 'create',
        reason: rec
          ? `the share code is made again: rendered again (${template})`
          : `not rendered yet (${template})`,
        after: { wave: t.waveId, template: t.template },
        dependsOn: [codeAddress],
      });
      continue;
    }
    const codeRec = ctx.state.resources.get(codeAddress);
    const past = isPast(ctx, w?.at);
    if (rec && codeRec && rec.hash === specHash(desiredPoster(codeRec.hash, t.waveId))) {
      out.push({
        address,
        action: 'noop',
        reason: `rendered (${template})`,
        before: rec.sent ?? rec.attributes,
      });
    } else if (past || !codeRec) {
      const at = w?.at ? local(ctx, w.at) : '?';
      out.push({
        address,
        action: 'noop',
        reason: codeRec
          ? `the wave went out at ${at}: not needed`
          : `the wave's time ${at} is past: not needed`,
      });
    } else {
      out.push({
        address,
        action: rec ? 'update' : 'create',
        reason: rec
          ? `made from an older share code: rendered again (${template})`
          : `not rendered yet (${template})`,
        after: { wave: t.waveId, template: t.template },
        dependsOn: [codeAddress],
      });
    }
  }
  return out;
}

const CHANNEL_WORDS: Record<ChannelSettings['type'], string> = {
  'wecom-groups': 'WeCom customer-group send',
  'wecom-moments': 'WeCom Moments post',
  'official-account': 'Official Account article',
  'subscribe-message': 'subscribe message',
  'live-followers': "the room's followers",
  robot: 'group robot',
};

/**
 * What the outbox row will hold, as far as the plan can say (the row's full payload is the
 * reminders' schedule, written when apply runs). `shows` is what the wave's text and card draw from
 * the campaign (room name and time, anchor, the wave's coupons), so renaming the room or editing a
 * coupon updates pending rows and the plan says so; apply also rewrites pending rows whenever the
 * room itself changes (src/apply/executor.ts).
 */
export function reminderSpec(ctx: PlanContext, w: AnyWave, channel: string): Record<string, unknown> {
  const ch = ctx.campaign.channels[channel];
  const scope = messageScope(ctx.campaign, ctx.times, w.wave) as {
    room: { name: string; when: string };
    anchor: { name: string };
    coupons: Coupon[];
  };
  return {
    wave: w.wave.id,
    channel,
    type: ch?.type ?? channel,
    due: w.at?.toISOString(),
    graceMs: w.wave.grace !== undefined ? parseDuration(w.wave.grace) : undefined,
    message: w.wave.message,
    poster: w.wave.poster,
    shows: {
      room: scope.room.name,
      when: scope.room.when,
      anchor: scope.anchor.name,
      coupons: scope.coupons.map((k) => `${k.title} 满${k.threshold}减${k.amount} ×${k.quantity}`),
    },
  };
}

function planReminder(ctx: PlanContext, w: AnyWave, channel: string): Change {
  const address = `reminder/${w.wave.id}/${channel}`;
  const spec = reminderSpec(ctx, w, channel);
  const rec = ctx.state.resources.get(address);
  const ch = ctx.campaign.channels[channel];
  const how = ch ? CHANNEL_WORDS[ch.type] : channel;
  const due = w.at ? local(ctx, w.at) : '?';
  const graceMs = typeof spec.graceMs === 'number' ? spec.graceMs : 0;
  if (rec) {
    if (rec.hash === specHash(spec))
      return { address, action: 'noop', reason: `scheduled for ${due} (${how})`, before: rec.sent };
    if (isPast(ctx, w.at, graceMs))
      return { address, action: 'noop', reason: `was due at ${due}: past`, before: rec.sent };
    const what = describeChanges(
      diffFields(rec.sent, spec),
      (d) => `${d.field} ${formatValue(d.before)} → ${formatValue(d.after)}`,
    );
    return { address, action: 'update', reason: what || 'changed', before: rec.sent, after: spec };
  }
  if (isPast(ctx, w.at, graceMs))
    return { address, action: 'noop', reason: `was due at ${due}: past, not scheduled` };
  return { address, action: 'create', reason: `due ${due} (${how})`, after: spec };
}

function planMenu(ctx: PlanContext, waves: AnyWave[]): Change[] {
  const spec = desiredMenu(ctx.campaign);
  const rec = ctx.state.resources.get('menu');
  if (!spec) {
    return rec
      ? [
          {
            address: 'menu',
            action: 'delete',
            reason: "no menu in the campaign any more: the Official Account's menu is restored",
            before: rec.sent,
          },
        ]
      : [];
  }
  const after = spec as unknown as Record<string, unknown>;
  const label = `${spec.name}${spec.page ? ` → ${spec.page}` : ''}`;
  if (rec) {
    if (rec.hash === specHash(spec))
      return [{ address: 'menu', action: 'noop', reason: `switched to ${label}`, before: rec.sent }];
    const what = describeChanges(
      diffFields(rec.sent, after),
      (d) => `${d.field} ${formatValue(d.before)} → ${formatValue(d.after)}`,
    );
    return [{ address: 'menu', action: 'update', reason: what || 'changed', before: rec.sent, after }];
  }
  // The playbook switches the menu with the first wave that goes to the Official Account.
  const first = waves
    .flatMap((w) => (w.wave.channels.includes(spec.channel) && w.at ? [{ wave: w.wave, at: w.at }] : []))
    .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  const when = first && first.at.getTime() > ctx.now.getTime() ? first.at : undefined;
  return [
    {
      address: 'menu',
      action: 'create',
      reason: `the Official Account's first-level menu becomes ${label}${first ? ` with wave ${first.wave.id}${when ? ` (${local(ctx, when)})` : ''}` : ''}`,
      after,
      ...(when ? { notBefore: when.toISOString() } : {}),
    },
  ];
}
