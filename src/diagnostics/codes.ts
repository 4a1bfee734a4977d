/**
 * Every diagnostic code livectl emits, closed: a `Diagnostic` carries a {@link DiagnosticCode}, so a
 * misspelt code is a compile error. Codes are stable (CI filters and tests rely on them): add one
 * here with the rule or loader check that emits it; never rename one. The README's rule tables list
 * them (src/campaign/rules/reference.ts), and a test checks this table has no code nothing emits.
 */

/** Before rules run: the file, its YAML syntax and its shape (src/campaign/load.ts, shape.ts, text-safety.ts). */
export const STRUCTURE_CODES = [
  'E_FILE_NOT_FOUND',
  'E_FILE_UNREADABLE',
  'E_NOT_A_FILE',
  'E_FILE_TOO_LARGE',
  'E_NOT_TEXT',
  'E_ENCODING',
  'E_EMPTY_FILE',
  'E_YAML_TOO_DEEP',
  'E_YAML_ALIAS_BOMB',
  'E_YAML_SYNTAX',
  'E_CONTROL_CHAR',
  'E_INVISIBLE_TEXT',
  'E_UNKNOWN_KEY',
  'E_REQUIRED',
  'E_TYPE',
  'E_VALUE',
  'E_FORMAT',
  'E_RANGE',
  'E_CHANNEL_TYPE',
  'E_SHAPE',
] as const;

/** Errors of the rules (src/campaign/rules/platform, and the plan's date checks): WeChat would refuse. */
export const RULE_ERROR_CODES = [
  'E_AFTER_WAVE_BEFORE_END',
  'E_ANCHOR_NAME_WIDTH',
  'E_APPID_FORMAT',
  'E_ARTICLE_TITLE_TOO_LONG',
  'E_ASSET_TOO_LARGE',
  'E_CARD_TITLE_TOO_LONG',
  'E_CHANNEL_ACCOUNT',
  'E_CHANNELS_ACCOUNT',
  'E_CHANNELS_ACCOUNT_FORMAT',
  'E_CHANNELS_COUPON_AMOUNT',
  'E_CHANNELS_COUPON_ID',
  'E_CHANNELS_COUPON_NAME',
  'E_CHANNELS_COUPON_WINDOW',
  'E_CHANNELS_FREIGHT',
  'E_CHANNELS_IMAGES',
  'E_CHANNELS_LIVE_FOLLOWERS',
  'E_CHANNELS_ONLY',
  'E_CHANNELS_PRICE',
  'E_CHANNELS_PRODUCT',
  'E_CHANNELS_PRODUCT_ID',
  'E_CHANNELS_TITLE',
  'E_CHANNELS_WECHATPAY',
  'E_CORPID_FORMAT',
  'E_COUPON_AMOUNT',
  'E_COUPON_GOODS_NAME',
  'E_COUPON_STOCK_NAME',
  'E_COUPON_WINDOW',
  'E_CUE_OUTSIDE_BROADCAST',
  'E_DATE_INVALID',
  'E_DUPLICATE_ASSISTANT',
  'E_DUPLICATE_ID',
  'E_DURATION_RANGE',
  'E_END_BEFORE_START',
  'E_END_OR_DURATION',
  'E_FILE_MISSING',
  'E_GOODS_IMAGE_PIXELS',
  'E_GOODS_LIMIT',
  'E_GROUP_BUY_PRICE',
  'E_IMAGE_FORMAT',
  'E_IMAGE_TOO_LARGE',
  'E_LIKES_OFF',
  'E_LIVE_FOLLOWERS_NOT_LIVE',
  'E_LIVE_PAGE',
  'E_MOMENTS_TEXT_TOO_LONG',
  'E_NOT_REGULAR_FILE',
  'E_NO_GROUP_BUY',
  'E_PAGE_PATH',
  'E_PAGE_QUERY_ENCODING',
  'E_PATH_OUTSIDE',
  'E_PLACEHOLDER_EMPTY',
  'E_PRICE_DECIMALS',
  'E_PRICE_DISCOUNT',
  'E_PRICE_RANGE',
  'E_PRODUCT_NAME_WIDTH',
  'E_REPLAY_OFF',
  'E_ROBOT_TEXT_TOO_LONG',
  'E_ROOMS_OVERLAP',
  'E_ROOMS_PER_DAY',
  'E_ROOM_NAME_WIDTH',
  'E_SCENE_TOO_LONG',
  'E_START_PAST',
  'E_START_TOO_FAR',
  'E_START_TOO_SOON',
  'E_SUBSCRIBE_FIELD_KEY',
  'E_SUBSCRIBE_FIELD_VALUE',
  'E_TIMEZONE',
  'E_TIME_NONEXISTENT',
  'E_TIME_UNRESOLVED',
  'E_UNKNOWN_CHANNEL',
  'E_UNKNOWN_COUPON',
  'E_UNKNOWN_PLACEHOLDER',
  'E_UNKNOWN_PRODUCT',
  'E_UNKNOWN_TEMPLATE',
  'E_WAVE_AFTER_START',
  'E_WECHATPAY_MCHID',
  'E_WECOM_TEXT_TOO_LONG',
] as const;

/** Warnings of the rules (src/campaign/rules/playbook and setup): advice. */
export const WARNING_CODES = [
  'W_AUDIT_DAYS',
  'W_AUDIT_DEADLINE',
  'W_CALENDAR_UNCOVERED',
  'W_CHANNELS_NO_LIVE_PAGE',
  'W_COUPONS_BY_HAND',
  'W_GROUPBUY_CATEGORY',
  'W_LIVE_WITHOUT_COUPON',
  'W_LONG_BROADCAST',
  'W_LOTTERY_ON_THE_HOUR',
  'W_NO_FEEDBACK',
  'W_NO_LIVE_PAGE',
  'W_NO_PREHEAT_COUPON',
  'W_NO_SHARE_INCENTIVE',
  'W_NO_WARMUP',
  'W_PLACEHOLDER_ACCOUNT',
  'W_QUIET_HOURS',
  'W_SINGLE_HOST',
  'W_SINGLE_LOTTERY',
  'W_SINGLE_WAVE',
  'W_TIME_AMBIGUOUS',
  'W_WAVE_MISSING',
] as const;

/** A rule that threw: a bug in livectl, reported as a finding rather than a crash (src/campaign/check.ts). */
export const INTERNAL_CODES = ['E_INTERNAL_RULE'] as const;

export const DIAGNOSTIC_CODES: readonly DiagnosticCode[] = [
  ...STRUCTURE_CODES,
  ...RULE_ERROR_CODES,
  ...WARNING_CODES,
  ...INTERNAL_CODES,
];

/**
 * A diagnostic code: one of the tables above, or `E_YAML_<code>` for a YAML syntax error named by
 * the yaml library (E_YAML_DUPLICATE_KEY, E_YAML_TAB_AS_INDENT…).
 */
export type DiagnosticCode =
  | (typeof STRUCTURE_CODES)[number]
  | (typeof RULE_ERROR_CODES)[number]
  | (typeof WARNING_CODES)[number]
  | (typeof INTERNAL_CODES)[number]
  | `E_YAML_${string}`;

const KNOWN: ReadonlySet<string> = new Set(DIAGNOSTIC_CODES);

/** Whether a string is a diagnostic code (for codes read back from JSON or a worker). */
export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return KNOWN.has(code) || /^E_YAML_[A-Z0-9_]+$/.test(code);
}
