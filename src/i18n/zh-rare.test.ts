// The rarer texts of doctor, the failure envelope and apply in Chinese: one English sample per phrase
// (as the code writes it), each rendered with no English sentence left, and every phrase used.
import { describe, expect, it } from 'vitest';
import { englishLeft } from '../../test/support/english.js';
import { hintFor, type Platform } from '../wechat/error-hints.js';
import { applyEventZh } from './apply-zh.js';
import { eventsMore } from './apply-zh-more.js';
import { doctorDetailZh, doctorFixZh, doctorTitleZh } from './doctor-zh.js';
import { DETAILS_MORE, FIXES_MORE, TITLES_MORE } from './doctor-zh-more.js';
import { API_HINTS_ZH_CODES, apiHintZh } from './error-hints-zh.js';
import { failureHintZh, failureMessageZh } from './errors-zh.js';
import { HINTS_MORE, MESSAGES_MORE } from './errors-zh-more.js';

const TITLES = [
  'Token: 微信小店 wx1111111111111111',
  '视频号 showcase (橱窗)',
  'Live dashboard (带货直播数据)',
  '微信小店 audit quota',
  'WeChat Pay private key',
  'WeChat Pay public key',
];

const DETAILS = [
  'network error (ECONNREFUSED)',
  'no answer within 10000 ms',
  'LIVECTL_CREDENTIALS names ./creds.yaml, which cannot be read (ENOENT)',
  'LIVECTL_CREDENTIALS names ./creds, which is not a file',
  'no campaign given, so no accounts to check (set: LIVECTL_APP_SECRET, credentials file ./c.yaml (1 mini program(s), 0 WeCom corp(s), 0 Official Account(s), 0 WeChat Pay merchant(s), 1 微信小店, 1 视频号助手)); tokens and the live permission need one',
  'no campaign given, so no accounts to check (set: none); tokens and the live permission need one',
  'LIVECTL_APP_SECRET is not set (nor LIVECTL_APP_SECRET_WX01, nor wx01 in ./c.yaml)',
  'LIVECTL_WECHATPAY_PRIVATE_KEY is not set',
  '48001: the 橱窗 switch is off for this account',
  '48001: the API is not open for this account',
  '小美老师 (sphAbCdEf123), 1200 followers',
  'the 视频号助手 account is sphOther (别人), not accounts.channels.finderUserName sphAbCdEf123',
  'the showcase answers (3 product(s) of the 微信小店)',
  'the live dashboard answers (status --refresh reads viewers, orders and GMV after the broadcast)',
  '997 of 1000 product audit submissions left',
  'product submissions are blocked (block_status 1); 0 of 1000 left',
  "merchant 1900000109 uses 商品券 (product-coupon): livectl does not create those, so its coupons stay a person's task",
  './keys/apiclient_key.pem cannot be read (EACCES)',
  './keys/x.pem is not a PEM key',
  './keys/x.pem is a public key PEM, not a private key',
  './keys/apiclient_key.pem is readable by every user (mode 644)',
  './keys/apiclient_key.pem (from LIVECTL_WECHATPAY_PRIVATE_KEY): an RSA private key PEM, not world-readable',
  './creds.yaml can be read by other users (mode 644): livectl refuses a credentials file only its owner should read',
  './creds.yaml:3:1: bad indentation (not valid YAML or JSON)',
  'postgres://livectl:***@db/livectl connects and is up to date',
  'campaign.yaml: 2 errors, first: E_START_PAST the broadcast start is in the past',
  "can't tell: no answer from api.weixin.qq.com (connection refused)",
  "can't tell: the platform's answer carried no Date header",
  "can't tell: no answer from the platform (HTTP 502)",
  'mini program wx0123456789abcdef: LIVECTL_APP_SECRET; 微信小店 wx1111111111111111: credentials file ./c.yaml',
];

const FIXES = [
  'In 视频号助手 → 直播 → 直播管理 → 开放能力 → 开放场景, turn on the switch of this capability, then run doctor again. Check also that accounts.channels.assistantAppId is the 视频号助手 AppID (a 微信小店 token gets 48001 too).',
  'Set accounts.channels.finderUserName to sphOther, or use the 视频号助手 AppID of sphAbCdEf123.',
  'Products wait until the store may submit again: apply later (微信小店后台 shows why).',
  'Set the coupons up in the merchant platform; a merchant onboarded to 商家券 before 2025-12-15 can use product: busifavor instead.',
  'Fix the file named by LIVECTL_CREDENTIALS, or unset it.',
  'Point LIVECTL_CREDENTIALS at the credentials file (YAML or JSON), or unset it.',
  'The credentials file maps miniPrograms, wecom, officialAccounts, channelsShops and channelsAssistants ids to { secret }, and wechatPay merchant ids to { privateKey, publicKey } (paths). See the README, "Many merchants".',
  "This machine's IP address is not on the account's IP allow-list (IP白名单). Add it in the admin console (mini program: mp.weixin.qq.com → Development → Development settings → IP whitelist; WeCom: the app → Trusted IPs), wait a minute, and run doctor again. The IP WeChat saw is in the message above.",
  'The secret is wrong (or was reset in the admin console). Copy the current AppSecret into the variable.',
  'The AppID or CorpID is wrong: check accounts in the campaign file (an AppID is wx + 16 hex digits).',
  'The secret was refused. Copy the current AppSecret into the variable.',
  'The secret is empty: set the variable.',
  'WeChat froze new 小程序直播 permissions ("系统维护阶段，暂时不支持新增开通直播权限"); accounts that already have it keep it. There is nothing to fix in livectl: use a mini program that already has the permission, or broadcast through 视频号直播 (WeChat Channels) instead.',
  'Reminders go out by this clock and rooms must start at least 10 minutes ahead: turn on time sync (timedatectl set-ntp true, or chrony), then run doctor again.',
  'Check the URL in --state or LIVECTL_STATE, the password (in the URL or PGPASSWORD), and that the server accepts connections from this host.',
  'Run livectl validate campaign.yaml for every error with its line and a hint.',
  'Point LIVECTL_WECHATPAY_PRIVATE_KEY at the private key PEM file.',
  'LIVECTL_WECHATPAY_PRIVATE_KEY must name the merchant API private key (apiclient_key.pem).',
  'LIVECTL_WECHATPAY_PUBLIC_KEY must name the WeChat Pay public key (pub_key.pem, downloaded with its PUB_KEY_ID_… from the merchant platform).',
  'Replace ./keys/x.pem with an intact RSA PEM.',
  "export LIVECTL_WECHATPAY_PRIVATE_KEY=/path/to/the private key PEM (or LIVECTL_WECHATPAY_PRIVATE_KEY_1900000109, or the merchant's entry in the credentials file)",
  'export LIVECTL_WECHATPAY_PUBLIC_KEY=/path/to/the public key PEM',
];

const MESSAGES = [
  'cannot read the saved plan plan.json (ENOENT)',
  'plan.json is not a saved plan this livectl understands (formatVersion 0)',
  'the saved plan plan.json is stale: it is for campaign a, the file now says b',
  'the saved plan plan.json is stale: campaign.yaml changed since the plan was made',
  "the saved plan plan.json is stale: it does not record its images' hashes (made by an earlier livectl)",
  'the saved plan plan.json is stale: image assets/cover.png changed since the plan was made',
  'the saved plan plan.json is stale: the state changed since (serial 3 → 5: another apply ran in between)',
  'the saved plan plan.json is stale: it was made against another state store (or before the campaign was destroyed and applied again)',
  'cannot write the plan to out/plan.json (ENOENT)',
  'status --all lists every campaign in the state store: drop the campaign file (campaign.yaml)',
  'unknown shell "fish"; livectl completion supports bash, zsh',
  'scale must be 1 or 2, got 3',
  '--port expects a TCP port (0–65535, 0 picks a free one), got "x"',
  '--lease expects a duration from 1s to 1d such as 5m or 30s, got "2d"',
  '--scale must be 1 or 2, got "3"',
  'destroy needs --yes when it cannot ask (no terminal, or --format json)',
  'another livectl daemon is running on this host (box1) for postgres://u:***@db/x',
  'another livectl daemon is running on ./state.db',
  'LIVECTL_WECHAT_API is not a URL',
  'LIVECTL_WECHAT_API must be an http(s) address, got ftp:',
  'LIVECTL_WECHAT_API is http://10.0.0.5:8080: plain http:// to a host that is not this machine would send secrets and access tokens in clear',
  'Cannot read the pixel size of tea.png',
  'there is no wave "t-9d" in campaign goddess-day-2027',
  'wave "replay" has no poster: after the broadcast, and the room keeps no replay: add `poster:` to make one',
  'LIVECTL_STATE mysql://db/x: mysql:// is not a state store livectl knows; the supported forms are the path of a SQLite file and a postgres:// URL',
  'The state store ./state.db is busy: another livectl (apply, dispatch or daemon) held it for more than 5 s.',
  './state.db is not a livectl state store: it is not an SQLite database.',
  'The state store ./state.db is damaged (SQLITE_CORRUPT).',
  'The state store ./state.db could not be read or written (disk I/O error).',
  'The disk holding the state store ./state.db is full; nothing was written.',
  'Cannot use the state store ./state.db: SQLITE_CANTOPEN',
  'The state store ./state is a folder; --state and LIVECTL_STATE name a file.',
  './x.db is an SQLite database, but not a livectl state store.',
  './x.db is an SQLite database of another program, not a livectl state store.',
  'postgres://u:***@db/x is a PostgreSQL database, but not a livectl state store.',
  './state.db was written by a newer livectl (state schema 9; this livectl knows up to 7).',
  'The state store postgres://u:***@db/x cannot be reached (ECONNREFUSED).',
  'The state store postgres://u:***@db/x refused the login (28P01).',
  'The state store postgres://u:***@db/x does not exist (3D000).',
  'The state store postgres://u:***@db/x refused a change (42501).',
  'The connection to the state store postgres://u:***@db/x was lost (57P01).',
  'The state store postgres://u:***@db/x is out of resources (53300).',
  'campaign goddess-day-2027 is not in the state store',
  'lost the lock apply:goddess-day-2027: this run stalled and another run may have started',
  'LIVECTL_APP_SECRET is not set (nor LIVECTL_APP_SECRET_WX01, nor wx01 in ./c.yaml): livectl needs the AppSecret of the mini program wx01 to call WeChat',
  'the AppSecret of the 视频号助手 wx2222222222222222 is not set: livectl needs it to call the 视频号 / 微信小店 APIs',
  'campaign goddess-day-channels is on platform channels but has no accounts.channels',
  'this run has no Channels clients (accounts.channels and its two secrets)',
  'No WeCom credentials',
  'LIVECTL_CREDENTIALS names ./c.yaml, which cannot be read (ENOENT)',
  'LIVECTL_CREDENTIALS names ./c, which is not a file',
  './c.yaml can be read by other users (mode 644): livectl refuses a credentials file only its owner should read',
  'LIVECTL_WECHATPAY_PRIVATE_KEY is not set: coupons become WeChat Pay stocks when accounts.wechatPay is present',
  'LIVECTL_WECHATPAY_PRIVATE_KEY names ./k.pem, which cannot be read (ENOENT)',
  'cannot read the message file texts/teaser.txt (campaigns/texts/teaser.txt): ENOENT: no such file or directory',
  'cannot read the shipped message template soon (templates/messages/soon.txt): EACCES: permission denied',
  'campaign spring-tea has no accounts.miniProgram',
  'product lipstick-520 has no page',
  "the room's type cannot change after it is created (phone → push)",
  'the broadcast has started (or ended): WeChat allows no more edits to the room',
  "the sub-anchor ajie_02 is the room's anchor",
  'room 101 is no longer on the platform: its assistants cannot change',
  'coupons are WeChat Pay stocks (accounts.wechatPay) but no WeChat Pay client was opened',
  'coupons[0].stockId 1212000999 belongs to merchant 1900000110, not 1900000109',
  'coupon warmup-50: the claim window cannot be computed (no broadcast start or end)',
  "coupon warmup-50: stock 1212000001 has already sent 300, so its quantity can't go down to 200",
  'coupon grab-20: product longjing is not in the 微信小店 yet (apply creates it first)',
  'coupons[0] (grab-20): the 微信小店 refused the coupon: invalid discount (errcode 10020052)',
  'coupons[1].channels.couponId 99 is not a coupon of this 微信小店',
  'products[1].channels.productId 99 is not a product of this 微信小店',
  'products[0] (longjing): the 微信小店 refused the product: invalid sku (errcode 10020013)',
  'products[0] (longjing): the 微信小店 audit rejected product 10000000000001: no reason given',
  'the 微信小店 is not bound to this 视频号 (errcode 10020067): the showcase takes only products of a bound store',
  'cannot restore the Official Account menu without its credentials',
  'cannot stop the coupon stocks without WeChat Pay (accounts.wechatPay and its keys)',
  '/cgi-bin/stable_token: no answer within 15000 ms (timeout)',
  '/cgi-bin/stable_token: network error (ECONNREFUSED) (network)',
  '/wxaapi/broadcast/room/create: unreadable answer (HTTP 200, text/html) (http)',
  '/wxaapi/broadcast/room/create: answered ok without a usable roomId (got none) (errcode 0)',
  '/wxaapi/broadcast/room/create: Bad Gateway (http)',
  '/wxaapi/broadcast/room/create: invalid args rid: 6543 (errcode 200002)',
  '/v3/marketing/busifavor/stocks: answer refused: bad signature (SIGNATURE, HTTP 200)',
  '/v3/marketing/busifavor/stocks: unreadable answer (HTTP, HTTP 502)',
  '/v3/marketing/busifavor/stocks: no stock_id in the answer (HTTP, HTTP 200)',
];

const HINTS = [
  'Make a new one with `livectl plan <campaign> --out plan.json`.',
  'Check that the folder exists and is writable.',
  'Use `livectl status --all` (the store from --state, LIVECTL_STATE or .livectl/state.db here), or `livectl status <campaign>` for one.',
  'Waves: t-3d, t-1d.',
  'Give the path of a SQLite file (e.g. --state /var/lib/livectl/state.db) or a PostgreSQL URL (e.g. LIVECTL_STATE=postgres://livectl@db.internal:5432/livectl). Fix or unset LIVECTL_STATE.',
  'Wait for the other run to finish and try again. If none is running, a stuck process may still have the file open.',
  'Check --state / LIVECTL_STATE. livectl never overwrites this file.',
  'Check --state / LIVECTL_STATE; livectl leaves this file as it is.',
  'Check --state / LIVECTL_STATE; livectl leaves this database as it is. Give it a database of its own (CREATE DATABASE livectl).',
  'Restore it from a backup, or keep a copy and try `sqlite3 <file> .recover`. livectl never overwrites it; moving it aside starts a new, empty store (livectl then no longer knows what it created).',
  'Its -wal or -shm file may have been deleted or replaced while livectl had it open, or the disk failed. Stop every livectl using it (dispatch, daemon, apply), then run again; if the error stays, restore the store from a backup (`sqlite3 <file> ".backup copy.db"` makes one safely).',
  'Check that the path is a file you may read and write (and its folder too: SQLite writes -wal and -shm files beside it).',
  'For example ./state/state.db.',
  'Upgrade livectl; an older one cannot safely use this store.',
  'Check that the PostgreSQL server is running and accepts connections from this host, then run again. Writes not confirmed were not made; leases of rows in flight expire and the rows come back.',
  'Give the password in the URL (postgres://user:password@host/db) or in PGPASSWORD; livectl never prints it.',
  'Create it first (e.g. `createdb livectl`); livectl creates its tables on first open.',
  'The user in the URL needs to create tables in the database (first open) and to read and write them.',
  'The server restarted or dropped the connection; run again. Writes not confirmed were not made.',
  'Reminders are written by `livectl apply` once the campaign exists.',
  'Run the command again; what succeeded so far is saved.',
  'Set LIVECTL_CHANNELS_SHOP_SECRET and LIVECTL_CHANNELS_ASSISTANT_SECRET (or the per-account forms).',
  'Set the account id in the campaign and the secret in LIVECTL_WECOM_SECRET (or the credentials file).',
  'Point LIVECTL_CREDENTIALS at the credentials file (YAML or JSON), or unset it.',
  'livectl doctor checks both key files.',
  'Run `livectl validate` on the campaign; every file it refers to must be readable.',
  'Add accounts.miniProgram {appId, livePage} (a mini program of the same subject as the 视频号 on platform: channels).',
  'Give products[].page, the mini-program page of the product (required on platform: mini-program).',
  'Change room.type back, or destroy the campaign and apply it again to get a new room.',
  'Changes to a started room must be made by the anchor in the live console.',
  'room.subAnchor.wechat must be another person than room.anchor.wechat.',
  '`livectl status --refresh` shows what the platform has.',
  'Name a stock of accounts.wechatPay.mchId, or remove stockId to create one.',
  'Set quantity to 300 or more (300 stops it issuing).',
  'Copy the id from 微信小店后台 → 营销 → 优惠券, or remove couponId to let livectl create it.',
  'Copy the product id from 微信小店后台 → 商品 → 商品管理, or remove productId to let livectl create it.',
  'Fix what the reason names (title, images, category, attributes) in the campaign file and apply again: livectl sends the change and submits it again. 微信小店后台 → 商品 shows the details.',
  'Bind them in 视频号助手 → 带货中心 → 合作账号 (or 微信小店后台 → 合作账号 → 视频号): a person scans the invitation code. Then apply again.',
  'Set LIVECTL_OA_SECRET and run destroy again; until then the menu keeps the campaign entry.',
  'Could not reach http://127.0.0.1:9. Check the network (or LIVECTL_WECHAT_API / LIVECTL_WECOM_API), then try again.',
  'The connection broke before WeChat answered, so the request may or may not have taken effect. livectl repeats safe calls itself; for a create or a send, run livectl status (or apply again: it looks first).',
  'Nothing answers /wxaapi/broadcast/room/create at http://127.0.0.1:9. Check LIVECTL_WECHAT_API / LIVECTL_WECOM_API.',
  "WeChat's servers had a problem. Try again in a few minutes; for a create, check livectl status first.",
  'WeChat answered HTTP 403. Check LIVECTL_WECHAT_API / LIVECTL_WECOM_API and any proxy in between.',
  'Try again later.',
  'Check what would go with `livectl status <campaign>`, then run `livectl destroy <campaign> --yes`.',
  'One daemon per host: daemons on other hosts share the rows with it. Stop the other one (or wait 3 minutes after it crashed).',
  'One daemon per state store. Stop the other one (or wait 3 minutes after it crashed), or use `livectl dispatch` from cron instead.',
  'Set LIVECTL_WECHAT_API to an https:// address, or http://127.0.0.1:PORT for the emulator.',
  'Use https://, or http:// only to loopback (127.0.0.1, ::1, localhost). To accept the risk on a network you trust, set LIVECTL_ALLOW_INSECURE=1.',
  'Set accounts.channels.shopAppId in the campaign and the secret in LIVECTL_CHANNELS_SHOP_SECRET (or the credentials file).',
  'Use a PNG, JPEG, GIF or WebP image for the store.',
  'WeChat Pay refused the request signature: check accounts.wechatPay.serialNo (the merchant API certificate serial) and LIVECTL_WECHATPAY_PRIVATE_KEY (its private key).',
  'WeChat Pay refused a field: fix the coupon in the campaign file (livectl validate) and apply again.',
  'The merchant has no 商家券 permission (busifavor takes no merchants onboarded after 2025-12-15): use product: product-coupon or set the coupons up by hand.',
  'The mini program is not bound to this merchant: bind accounts.miniProgram.appId to the mchId in the merchant platform (产品中心 → AppID账号管理).',
  'WeChat Pay does not know this stock for this merchant: check coupons[].stockId and accounts.wechatPay.mchId.',
  'The answer did not verify with the WeChat Pay public key, so livectl did not believe it. Check LIVECTL_WECHATPAY_PUBLIC_KEY and accounts.wechatPay.publicKeyId, and anything between you and LIVECTL_WECHATPAY_API.',
  'WeChat said the call succeeded but sent no id, so it may have taken effect. Apply again: it looks for what this campaign created before creating anything a second time.',
  hintFor(987654321).hint,
];

const EVENTS = [
  'not attempted: the credentials were refused',
  'not attempted: WeChat cannot be reached',
  'not attempted: the API frequency limit or daily quota is reached (45009)',
  "not submitted: today's 500 audit submissions are used up (apply again tomorrow)",
  'room did not complete',
  'not before 2027-02-22T16:00:00.000Z (the daily audit quota is spread over days)',
  'the reservation is not found yet',
  'the room does not exist yet',
  'the share code of wave t-3d does not exist yet',
  'in audit: WeChat accepts no changes (name, price) until the audit ends; apply again afterwards',
  'in audit on the platform: WeChat accepts no changes until the audit ends',
  'goods 2001 is in audit and its auditId is unknown, so the audit cannot be withdrawn; delete it after the audit ends',
  `The sub-anchor (ajie_02) has not passed WeChat's real-name check for live streaming (errcode 300037). Ask them to finish the check in the "小程序直播" mini program (or correct room.subAnchor.wechat), then run apply again.`,
  `The assistant (xiaozhu) has not passed WeChat's real-name check for live streaming (errcode 500002). Ask them to finish the check in the "小程序直播" mini program (or correct during.assistants), then run apply again.`,
  `The anchor (xiaomei_01) has not passed WeChat's real-name check for live streaming. Ask them to scan this code with WeChat and finish the check in the "小程序直播" mini program, then run apply again.`,
  'This mini program has no live-streaming permission, and WeChat no longer opens 小程序直播 to new accounts (errcode 268489001, "system maintenance"). Accounts that already had it are unaffected. Nothing livectl can do will create the room: use an account with the permission, or plan the broadcast on 视频号 live.',
  'WeChat Pay already made the stock for coupon warmup-50 (out_request_no lc0123) but its answer was lost, and busifavor has no query by out_request_no to learn its id. Read the stock id in https://pay.weixin.qq.com → 营销中心 → 商家券 — the stock named "满199减50" — then add `stockId: "<that id>"` to coupons[0] (id: warmup-50) in the campaign file and apply again: livectl checks it and tracks it as this campaign\'s.',
  'scene r=101&w=t-3d for pages/live/entry, code written to out/codes/t-3d.png',
  'stock 1212000999 (RUNNING, 20 sent) recorded; budget 800 → 1000 (stock 1212000999, 20 sent)',
  'budget 800 → 1000 (stock 1212000999, 20 sent)',
  'stock 1212000001 created: 1000 × 5000 fen off 19900 fen',
  "stock 1212000001 had already ended (20 sent); a stock can't be deleted",
  "stock 1212000001 stopped issuing: budget 1000 → 20 (already sent); a stock can't be deleted, claimed coupons stay usable",
  'replaced (name changed; approved goods take only price changes): submitted for audit (goodsId 2001)',
  'updated (name, closeComment)',
  'sub-anchor ajie_02 removed',
  'sub-anchor ajie_02 added',
  'sub-anchor ajie_02 (already set)',
  'sub-anchor ajie_02 → lili_03',
  'assistant xiaozhu removed',
  'assistant xiaozhu added',
  'assistant xiaozhu 小助 → 小助手',
  'created (roomId 101), then brought it up to date; sub-anchor ajie_02 added',
  'updated (name); assistant xiaozhu added',
  'submitted for audit (goodsId 2001); 2 goods on WeChat look like an earlier attempt of this campaign (2001, 2002) but which one it made cannot be told (another campaign created the same meanwhile), so none was adopted: check for a stray copy',
];

function used(rules: readonly [RegExp, unknown][], samples: readonly string[]): string[] {
  return rules.filter(([re]) => !samples.some((s) => new RegExp(re.source).test(s))).map(([re]) => re.source);
}

function left(samples: readonly string[], zh: (s: string) => string): string[] {
  return samples.flatMap((s) => englishLeft(zh(s)).map((e) => `${s}\n    → ${zh(s)}\n    (${e})`));
}

describe('the rarer texts in Chinese', () => {
  it('doctor: every title, finding and fix', () => {
    expect(left(TITLES, doctorTitleZh)).toEqual([]);
    expect(left(DETAILS, doctorDetailZh)).toEqual([]);
    expect(left(FIXES, doctorFixZh)).toEqual([]);
    // A platform's hint as a fix: the failure envelope's phrases and the errcode hints.
    const reach =
      'Could not reach http://127.0.0.1:9. Check the network (or LIVECTL_WECHAT_API / LIVECTL_WECOM_API), then try again.';
    expect(left([reach, hintFor(40164).hint], doctorFixZh)).toEqual([]);
    expect([
      ...used(TITLES_MORE, TITLES),
      ...used(DETAILS_MORE, DETAILS),
      ...used(FIXES_MORE, FIXES),
    ]).toEqual([]);
  });

  it('failures: every message and hint', () => {
    expect(left(MESSAGES, failureMessageZh)).toEqual([]);
    expect(left(HINTS, failureHintZh)).toEqual([]);
    expect([...used(MESSAGES_MORE, MESSAGES), ...used(HINTS_MORE, HINTS)]).toEqual([]);
  });

  it('apply: every event', () => {
    expect(left(EVENTS, applyEventZh)).toEqual([]);
    expect(
      used(
        eventsMore((s) => s),
        EVENTS,
      ),
    ).toEqual([]);
  });

  it('the most common errcodes have Chinese hints, with the QR link kept', () => {
    const codes: [number, Platform][] = [
      [-1, 'wechat'],
      [40001, 'wechat'],
      [45009, 'wechat'],
      [200002, 'wechat'],
      [300036, 'wechat'],
      [48001, 'channels'],
      [60020, 'wecom'],
    ];
    for (const [code, platform] of codes) {
      const zh = apiHintZh(hintFor(code, platform).hint);
      expect(zh, String(code)).toBeDefined();
      expect(englishLeft(zh!)).toEqual([]);
    }
    expect(failureHintZh(`${hintFor(300036).hint} QR link: https://example.test/qr`)).toMatch(
      /实名认证.* 二维码链接：https:\/\/example\.test\/qr$/,
    );
    expect(API_HINTS_ZH_CODES.length).toBeGreaterThanOrEqual(20);
    // Each names a hint the table has (a code whose English changed would silently stay English).
    const stale = API_HINTS_ZH_CODES.filter(([p, code]) => apiHintZh(hintFor(code, p).hint) === undefined);
    expect(stale).toEqual([]);
  });
});
