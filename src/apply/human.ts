import { renderUnicodeCompact } from 'uqr';
import { WeChatApiError } from '../wechat/index.js';

/**
 * Platform answers that only a person can resolve. Apply stops the affected changes, says what to do,
 * and for the anchor's real-name check shows the link as a QR code right in the terminal (the anchor
 * scans it with WeChat), so nobody has to copy a URL to a phone.
 */
export const REAL_NAME_ERRCODE = 300036;
/** The sub-anchor's WeChat id is not verified: 300039 on create, 500002 on add/modifysubanchor. */
export const SUB_ANCHOR_ERRCODES = [300039, 500002] as const;
export const LIVE_PERMISSION_FROZEN = 268489001;

export interface HumanStop {
  kind: 'anchor-real-name' | 'live-permission-frozen';
  message: string;
  url?: string;
  qr?: string;
}

/** The human action an error calls for, or undefined for ordinary failures. */
export function humanStopFor(
  err: unknown,
  anchorWechat?: string,
  subAnchorWechat?: string,
): HumanStop | undefined {
  if (!(err instanceof WeChatApiError) || err.kind !== 'platform') return undefined;
  if (err.errcode !== null && (SUB_ANCHOR_ERRCODES as readonly number[]).includes(err.errcode)) {
    const who = subAnchorWechat ? `The sub-anchor (${subAnchorWechat})` : 'The sub-anchor';
    return {
      kind: 'anchor-real-name',
      message:
        `${who} has not passed WeChat's real-name check for live streaming (errcode ${err.errcode}). ` +
        `Ask them to finish the check in the "小程序直播" mini program (or correct room.subAnchor.wechat), then run apply again.`,
    };
  }
  if (err.errcode === REAL_NAME_ERRCODE) {
    const url = err.qrcodeUrl;
    const who = anchorWechat ? `The anchor (${anchorWechat})` : 'The anchor';
    return {
      kind: 'anchor-real-name',
      message:
        `${who} has not passed WeChat's real-name check for live streaming. ` +
        `Ask them to scan this code with WeChat and finish the check in the "小程序直播" mini program, then run apply again.`,
      ...(url ? { url, qr: terminalQr(url) } : {}),
    };
  }
  if (err.errcode === LIVE_PERMISSION_FROZEN) {
    return {
      kind: 'live-permission-frozen',
      message:
        'This mini program has no live-streaming permission, and WeChat no longer opens 小程序直播 to new accounts ' +
        '(errcode 268489001, "system maintenance"). Accounts that already had it are unaffected. ' +
        'Nothing livectl can do will create the room: use an account with the permission, or plan the broadcast on 视频号 live.',
    };
  }
  return undefined;
}

/**
 * A QR code drawn with Unicode half blocks (two modules per character cell), dark on light with a
 * quiet zone, readable by a phone camera from a normal terminal.
 */
export function terminalQr(text: string): string {
  return renderUnicodeCompact(text, { ecc: 'L', border: 2 });
}
