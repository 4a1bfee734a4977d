import type { CrossFileRule, Rule } from '../context.js';
import { accountIds, channelAccounts } from './accounts.js';
import { filesExist, goodsImagePixels, imageBytes, imageFormat } from './assets.js';
import { uniqueAssistants } from './assistants.js';
import { channelsAccountIds, platformAccounts } from './channels-accounts.js';
import { channelsCoupons, channelsCouponWindow } from './channels-coupons.js';
import { channelsImages, channelsPrices, channelsProducts, channelsTitles } from './channels-products.js';
import { channelsNoFollowersPush, channelsNoWeChatPay } from './channels-waves.js';
import { goodsLibrary, roomsAtOnce, roomsPerDay } from './cross-file.js';
import { likesForLotteries, replayForAfterWaves } from './features.js';
import { livePage } from './live-page.js';
import { anchorNameWidth, productNameWidth, roomNameWidth } from './names.js';
import { pagePaths } from './pages.js';
import {
  couponBelowThreshold,
  discountBelowOriginal,
  groupBuyBelowPrice,
  moneyDecimals,
  rangeMinBelowMax,
} from './prices.js';
import {
  channelRefs,
  couponRefs,
  groupBuyRefs,
  liveFollowersTiming,
  placeholderRefs,
  placeholderValues,
  productCardRefs,
  templateRefs,
} from './references.js';
import { shareScene } from './scene.js';
import { subscribeFields } from './subscribe.js';
import {
  broadcastDuration,
  endOrDuration,
  momentsResolve,
  realDates,
  startWindow,
  uniqueIds,
  validTimeZone,
  waveOrder,
} from './times.js';
import { wallTimesExist } from './wall-times.js';
import { wechatPayCoupons } from './wechatpay.js';
import { articleTitleSize, cardTitleSize, messageSize } from './wecom-limits.js';

/** Platform rules: what WeChat would reject. Errors. */
export const platformRules: readonly Rule[] = [
  roomNameWidth,
  anchorNameWidth,
  productNameWidth,
  moneyDecimals,
  discountBelowOriginal,
  rangeMinBelowMax,
  groupBuyBelowPrice,
  couponBelowThreshold,
  validTimeZone,
  realDates,
  wallTimesExist,
  endOrDuration,
  broadcastDuration,
  startWindow,
  momentsResolve,
  waveOrder,
  uniqueIds,
  platformAccounts,
  accountIds,
  channelsAccountIds,
  channelAccounts,
  pagePaths,
  livePage,
  shareScene,
  channelRefs,
  couponRefs,
  wechatPayCoupons,
  groupBuyRefs,
  productCardRefs,
  likesForLotteries,
  replayForAfterWaves,
  uniqueAssistants,
  templateRefs,
  placeholderRefs,
  placeholderValues,
  liveFollowersTiming,
  filesExist,
  imageFormat,
  imageBytes,
  goodsImagePixels,
  subscribeFields,
  messageSize,
  cardTitleSize,
  articleTitleSize,
  channelsProducts,
  channelsTitles,
  channelsImages,
  channelsPrices,
  channelsCoupons,
  channelsCouponWindow,
  channelsNoWeChatPay,
  channelsNoFollowersPush,
];

/** Limits per mini program across all files validated together. Errors. */
export const crossFileRules: readonly CrossFileRule[] = [roomsPerDay, roomsAtOnce, goodsLibrary];
