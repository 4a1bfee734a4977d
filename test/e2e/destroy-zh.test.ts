import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { setLang } from '../../src/i18n/catalog.js';
import { type Deps, fixedClock, memoryOutput, scriptedPrompt } from '../../src/platform/deps.js';
import { type E2E, HOUR, startE2E } from './support/workspace.js';

/** `livectl destroy` in Chinese: what goes and why, the question, the closing line; the NDJSON stays English. */

let e: E2E | undefined;
afterEach(async () => {
  setLang('en');
  await e?.close();
  e = undefined;
});

/** A sentence of destroy's English text (addresses, ids and codes aside). */
const ENGLISH =
  /\b(Destroy|deleted|kept|forgotten|local record|in audit|withdrawn|pending|cancelled|Nothing|state store|Left on|started|the)\b/;
const words = (line: string) =>
  line
    .replace(/\b(goods|room|media|code|poster|reminder|menu)\/?[\w/-]*/g, '')
    .replace(/\(goodsId \d+\)|（goodsId \d+）/g, '');

async function destroyOnTerminal(x: E2E, answer: boolean) {
  const asked: string[] = [];
  const stdout = memoryOutput({ isTTY: true });
  const deps: Deps = {
    clock: fixedClock(x.now()),
    stdout,
    stderr: memoryOutput({ isTTY: true }),
    env: { ...x.env, LIVECTL_LANG: 'zh-CN' },
    cwd: x.ws.dir,
    stdinIsTTY: true,
    prompt: scriptedPrompt({
      confirm: async (m) => {
        asked.push(m);
        return answer;
      },
    }),
  };
  const code = await main(
    ['node', 'livectl', 'destroy', 'campaign.yaml', '--now', x.now().toISOString()],
    deps,
  );
  return { code, asked, stdout: stdout.text() };
}

describe('livectl destroy in Chinese', () => {
  it('shows what goes and why, asks, and closes in Chinese', async () => {
    e = await startE2E();
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);

    const no = await destroyOnTerminal(e, false);
    expect(no.code).toBe(1);
    expect(no.asked).toEqual(['要从微信上删除 spring-tea 的这些内容吗？']);
    expect(no.stdout).toContain('删除 spring-tea\n');
    expect(no.stdout).toMatch(/- goods\/longjing \(goodsId \d+\) {2}审核中：先撤回商品审核/);
    expect(no.stdout).toMatch(/另有 \d+ 条本地记录（小程序码、素材 id）将不再记录/);
    expect(no.stdout).toContain('已取消删除：没有删除任何内容。');

    const yes = await destroyOnTerminal(e, true);
    expect(yes.code).toBe(0);
    expect(yes.stdout).toMatch(/- goods\/longjing {2}已删除（goodsId \d+）/);
    expect(yes.stdout).toMatch(/- room {2}已删除（roomId \d+）/);
    expect(yes.stdout).toMatch(
      /\n删除完成：在微信上删除了 4 项。(已取消 \d+ 条待发提醒。)?状态库已不再记录 spring-tea。\n/,
    );
    for (const line of yes.stdout.split('\n').filter((l) => l.trim() && !/^\s+\d+ 次请求/.test(l)))
      expect(words(line), line).not.toMatch(ENGLISH);

    const again = await e.cli(['destroy', 'campaign.yaml', '--yes', '--lang', 'zh-CN']);
    expect(again.stdout).toBe('没有可删除的内容：状态库里没有 spring-tea。\n');
  });

  it('says why a started room stays, in Chinese; the NDJSON is the English one', async () => {
    e = await startE2E();
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    await e.advance(3 * HOUR); // audit passes
    expect((await e.cli(['apply', 'campaign.yaml', '--yes'])).code).toBe(0);
    await e.setClock(new Date('2027-03-20T11:40:00Z')); // the broadcast has started
    const d = await e.cli(['destroy', 'campaign.yaml', '--yes', '--lang', 'zh-CN']);
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/= room \(roomId \d+\) {2}保留：直播已开始（直播中）：开播过的直播间会保留/);
    expect(d.stdout).toMatch(
      /= goods\/longjing \(goodsId \d+\) {2}保留：正在直播间货架上（删除会让它从直播中下架）/,
    );
    expect(d.stdout).toMatch(
      /\n已删除能删除的部分：删除 0 项。已取消 \d+ 条待发提醒。保留：room（直播已开始（直播中）：开播过的直播间会保留）；goods\/biluochun（正在直播间货架上/,
    );
    expect(d.stdout).toContain('其余的仍记录在状态库里。');

    e.env.LIVECTL_LANG = 'zh-CN';
    const json = await e.cli(['destroy', 'campaign.yaml', '--yes', '--format', 'json']);
    const summary = JSON.parse(json.stdout.trim().split('\n').at(-1)!);
    expect(summary.message).toMatch(
      /Kept: room \(the broadcast has started \(live\): a started room is kept\)/,
    );
    expect(json.stdout).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
