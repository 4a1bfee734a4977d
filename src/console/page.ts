/**
 * The console page: static HTML + one small script (no framework: a table, a few buttons and a
 * once-a-second poll do not need one). Campaign text never goes into this HTML — the script puts it
 * into the page with textContent — except the title, which is HTML-escaped. Chinese renders with the
 * bundled Noto Sans SC (served by the console, so a machine without Chinese fonts shows it too).
 * The page is `lang="zh-CN"` in both languages: the campaign's own words are Chinese. Its labels come
 * from `text` (page-text.ts), in the command's language.
 */

import { type PageText, pageText } from './page-text.js';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** The page's texts as a script literal: JSON with `<` escaped, so no `</script>` ends it early. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

export function consolePage(
  title: string,
  nonce: string,
  token: string,
  text: PageText = pageText('en'),
): string {
  const n = escapeHtml(nonce);
  const L = (k: keyof PageText['page']) => escapeHtml(text.page[k]);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(text.page.title.replace('{title}', () => title))}</title>
<link rel="stylesheet" href="/font.css?token=${encodeURIComponent(token)}">
<style nonce="${n}">
  body { font-family: "Noto Sans SC", system-ui, sans-serif; margin: 0; background: #f6f4f1; color: #222; }
  header { background: #b3123e; color: #fff; padding: 14px 24px; display: flex; gap: 24px; align-items: baseline; flex-wrap: wrap; }
  header h1 { font-size: 22px; margin: 0; }
  #clock { font-size: 28px; font-variant-numeric: tabular-nums; font-weight: 600; }
  #live { padding: 2px 10px; border-radius: 12px; background: rgba(255,255,255,.2); }
  #live.live { background: #2e9b4a; }
  main { display: grid; grid-template-columns: 3fr 2fr; gap: 20px; padding: 20px 24px; }
  section { background: #fff; border-radius: 8px; padding: 12px 16px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  h2 { font-size: 16px; margin: 4px 0 10px; color: #b3123e; }
  table { width: 100%; border-collapse: collapse; font-size: 14px; }
  td, th { padding: 6px 6px; border-bottom: 1px solid #eee; text-align: left; vertical-align: middle; }
  th { color: #777; font-weight: 400; font-size: 12px; }
  td.when { font-variant-numeric: tabular-nums; white-space: nowrap; }
  td.count { font-variant-numeric: tabular-nums; color: #555; white-space: nowrap; }
  tr.past td { color: #aaa; }
  tr.next td { background: #fff4d6; }
  tr.marked td.what::after { content: " ✓"; color: #2e9b4a; }
  button { font: inherit; font-size: 13px; padding: 3px 10px; border-radius: 4px; border: 1px solid #b3123e; background: #fff; color: #b3123e; cursor: pointer; }
  button.primary { background: #b3123e; color: #fff; }
  button:disabled { opacity: .5; cursor: default; }
  #msg { padding: 8px 24px; min-height: 20px; font-size: 14px; }
  #msg.err { color: #b00020; }
  .muted { color: #888; font-size: 13px; }
  section.gap { margin-top: 20px; }
</style>
</head>
<body>
<header><h1 id="room"></h1><span id="clock"></span><span id="live"></span><span id="roomid" class="muted"></span></header>
<div id="msg" role="status"></div>
<main>
  <section><h2>${L('runSheet')}</h2>
    <table><thead><tr><th>${L('time')}</th><th>${L('in')}</th><th>${L('what')}</th><th></th></tr></thead><tbody id="sheet"></tbody></table>
  </section>
  <div>
    <section><h2>${L('goods')}</h2>
      <table><thead><tr><th>${L('product')}</th><th>${L('card')}</th><th>${L('shelf')}</th></tr></thead><tbody id="goods"></tbody></table>
    </section>
    <section class="gap"><h2>${L('afterBroadcast')}</h2>
      <p id="replay" class="muted"></p>
      <table><tbody id="after"></tbody></table>
    </section>
  </div>
</main>
<script nonce="${n}">
(() => {
  const TEXT = ${scriptJson(text)};
  const T = TEXT.page;
  // A template with its values put in: f(T.inTime, { t: '5m 0s' }).
  const f = (tpl, vals) => tpl.replace(/\\{(\\w+)\\}/g, (m, k) => (k in vals ? String(vals[k]) : m));
  const phrases = TEXT.phrases.map(([src, names, to]) => [new RegExp('^' + src + '$'), names, to]);
  const duration = (text) => text.replace(/(\\d+)([dhms])/g, (m, n, u) => n + T['unit' + u.toUpperCase()]);
  // What the server says in English, in the page's language (unchanged when no phrase matches).
  const tr = (text) => {
    if (typeof text !== 'string' || !phrases.length) return text;
    for (const [re, names, to] of phrases) {
      const m = re.exec(text);
      if (!m) continue;
      const vals = {};
      names.forEach((k, i) => { vals[k] = TEXT.nested.includes(k) ? tr(m[i + 1]) : TEXT.durations.includes(k) ? duration(m[i + 1]) : m[i + 1]; });
      return f(to, vals);
    }
    return text;
  };
  // An answer of several notes ("lottery-1 marked drawn; posted to robot staff"), note by note.
  const trNotes = (text) => (typeof text === 'string' ? text.split('; ').map(tr).join(T.noteSep) : text);
  const token = new URLSearchParams(location.search).get('token') || '';
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  let view;
  let busy = false;
  const fmt = (iso, tz) => new Intl.DateTimeFormat('zh-CN', { timeZone: tz, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
  const clock = (iso, tz) => new Intl.DateTimeFormat('zh-CN', { timeZone: tz, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date(iso));
  const countdown = (iso, now) => {
    let s = Math.round((new Date(iso) - new Date(now)) / 1000);
    const past = s < 0; s = Math.abs(s);
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    const t = (h ? f(T.hours, { n: h }) : '') + (h || m ? f(T.minutes, { n: m }) : '') + f(T.seconds, { n: sec });
    return f(past ? T.ago : T.inTime, { t });
  };
  function say(text, err) { const m = $('msg'); m.textContent = text; m.className = err ? 'err' : ''; }
  async function act(body, button) {
    if (busy) return;
    busy = true; if (button) button.disabled = true;
    try {
      const r = await fetch('/api/action', { method: 'POST', headers: { 'content-type': 'application/json', 'x-livectl-token': token }, body: JSON.stringify(body) });
      const j = await r.json();
      say(trNotes(j.message) + (j.errcode ? f(T.errcode, { code: j.errcode }) : ''), !j.ok);
      await refresh();
    } catch (e) { say(f(T.noAnswer, { error: e }), true); }
    finally { busy = false; if (button) button.disabled = false; }
  }
  function button(label, body, primary) {
    const b = el('button', label, primary ? 'primary' : '');
    b.addEventListener('click', () => act(body, b));
    return b;
  }
  function render(v) {
    view = v;
    document.body.dataset.ready = '1';
    $('room').textContent = v.room.name;
    $('clock').textContent = clock(v.now, v.timezone);
    $('live').textContent = tr(v.room.liveStatusText);
    $('live').className = v.room.liveStatus === 101 ? 'live' : '';
    $('roomid').textContent = v.room.roomId ? f(v.channels ? T.noticeId : T.roomId, { id: tr(v.room.roomId) }) : '';
    const sheet = $('sheet'); sheet.replaceChildren();
    let nextMarked = false;
    for (const r of v.rows) {
      const row = el('tr'); row.dataset.id = r.id;
      const past = r.at && r.at < v.now && (!r.until || r.until < v.now);
      if (past) row.classList.add('past');
      else if (r.at && !nextMarked) { row.classList.add('next'); nextMarked = true; }
      if (r.mark) row.classList.add('marked');
      row.append(el('td', r.at ? fmt(r.at, v.timezone) : (r.likes ? '♥ ' + r.likes : ''), 'when'));
      row.append(el('td', r.at ? countdown(r.at, v.now) : (r.likes ? f(T.likesReach, { likes: r.likes }) : ''), 'count'));
      const what = el('td', undefined, 'what');
      what.append(el('div', r.title), el('div', tr(r.detail), 'muted'));
      if (r.mark) what.append(el('div', f(T.markedAt, { mark: r.mark.mark === 'drawn' ? T.drawn : T.done, time: clock(r.mark.at, v.timezone) }), 'muted'));
      row.append(what);
      const td = el('td');
      if (r.product) td.append(button(T.pushCard, { type: 'push', product: r.product }, true), ' ');
      if (r.markAs && !r.mark) td.append(button(r.markAs === 'drawn' ? T.markDrawn : T.markDone, { type: 'mark', cue: r.id }));
      row.append(td);
      sheet.append(row);
    }
    const goods = $('goods'); goods.replaceChildren();
    for (const g of v.goods) {
      const row = el('tr'); row.dataset.product = g.product;
      const where = v.channels ? [T.inShowcase, T.notInShowcase] : [T.inRoom, T.notInRoom];
      const name = el('td'); name.append(el('div', g.name), el('div', g.inRoom ? where[0] : (g.goodsId ? where[1] : T.notApplied), 'muted'));
      row.append(name);
      const card = el('td'); card.append(button(T.pushCard, { type: 'push', product: g.product }, true)); row.append(card);
      const shelf = el('td');
      shelf.append(button(T.putOnSale, { type: 'onsale', product: g.product, onSale: true }), ' ', button(T.takeOffSale, { type: 'onsale', product: g.product, onSale: false }));
      if (g.onSale !== undefined) shelf.append(el('div', g.onSale ? T.onSale : T.offSale, 'muted'));
      row.append(shelf);
      goods.append(row);
    }
    const d = v.channels && v.channels.dashboard;
    const figures = d ? [d.viewers !== undefined ? f(T.viewers, { n: d.viewers }) : '', d.likes !== undefined ? f(T.likes, { n: d.likes }) : '', d.likeRate !== undefined ? f(T.likeRate, { rate: (d.likeRate / 100).toFixed(2) }) : '', d.orders !== undefined ? f(T.orders, { n: d.orders }) : '', d.gmv !== undefined ? f(T.gmv, { yuan: d.gmv.toFixed(2) }) : ''].filter(Boolean).join(T.figureSep) : '';
    $('replay').textContent = figures ? f(v.channels.live ? T.liveFigures : T.broadcastFigures, { figures }) : v.replay ? (v.replay.ready ? f(T.replayReady, { url: v.replay.url || '' }) : T.replayNotReady + (v.replay.error ? f(T.replayWhy, { error: v.replay.error }) : T.replaySoon)) : (v.room.end ? f(T.ends, { at: fmt(v.room.end, v.timezone), countdown: countdown(v.room.end, v.now) }) : '');
    const after = $('after'); after.replaceChildren();
    for (const w of v.after) {
      const row = el('tr'); if (w.past) row.classList.add('past');
      row.append(el('td', w.at ? fmt(w.at, v.timezone) : '', 'when'), el('td', w.at ? countdown(w.at, v.now) : '', 'count'), el('td', w.id + ' → ' + w.channels.join(', ')));
      after.append(row);
    }
  }
  async function refresh() {
    try {
      const r = await fetch('/api/view', { headers: { 'x-livectl-token': token } });
      if (!r.ok) { say(f(T.refused, { status: r.status }), true); return; }
      render(await r.json());
    } catch (e) { say(f(T.notRunning, { error: e }), true); }
  }
  refresh();
  setInterval(() => { if (!busy) refresh(); }, 1000);
})();
</script>
</body>
</html>
`;
}
