/**
 * What each platform errcode means for a marketer, and what to do about it. The wording is for the
 * person running the campaign, not for a developer: say what happened, then the next step.
 * Every code in ../shared/reference/wechat-live-api.md and wechat-channels-api.md (and peers.md's
 * 268489001 and 43003) has an entry; a unit test holds the list. (Those API notes live outside this
 * repository, with the project's design notes.)
 *
 * `kind` groups codes by what happens next, so callers (apply, dispatch, doctor) can branch without
 * knowing codes: `retry` transient, `token` credentials, `human` a person must act (scan a QR, confirm),
 * `input` the campaign or request is wrong, `quota` a limit was hit (wait), `config` an account or
 * admin-console setting, `state` the remote object is in the wrong state, `wait` the platform is still working
 * (audit, replay), `skip` not really an error.
 */

export type HintKind = 'retry' | 'token' | 'human' | 'input' | 'quota' | 'config' | 'state' | 'wait' | 'skip';

export interface ErrorHint {
  kind: HintKind;
  hint: string;
}

const h = (kind: HintKind, hint: string): ErrorHint => ({ kind, hint });

const MISLEADING_200002 =
  'WeChat rejected a parameter (200002). This code covers several unrelated problems, and its message is often misleading: ' +
  'a start/end time outside the allowed window (start more than 10 minutes from now and at most 6 months ahead, ' +
  'duration 30 minutes to 24 hours), a required field that is missing or empty (e.g. goodsInfo, url, shareImg), ' +
  'or a request body not sent as JSON. Check the field named in the message and the times in the campaign, then apply again.';

/** Codes shared by every api.weixin.qq.com and qyapi.weixin.qq.com endpoint, plus the live API's own. */
export const ERROR_HINTS: Readonly<Record<number, ErrorHint>> = {
  [-1]: h(
    'retry',
    'WeChat was busy (system error). livectl retries reads automatically; for a create, check whether it happened (livectl status) before running apply again.',
  ),
  1: h('skip', 'No live room exists yet (old-style empty list). Nothing to do.'),
  1001: h(
    'input',
    'WeChat refused the share-code request parameters. Check the room id and the custom params, then try again.',
  ),
  1003: h(
    'input',
    'That goods id does not exist in the goods library. It may have been deleted; run livectl plan to register it again.',
  ),
  1007: h(
    'retry',
    'WeChat returned no data while creating the room. Check with livectl status whether the room exists, then apply again.',
  ),
  2003: h(
    'input',
    'WeChat refused to remove this role (2003, undocumented). Check the WeChat ID and role in the live console.',
  ),

  40001: h(
    'token',
    'The access token was rejected (invalid, replaced by another process, or the AppSecret is wrong). livectl refreshes it once by itself; if this persists, check the app secret in the environment.',
  ),
  40002: h(
    'token',
    'WeChat rejected the grant type of the token request. This is a livectl bug; please report it.',
  ),
  40003: h(
    'input',
    'The user id (openid/userid) is wrong, empty or belongs to another app. Check the audience list.',
  ),
  40004: h(
    'input',
    'WeChat does not accept this media type. Use a JPG or PNG image (or a supported voice/video/file type).',
  ),
  40005: h(
    'input',
    'WeChat does not accept this file type. Convert the file to a supported format and try again.',
  ),
  40006: h(
    'input',
    'The file is too large or too small for WeChat. Make it smaller (images ≤ 2 MB is safe) and try again.',
  ),
  40007: h(
    'input',
    'The media id is invalid or expired (media ids live 3 days). livectl re-uploads images on the next apply; run it again.',
  ),
  40008: h('input', 'WeChat does not know this message type. This is a livectl bug; please report it.'),
  40009: h('input', 'The image is too large for WeChat. Shrink it (size and pixels) and try again.'),
  40011: h('input', 'The video is too large for WeChat. Use a shorter or smaller MP4 and try again.'),
  40013: h('config', 'The AppID or CorpID is wrong. Check accounts in the campaign file.'),
  40014: h(
    'token',
    'The access token is invalid. livectl refreshes it once by itself; if this persists, check the secret in the environment.',
  ),
  40016: h('input', 'The menu has the wrong number of buttons: 1 to 3 top-level buttons.'),
  40017: h('input', 'A menu button has an unsupported type. Check the button types in the campaign.'),
  40018: h('input', 'A menu button name is too long (top level ≤ 16 bytes, about 4 Chinese characters).'),
  40019: h('input', 'A menu button key is too long (≤ 128 bytes).'),
  40020: h('input', 'A menu button link is too long (≤ 1024 bytes).'),
  40023: h('input', 'A menu has the wrong number of sub-buttons: 1 to 5 under each top-level button.'),
  40025: h('input', 'A sub-menu button name is too long (≤ 60 bytes).'),
  40027: h('input', 'A sub-menu button link is too long (≤ 1024 bytes).'),
  40037: h(
    'input',
    'The subscribe-message template id is wrong. Copy it again from the mini program admin console.',
  ),
  40054: h(
    'input',
    'A sub-menu link uses a domain WeChat does not allow. Use an https link on an allowed domain.',
  ),
  40055: h(
    'input',
    'A menu link uses a domain WeChat does not allow. Use an https link on an allowed domain.',
  ),
  40058: h(
    'input',
    'WeCom rejected a parameter as invalid. Check the channel settings (senders, chat ids, tags) in the campaign.',
  ),
  40091: h(
    'token',
    'The WeCom secret is invalid. Check LIVECTL_WECOM_SECRET (it must be the customer-contact app secret).',
  ),
  40096: h(
    'input',
    'Some WeCom customer ids (external_userid) are invalid. Check the audience list; the rest were sent.',
  ),
  40097: h(
    'input',
    'WeChat rejected the mini-program code arguments. Check scene, page and width in the poster settings.',
  ),
  40119: h(
    'input',
    'A menu button type is not allowed for this account (e.g. a miniprogram button needs the mini program linked to the Official Account).',
  ),
  40120: h('input', 'A menu button type is invalid for a sub-button. Check the menu in the campaign.'),
  40125: h(
    'token',
    'The AppSecret is wrong. Check the secret in the environment (it may have been reset in the admin console).',
  ),
  40129: h(
    'input',
    "The mini-program code scene is invalid. Use at most 32 characters of letters, digits and !#$&'()*+,/:;=?@-._~.",
  ),
  40159: h('input', 'The mini-program page path is too long or malformed. Shorten the page path.'),
  40164: h(
    'config',
    "This machine's IP address is not on the account's IP whitelist. Add it in the admin console (Development → Basic settings), then try again.",
  ),
  40169: h(
    'input',
    'The mini-program code scene is too long (≤ 32 characters) or malformed. Shorten the scene.',
  ),
  40243: h(
    'config',
    'The AppSecret is frozen. An administrator must unfreeze or reset it in the admin console.',
  ),
  41001: h('token', 'The request carried no access token. This is a livectl bug; please report it.'),
  41002: h('config', 'The AppID is missing. Set accounts.*.appId in the campaign.'),
  41004: h('config', 'The app secret is missing. Set it in the environment (e.g. LIVECTL_APP_SECRET).'),
  41005: h('input', 'The upload carried no file. Check the file path in the campaign.'),
  41030: h(
    'input',
    'The page is not in the released version of the mini program. Release the page first (for share codes: accounts.miniProgram.livePage), or fix the page path.',
  ),
  42001: h(
    'token',
    'The access token expired. livectl refreshes it once by itself; if this persists, check that the clock of this machine is right.',
  ),
  43001: h('input', 'WeChat wanted a GET request here. This is a livectl bug; please report it.'),
  43002: h('input', 'WeChat wanted a POST request here. This is a livectl bug; please report it.'),
  43003: h('config', 'WeChat requires https. Check LIVECTL_WECHAT_API / LIVECTL_WECOM_API.'),
  43101: h(
    'skip',
    'This user has not subscribed (or already used their one-time permission). Skipped; nothing to fix.',
  ),
  43107: h(
    'config',
    'The subscribe-message ability or this template is banned. Check the mini program admin console.',
  ),
  43108: h('retry', 'Another message is being sent to this user right now. Try again in a moment.'),
  44001: h('input', 'The uploaded file is empty. Check the file path in the campaign.'),
  44004: h('input', 'The message text is empty. Write the message in the campaign.'),
  44002: h('input', 'WeChat received an empty request body. This is a livectl bug; please report it.'),
  45001: h('input', 'The media file is too large. Make it smaller and try again.'),
  45002: h('input', 'The message content is too long. Shorten the text.'),
  45003: h('input', 'The article title is too long (≤ 32 characters). Shorten it.'),
  45004: h('input', 'The article summary (digest) is too long (≤ 128 characters). Shorten it.'),
  45110: h('input', 'The article author is too long (≤ 16 characters). Shorten it.'),
  45009: h(
    'quota',
    'A daily (or, for robots and some APIs, per-minute) quota is used up. Wait until tomorrow, or ask an administrator to reset the quota in the admin console.',
  ),
  45011: h(
    'retry',
    'Too many calls this minute. livectl slows down and retries; if it persists, run fewer jobs at once.',
  ),
  45028: h(
    'quota',
    'No mass-send quota left for the Official Account (subscription accounts: once a day). Send tomorrow.',
  ),
  45029: h(
    'quota',
    'The lifetime limit of 100,000 limited mini-program codes is reached. Use unlimited codes (scene) instead.',
  ),
  45033: h('retry', 'Too many calls at the same time. livectl slows down and retries.'),
  45047: h(
    'quota',
    'Customer-service message limit reached (only within 48 h of the user writing). Use another channel.',
  ),
  45065: h(
    'skip',
    'This mass message was already sent in the last 24 h (same clientmsgid). Nothing was sent twice.',
  ),
  45066: h(
    'retry',
    'The same mass message was retried within a minute. Wait a minute, then check with livectl status before sending again.',
  ),
  45067: h(
    'input',
    'The mass-send clientmsgid is too long (≤ 64 bytes). This is a livectl bug; please report it.',
  ),
  45103: h('config', 'This API has been retired by WeChat. Update livectl.'),
  45168: h('input', 'The message contains a sensitive word. Reword the message.'),
  46003: h('state', 'The Official Account has no menu yet. Nothing to back up.'),
  47001: h(
    'input',
    'WeChat could not read the request (data format error, or a required field missing). Check the campaign values; if they look right, report it.',
  ),
  47003: h(
    'input',
    'A subscribe-message value breaks its type rule (the message names the field, e.g. data.thing1.value). Fix that value in the campaign.',
  ),
  48001: h(
    'config',
    'The account lacks permission for this API (live not enabled, plugin not released, or the account is not verified). Check the admin console.',
  ),
  48002: h(
    'config',
    'This WeCom app is not allowed to call this API. Add it under Customer Contact → apps that can call the API.',
  ),
  50004: h(
    'config',
    'WeChat has forbidden this account from fetching tokens. Check the admin console for notices.',
  ),
  50007: h('config', 'The account is frozen. Check the admin console for notices.'),
  60011: h(
    'config',
    "The WeCom app may not act for this member or department. Widen the app's visible range in the WeCom admin console.",
  ),
  60020: h(
    'config',
    "This machine's IP address is not a trusted IP of the WeCom app. Add it in the WeCom admin console.",
  ),
  65301: h('input', 'That conditional menu does not exist.'),
  65302: h('input', 'No such user for menu matching.'),
  65303: h('state', 'A default menu must exist before a conditional menu. Create the default menu first.'),
  65304: h('input', 'The conditional menu match rule is empty.'),
  65305: h('quota', 'Too many conditional menus.'),
  65306: h('config', 'This account does not support conditional menus.'),
  65307: h('input', 'The conditional menu is empty.'),
  65308: h('input', 'A menu button has no action. Give every button a type.'),
  65309: h('config', 'Conditional menus are switched off for this account.'),
  65310: h('input', 'A menu match rule names a province or city without a country.'),
  65311: h('input', 'A menu match rule names a city without a province.'),
  65312: h('input', 'A menu match rule has an invalid country.'),
  65313: h('input', 'A menu match rule has an invalid province.'),
  65314: h('input', 'A menu match rule has an invalid city.'),
  65315: h('input', 'A menu match rule is invalid.'),
  65316: h('input', 'Menus link to too many domains (at most 3). Use fewer link domains.'),
  65317: h('input', 'A menu link is not a valid URL.'),
  65318: h('input', 'The menu text is not valid UTF-8.'),
  65319: h('config', 'Conditional menus are not available for this account.'),
  65320: h(
    'input',
    'Gender, region and language match rules are no longer allowed; use tag_id or client_platform_type.',
  ),
  84061: h('skip', 'There is no contact relation with this customer. Skipped.'),
  85096: h(
    'input',
    'scancode_time is reserved and cannot be used in the mini-program code. Rename that parameter.',
  ),
  89503: h(
    'human',
    'An administrator must approve this IP address: they got a confirmation request in WeChat. Approve it, then try again.',
  ),
  89506: h(
    'human',
    'An administrator rejected calls from this IP address. Ask them to allow it, or wait 24 h before asking again.',
  ),
  89507: h(
    'human',
    'An administrator rejected calls from this IP address within the last hour. Try again in an hour after they agree.',
  ),
  93000: h(
    'config',
    'The group robot webhook key is invalid or the robot was removed. Check the robot key in the environment.',
  ),
  130101: h(
    'quota',
    'The group robot sent too fast (over 20 a minute) and may be locked for a few minutes. Wait, then send again.',
  ),

  200001: h(
    'retry',
    'WeChat had a system error adding the goods. Check with livectl status whether it was added, then apply again.',
  ),
  200002: h('input', MISLEADING_200002),
  300001: h(
    'config',
    'Creating or editing goods or rooms is forbidden for this account (the ability may be banned). Check the live console.',
  ),
  300002: h(
    'input',
    'A name has the wrong length. Room names: 3–17 Chinese characters (one Chinese character counts as 2); goods names: 3–14.',
  ),
  300003: h(
    'input',
    'The price is invalid: e.g. the current price is higher than the original, a range is reversed, or more than 2 decimals.',
  ),
  300004: h('input', "The goods name breaks WeChat's content rules. Reword it."),
  300005: h('input', "The goods image breaks WeChat's content rules. Use another image."),
  300006: h(
    'input',
    'An image could not be used — usually an expired media id (they live 3 days). Run apply again: livectl re-uploads images.',
  ),
  300007: h(
    'input',
    'The goods page is not in the released version of the mini program. Release it first, or fix products[].page.',
  ),
  300008: h('retry', 'WeChat failed to add the goods. Check with livectl status, then apply again.'),
  300009: h('state', 'Withdrawing the audit failed. Check the goods status in the live console.'),
  300010: h('state', 'The goods are in audit, so they cannot be changed now. Wait for the audit result.'),
  300011: h(
    'state',
    'These goods were added in the console, not through the API, so livectl cannot manage them. Manage them in the console.',
  ),
  300012: h(
    'quota',
    'No audit quota left today (500 goods submissions a day). livectl submits the rest tomorrow.',
  ),
  300013: h('retry', 'Submitting the goods for audit failed. Apply again later.'),
  300014: h('state', 'Goods in audit cannot be deleted. Withdraw the audit first or wait for the result.'),
  300015: h('state', 'The goods no longer exist (already deleted). Nothing to delete.'),
  300017: h('state', 'The goods were not submitted for audit, so there is nothing to withdraw.'),
  300018: h('input', 'The goods image is larger than 300×300 px. Resize it to at most 300×300.'),
  300021: h(
    'retry',
    'The goods were added but not submitted for audit. livectl resubmits them on the next apply.',
  ),
  300022: h(
    'state',
    'The live room does not exist (deleted, or a wrong room id). Run livectl plan to see the room state. (getsharedcode also says this when called with a body instead of a query.)',
  ),
  300023: h(
    'state',
    "The room's state does not allow this (e.g. it is live, ended or banned). Check the room in livectl status.",
  ),
  300024: h('state', 'The goods do not exist. They may have been deleted; run livectl plan.'),
  300025: h(
    'wait',
    'The goods are not approved yet (audit takes days). livectl adds them to the room once approved.',
  ),
  300026: h('quota', 'The room already holds the maximum number of goods. Remove some goods from the room.'),
  300027: h('retry', 'Importing goods into the room failed. Apply again.'),
  300028: h('input', "The room name breaks WeChat's content rules. Reword room.name."),
  300029: h('input', "The anchor nickname breaks WeChat's content rules. Reword room.anchor.name."),
  300030: h(
    'human',
    'This WeChat ID has no anchor role. Give it the anchor role in the live console (or with livectl), then apply again.',
  ),
  300031: h(
    'input',
    "The cover image breaks WeChat's rules. Use another room.images.cover (1080×1920, ≤ 2 MB).",
  ),
  300032: h(
    'input',
    "The share image breaks WeChat's rules. Use another room.images.share (800×640, ≤ 1 MB).",
  ),
  300033: h('quota', 'Too many goods for this room. Remove some goods from the room.'),
  300034: h(
    'input',
    'The anchor nickname has the wrong length: 2–15 Chinese characters (one Chinese character counts as 2).',
  ),
  300035: h(
    'input',
    'The anchor WeChat ID does not exist. Check room.anchor.wechat (the WeChat ID, not the nickname).',
  ),
  300036: h(
    'human',
    'The anchor must scan qrcode_url to verify their real name in the "小程序直播" mini program. Send them the QR link below, then apply again.',
  ),
  300037: h(
    'input',
    "The shopping-channel cover (feeds image) breaks WeChat's rules. Use another room.images.feeds (800×800, ≤ 100 KB).",
  ),
  300038: h(
    'config',
    'Customer service is not configured in the mini program admin console. Configure it, or set features.customerService: false.',
  ),
  300039: h(
    'human',
    'The sub-anchor WeChat ID is invalid or not real-name verified. Check it, or ask them to verify in the "小程序直播" mini program.',
  ),
  300040: h(
    'input',
    'The name contains characters WeChat does not allow. Remove special characters (emoji, symbols).',
  ),
  300041: h('input', 'The creator WeChat ID is invalid. Check it, or leave it out.'),
  300044: h('state', 'These goods have no explanation video.'),
  300045: h('wait', 'The explanation video is not ready yet. Try again later.'),
  300047: h('retry', 'Another goods push is in progress. Try again in a moment.'),
  300048: h('retry', "WeChat failed to load the room's goods list. Try again."),
  300049: h(
    'state',
    'Goods cannot go on or off the shelf while a push is running. Try again after the push.',
  ),
  300052: h('state', 'Goods that are off the shelf cannot be pushed. Put them on the shelf first.'),
  300053: h('state', 'These goods are not in this room. Add them to the room first.'),
  400001: h('input', 'The WeChat ID is invalid. Check the WeChat ID (not the nickname).'),
  400002: h(
    'human',
    'This person must verify their real name before becoming an anchor: they must scan the QR link (codeurl) in WeChat.',
  ),
  400003: h(
    'quota',
    'The role limit is reached (admins 10, operators 500, anchors 500). Remove someone first.',
  ),
  400004: h('skip', 'This person already has that role. Nothing to do.'),
  400005: h(
    'state',
    'This anchor still has rooms that have not started, so the role cannot be removed. Delete or finish those rooms first.',
  ),
  500002: h(
    'human',
    'The sub-anchor has not verified their real name. Ask them to verify in the "小程序直播" mini program.',
  ),
  500004: h('skip', 'This sub-anchor is already set. Nothing to do.'),
  500005: h('input', 'The sub-anchor cannot be the main anchor. Choose another WeChat ID.'),
  9410000: h('skip', 'No live rooms (empty list). Nothing to do.'),
  9410001: h('retry', 'WeChat failed to list the rooms. Try again.'),
  9410002: h('retry', 'WeChat failed to list the room goods. Try again.'),
  9410003: h(
    'retry',
    'WeChat failed to load the replay. Try again in a few minutes (replays appear about 10 minutes after the end).',
  ),
  9410005: h(
    'quota',
    'Followers were already notified about another room today (one room a day). Use group messages for this room instead.',
  ),
  9410006: h(
    'state',
    'Followers can only be notified while the room is live. livectl sends this at go-live.',
  ),
  268489001: h(
    'config',
    'Live permission is frozen: WeChat no longer opens 小程序直播 to new accounts (system maintenance). Accounts without it cannot create rooms; consider 视频号 live instead.',
  ),
};

/** Where WeCom (qyapi) means something different by the same code. */
const WECOM_HINTS: Readonly<Record<number, ErrorHint>> = {
  40001: h(
    'token',
    'WeCom rejected the secret (40001). Check LIVECTL_WECOM_SECRET: it must be the secret of the app allowed to use Customer Contact.',
  ),
  45009: h(
    'quota',
    "WeCom's frequency limit was hit (for group robots: 20 messages a minute). Wait a minute and send again.",
  ),
};

/** `channels`: the 视频号助手 and 微信小店 APIs (same host as `wechat`, some codes mean other things). */
/**
 * Where the 视频号助手 / 微信小店 APIs mean something else by a shared code (48001 is the capability's
 * open-scene switch there; 1 and 5 are the dashboard's bad parameter and too-early date), and their own
 * 1002001, 10020xxx (products), 10021xxx (coupons) and 10022xxx (showcase) codes.
 */
const CHANNELS_HINTS: Readonly<Record<number, ErrorHint>> = {
  1: h(
    'input',
    'The 视频号助手 API refused a parameter. Check the request (a date as yyyymmdd, an id as digits).',
  ),
  5: h('input', 'The live dashboard only has data from 2024-01-01 on. Ask for a later day.'),
  [-2]: h('retry', 'The 视频号助手 API could not answer (-2). Try again in a few minutes.'),
  48001: h(
    'config',
    'This API is switched off for the account, or the token belongs to the other account. In 视频号助手 → 直播 → 直播管理 → 开放能力 → 开放场景, turn on the switch of this capability (橱窗, 带货直播数据, …); check also that the 微信小店 AppID calls store APIs and the 视频号助手 AppID calls 视频号 APIs (accounts.channels).',
  ),
  100000: h('retry', 'The 视频号助手 API had an internal error (100000). Try again in a few minutes.'),
  1002001: h(
    'quota',
    "The store's product audit quota is used up (提审次数超过限制; submissions and withdrawn ones count). Wait (the quota refills by the hour and the day) and apply again; livectl status shows which products wait.",
  ),
  10020013: h('input', 'A store product needs 1 to 500 SKUs. Check the product in the campaign.'),
  10020017: h(
    'config',
    'The store may not sell in this category (not approved for the shop, or not a leaf). Check products[].channels.category, or apply for the category in 微信小店.',
  ),
  10020018: h(
    'config',
    'The category needs a qualification the store has not uploaded. Add it in 微信小店 → 类目.',
  ),
  10020019: h(
    'input',
    'Courier delivery needs a valid freight template id (products[].channels.freightTemplateId), created in 微信小店 → 运费模板.',
  ),
  10020020: h('input', 'The store product title is empty. Give the product a name.'),
  10020021: h(
    'input',
    'The store product title is too long (at most 60 characters). Shorten the product name.',
  ),
  10020022: h('input', 'A store product needs 3 to 9 head images. Check products[].channels.images.'),
  10020023: h('input', 'Two head images of the store product are the same. Use different images.'),
  10020028: h(
    'input',
    'A store price or stock is too high (at most 10,000,000). Check the product price and stock.',
  ),
  10020035: h(
    'input',
    'Store products accept only images uploaded to the store (mmecimage.cn/p/… links). livectl uploads them; if you set a link by hand, upload the image instead.',
  ),
  10020036: h(
    'input',
    'The out_product_id is too long (at most 128 characters). Use a shorter campaign or product id.',
  ),
  10020039: h('input', 'A store sale price must be above 0. Check the product price.'),
  10020040: h(
    'input',
    'A store sale price is above the market (original) price. The discount price must not exceed the original.',
  ),
  10020042: h(
    'input',
    'The store product title is too short (at least 5 characters that count: Chinese characters, letters, digits). Lengthen the product name.',
  ),
  10020043: h(
    'config',
    'The category is not open to this store. Pick another category or apply for it in 微信小店.',
  ),
  10020044: h('state', 'The store product is not in audit, so there is nothing to withdraw.'),
  10020045: h(
    'input',
    'The store product title cannot be only digits or letters. Add Chinese words to the product name.',
  ),
  10020047: h(
    'wait',
    'The store product is in audit; it cannot change now. Wait for the audit (livectl status).',
  ),
  10020049: h(
    'wait',
    'The store product is in audit; it cannot be changed, delisted or deleted now. Wait for the audit, or withdraw it.',
  ),
  10020052: h(
    'state',
    'That store product does not exist (deleted in 微信小店?). Run livectl plan to create it again.',
  ),
  10020055: h(
    'input',
    'The store image upload refused a parameter (width/height or the image). Check the image file.',
  ),
  10020059: h('input', 'The image to upload is empty. Check the image file.'),
  10020060: h('input', 'The image is too large for the store (about 2 MB). Make it smaller.'),
  10020065: h('skip', 'The store product is not listed. Nothing to delist.'),
  10020067: h(
    'wait',
    'The store is still processing this product (edit_status 7). Try listing again in a few minutes.',
  ),
  10021001: h(
    'state',
    'The store coupon is not in a state that allows this change (only not-yet-effective coupons can become effective; voided and deleted ones cannot change).',
  ),
  10021003: h('state', 'The store coupon has not expired yet, so this change is not allowed.'),
  10021005: h('input', 'The store coupon name is too long (at most 10 characters). Shorten coupons[].title.'),
  10021006: h('input', 'The discount rate is out of range (2折 to 10折, in steps of 0.1).'),
  10021007: h('input', 'The coupon threshold or price is invalid. Check threshold and amount.'),
  10021008: h(
    'input',
    'The coupon takes too much off: a store coupon is at most 200 yuan and must leave at least 20% of the threshold (or price).',
  ),
  10021009: h('input', 'The coupon receive window is invalid. Check validFrom and validTo.'),
  10021010: h('input', 'The coupon validity is invalid. Check validDays or the validity window.'),
  10021011: h('input', 'The coupon quantity is invalid. Check coupons[].quantity.'),
  10021012: h(
    'input',
    'The per-person limit is invalid (at least 1, at most the quantity). Check coupons[].perUser.',
  ),
  10021024: h('input', 'The coupon text breaks the content rules. Reword the coupon title.'),
  10021034: h(
    'retry',
    'The same coupon change is already in progress. Check the coupon in a moment (livectl status).',
  ),
  10021035: h('input', 'The store does not support this coupon type.'),
  10021036: h(
    'input',
    'The coupon list was asked to jump too many pages (at most 10 from the previous page, the first below 10). This is a livectl bug; please report it.',
  ),
  10021037: h(
    'state',
    'That store coupon does not exist (deleted in 微信小店?). Run livectl plan to create it again.',
  ),
  10021071: h('input', 'The coupon receive window ends in the past. Move validTo into the future.'),
  10021077: h('input', 'The coupon receive window is longer than 365 days. Shorten validFrom–validTo.'),
  10022001: h('config', 'This AppID is not a 视频号 identity. Check accounts.channels.assistantAppId.'),
  10022002: h('config', 'The 视频号 showcase (橱窗) is banned. Check notices in 视频号助手.'),
  10022003: h('state', 'That product is not in the 视频号 showcase (橱窗).'),
  10022007: h('input', 'Products from the 带货中心 cannot be managed through this API.'),
  10022008: h(
    'human',
    'The 微信小店 is not bound to this 视频号. In 视频号助手 (or 微信小店 → 合作账号), bind the store to the 视频号, then apply again.',
  ),
};

export type Platform = 'wechat' | 'wecom' | 'channels';

/** The hint for a code; unknown codes get a generic one that still says what to do. */
export function hintFor(errcode: number, platform: Platform = 'wechat'): ErrorHint {
  const own =
    platform === 'wecom'
      ? WECOM_HINTS[errcode]
      : platform === 'channels'
        ? CHANNELS_HINTS[errcode]
        : undefined;
  const known = own ?? ERROR_HINTS[errcode];
  if (known) return known;
  return h(
    'input',
    `WeChat answered with error ${errcode}, which livectl does not know yet. Look it up in the WeChat docs (error codes), or report it so livectl can explain it.`,
  );
}
