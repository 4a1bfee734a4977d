import type { Rule } from '../context.js';
import { channelsLivePage } from '../platform/channels-waves.js';
import { couponsByHand } from '../platform/wechatpay.js';
import { auditDeadline } from './audit-deadline.js';
import { liveWithoutCoupon, noPreheatCoupon, noShareIncentive } from './coupons.js';
import { noFeedback } from './feedback.js';
import { groupBuyCategory } from './group-buy-category.js';
import { longBroadcast } from './long-broadcast.js';
import { lotteryOnTheHour } from './lottery-on-the-hour.js';
import { quietHours } from './quiet-hours.js';
import { singleHost } from './single-host.js';
import { singleLottery } from './single-lottery.js';
import { singleWave } from './single-wave.js';
import { noWarmUp } from './warm-up.js';
import { waveMissing } from './wave-missing.js';

/**
 * Playbook rules: advice from the live-commerce playbook (playbook.md). Warnings — the merchant may
 * have reasons. Each rule is a small pure function with its own codes; order here is report order
 * for findings at the same position.
 */
export const playbookRules: readonly Rule[] = [
  singleWave,
  waveMissing,
  noPreheatCoupon,
  liveWithoutCoupon,
  quietHours,
  noWarmUp,
  singleHost,
  lotteryOnTheHour,
  singleLottery,
  groupBuyCategory,
  noShareIncentive,
  couponsByHand,
  channelsLivePage,
  noFeedback,
  auditDeadline,
  longBroadcast,
];
