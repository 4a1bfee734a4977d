import type { Catalog } from './catalog.js';

/** `livectl posters` 的中文文案（键与 posters-en.ts 一一对应）。 */
export const postersZh: Catalog['posters'] = {
  header: (p) => `${p.campaign} 的海报`,
  previewQr: '预览二维码',
  miniProgramCode: '小程序码',
  contactSheet: '总览页：打开它查看整场活动',
  noPoster: (p) => `（${p.key} 没有海报：${p.reason}）`,
  warning: '警告',
  refused: '没有生成海报：请先修正上面的错误',
  playbook: (p) => `活动文件有 ${p.n} 条运营建议警告：见 livectl validate`,
};

/** Why a poster was not made, and what rendering warned about, in Chinese (by phrase; the JSON keeps the English). */
const PHRASES: [RegExp, string][] = [
  [
    /^after the broadcast, and the room keeps no replay: add `poster:` to make one$/,
    '在直播结束后，而直播间不保留回放：要生成海报请加上 `poster:`',
  ],
  [/^no image for (\S+) \((.+)\); the layer is left out$/, '$1 没有图片（$2）；这一层不画'],
  [/^\{\{(.+)\}\} has no value here \((.+)\); it is left empty$/, '{{$1}} 在这里没有值（$2）；留空'],
  [
    /^(.+) (?:is|are) not in the poster font and will print as a box \((.+)\)$/,
    '$1 不在海报字体里，会显示成方框（$2）',
  ],
  [
    /^"(.*)" was cut to (\d+) line\(s\) as "(.*)"; "(.*)" did not fit \((.+)\)$/,
    '"$1" 被截成 $2 行："$3"；"$4" 放不下（$5）',
  ],
];

export function posterPhraseZh(message: string): string {
  for (const [re, to] of PHRASES) if (re.test(message)) return message.replace(re, to);
  return message;
}
