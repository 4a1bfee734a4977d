/**
 * `livectl init`'s texts (the source; init-zh.ts is the same keys in Chinese): the wizard's
 * questions and channel choices, the answer checks and their re-prompts, the flags' usage errors,
 * the summary, the next steps, and the comments of the campaign file it writes.
 */
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const initEn = {
  ask: {
    title: 'Room name (shown to viewers)',
    start: (p: { tz: string }) => `Start (date and time, ${p.tz})`,
    id: 'Campaign id (letters, digits, -)',
    duration: 'Duration',
    anchorName: "Anchor's name (shown in the room)",
    anchorWechat: "Anchor's WeChat ID (real-name verified)",
    productName: (p: { n: number }) => `Product ${p.n}: name`,
    productPrice: (p: { n: number }) =>
      `Product ${p.n}: price (129 fixed · 299-499 range · 199>129 discount)`,
    productPage: (p: { n: number }) => `Product ${p.n}: mini-program page`,
    productImage: (p: { n: number }) => `Product ${p.n}: image (PNG/JPEG ≤ 300×300; empty for a placeholder)`,
    anotherProduct: 'Add another product?',
    coupon: 'A warm-up coupon (sent 3 days and 1 day before)?',
    couponThreshold: 'Coupon: minimum spend (0 for none)',
    couponAmount: 'Coupon: discount',
    couponQuantity: 'Coupon: how many',
    channels: 'Which channels do you have? (space to choose, enter to go on)',
    appId: 'Mini program AppID',
    corpId: 'WeCom CorpID',
    agentId: 'WeCom app AgentId',
    senders: 'WeCom members who send (userids, comma-separated)',
    oaAppId: 'Official Account AppID',
  },
  /** The actions in the channel question's help line (inquirer's own words; English passes none). */
  keys: { navigate: 'navigate', select: 'select', all: 'all', invert: 'invert', submit: 'submit' },
  /** The wizard's channel choices, by the channel's name in INIT_CHANNELS. */
  channel: {
    'wecom-groups': 'WeCom customer groups (企业微信客户群)',
    'wecom-moments': "WeCom Moments (shop assistants' 朋友圈)",
    'official-account': 'Official Account (公众号)',
    'subscribe-message': 'Subscribe messages (订阅消息)',
    robot: 'A team robot (群机器人) for staff cues',
  },
  check: {
    width: (p: { what: string; min: number; max: number; value: string; width: number }) =>
      `${p.what} must be ${p.min}–${p.max} width units (one Chinese character counts 2); "${p.value}" has ${p.width}`,
    roomName: 'the room name',
    anchorName: "the anchor's name",
    productName: 'a product name',
    id: 'the campaign id is 1–32 lower-case letters, digits or "-", e.g. spring-sale-2027',
    anchorWechat:
      'a WeChat ID is 6–20 letters, digits, "-" or "_", starting with a letter (the anchor\'s, real-name verified)',
    page: 'a page is a mini-program path without a leading "/", e.g. pages/goods/detail?id=520',
    durationShape: 'a duration looks like 2h, 1h30m or 90m',
    durationRange: 'a broadcast lasts 30m to 24h',
    price:
      'a price is 129 (fixed), 299-499 (a range) or 199>129 (a discount: original>now), in yuan with at most 2 decimals',
    appId: 'an AppID is wx followed by 16 hex digits',
    corpId: 'a CorpID is ww followed by 16 hex digits',
    startShape: 'a start looks like 2027-03-08 20:00 (local time)',
    startPast: 'the start is in the past: give a date and time more than 10 minutes from now',
    startSoon: 'the start must be more than 10 minutes from now',
    startFar: 'the start must be at most 6 months from now',
    image: 'give a .png, .jpg or .gif file, or leave it empty',
    money: 'yuan, at most 2 decimals',
    wholeNumber: 'a whole number',
    number: 'a number',
    atLeastOneSender: 'at least one',
    atLeastOneChannel: 'choose at least one',
    couponWorth: 'the coupon must be worth something',
    couponLess: 'the discount must be less than the spend it needs',
    couponQuantity: 'the quantity must be at least 1',
  },
  flag: {
    /** A flag's value and what is wrong with it. */
    bad: (p: { flag: string; value: string; error: string }) => `${p.flag} "${p.value}": ${p.error}`,
    productShape:
      'expected "name:price:page" (page and an image path may follow), e.g. "玫瑰丝绒口红:199>129:pages/goods/detail?id=520"',
    couponShape:
      'expected threshold:amount[:quantity] in yuan, e.g. 199:50:1000 (满199减50, 1000 of them), or none',
    channelsUnknown: (p: { bad: string; all: string }) =>
      `--channels: unknown ${p.bad}; choose from ${p.all}`,
    channelsNone: (p: { all: string }) => `--channels: name at least one of ${p.all}`,
    timezone: 'not an IANA time zone such as Asia/Shanghai',
    startShape: 'a start looks like 2027-03-08T20:00 (local time)',
    agentId: 'a number such as 1000002',
    needsTerminal: (p: { missing: readonly string[] }) =>
      `livectl init needs a terminal for its questions, or flags: missing ${p.missing.join(', ')}`,
    needsTerminalHint:
      'Run it in a terminal, give the flags (see livectl init --help), or add --yes to take the defaults.',
  },
  exists: (p: { file: string }) => `${p.file} already exists; livectl init never overwrites a file`,
  existsHint: (p: { file: string }) => `Give another file name, or --force to replace ${p.file}.`,
  cancelled: '\nCancelled: nothing was written.\n',
  imageUnreadable: (p: { file: string }) => `cannot read the image ${p.file}`,
  imageUnreadableHint: 'Give a PNG, JPEG or GIF file that exists.',
  notValid: 'error: the campaign did not validate, so nothing was written.\n',
  wrote: (p: { file: string }) => `Wrote ${p.file}`,
  wroteDetail: (p: { products: number; channels: readonly string[] }) =>
    ` (${plural(p.products, 'product')}, the playbook's four warm-up waves on ${p.channels.join(', ')})`,
  placeholderImages: (p: { files: readonly string[] }) =>
    `  placeholder images: ${p.files.join(', ')} — replace them with your own pictures`,
  /** The accounts init filled in for want of an answer: [what, value]. */
  placeholderAccounts: (p: { found: readonly (readonly [string, string])[] }) =>
    `  placeholder accounts: ${p.found.map(([what, v]) => `${what} ${v}`).join(', ')}`,
  placeholderWhat: {
    appId: 'mini program AppID',
    corpId: 'WeCom CorpID',
    sender: 'WeCom sender',
    oaAppId: 'Official Account AppID',
  },
  placeholderFix: (p: { flags: readonly string[] }) =>
    `    put in your own before apply (${p.flags.join(', ')}, or edit the file); validate warns W_PLACEHOLDER_ACCOUNT until then`,
  next: (p: { file: string }) =>
    `\nNext:\n  livectl validate ${p.file}\n  livectl plan ${p.file}       # the changes, the timeline and the posters\n  livectl doctor ${p.file}     # credentials, tokens and the live permission\n`,
  /** The comments of the campaign file init writes (each a whole comment, `#` and all). */
  yaml: {
    head: (p: { title: string }) =>
      `# ${p.title}: written by \`livectl init\`. Check it with \`livectl validate\`, see what would happen\n` +
      '# with `livectl plan` (it draws the posters too), then `livectl apply`.',
    metadata: "# The campaign's id (unique in the state store) and the zone of every local time below.",
    accounts:
      '# Account ids only: secrets come from the environment (LIVECTL_APP_SECRET, LIVECTL_WECOM_SECRET,\n' +
      '# LIVECTL_OA_SECRET), never from this file. `livectl doctor` checks them.\n' +
      '# livePage: the page of your mini program that opens the live room; every share code, WeCom card\n' +
      '# and menu button opens it with r=<roomId>&w=<wave> (README: "The live landing page").',
    room:
      "# The live room. The anchor's WeChat ID must be real-name verified in the 小程序直播 app.\n" +
      '# Images are uploaded just in time at apply; replace the placeholders with your own pictures\n' +
      '# (cover 1080×1920 ≤ 2 MB, share 800×640 ≤ 1 MB, feeds 800×800 ≤ 100 KB).',
    roomType: '# phone | push (RTMP from equipment)',
    products:
      '# Goods: submitted for audit at apply (1–7 working days), put in the room once approved.\n' +
      '# Price: { type: fixed, amount } | { type: range, min, max } | { type: discount, original, now }.',
    coupons:
      '# Coupons (set them up in your shop, or add accounts.wechatPay to make them WeChat Pay stocks at apply:\n' +
      '# README "Coupons"): the warm-up one teases the broadcast, the all-hands one is\n' +
      '# grabbed during it and stacks with the first, the share one rewards viewers who bring friends.',
    channels: '# Where messages go. Waves below refer to these names.',
    wecomGroups: '# group sends through these WeCom members (each confirms in WeCom)',
    wecomMoments: "# shop assistants' Moments",
    officialAccount: '# the article wave; the first-level menu becomes a coupon-claim entry',
    subscribers: '# subscribe messages to the openids in the audience file (one per grant)',
    liveFollowers: "# WeChat's own notice to users who subscribed to the room",
    staff: '# staff cues to the team group; the webhook key is in this variable',
    waves:
      '# The four warm-up waves of the playbook: one wave alone (一波流) is forgotten. `at` is relative to\n' +
      '# room.start: -3d@10:00 is three days before at 10:00 local, -30m half an hour before, 0 go-live.',
    during:
      '# During the broadcast: the host run sheet and staff cues. Warm up first (greet, ask for likes,\n' +
      '# point to the coupons); draw lotteries at like thresholds, never on the hour, in several rounds.',
    hosts: '# "1 + 1": one who knows the products, one who keeps the pace',
    after: '# After: thank the groups and ask "what time next time?", then share the replay.',
  },
};
