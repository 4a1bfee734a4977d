/**
 * The console page: static HTML + one small script (no framework: a table, a few buttons and a
 * once-a-second poll do not need one). Campaign text never goes into this HTML — the script puts it
 * into the page with textContent — except the title, which is HTML-escaped. Chinese renders with the
 * bundled Noto Sans SC (served by the console, so a machine without Chinese fonts shows it too).
 */

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

export function consolePage(title: string, nonce: string, token: string): string {
  const n = escapeHtml(nonce);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · livectl console</title>
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
  <section><h2>Run sheet</h2>
    <table><thead><tr><th>Time</th><th>In</th><th>What</th><th></th></tr></thead><tbody id="sheet"></tbody></table>
  </section>
  <div>
    <section><h2>Goods</h2>
      <table><thead><tr><th>Product</th><th>Card</th><th>Shelf</th></tr></thead><tbody id="goods"></tbody></table>
    </section>
    <section class="gap"><h2>After the broadcast</h2>
      <p id="replay" class="muted"></p>
      <table><tbody id="after"></tbody></table>
    </section>
  </div>
</main>
<script nonce="${n}">
(() => {
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
    const t = (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + sec + 's';
    return past ? t + ' ago' : 'in ' + t;
  };
  function say(text, err) { const m = $('msg'); m.textContent = text; m.className = err ? 'err' : ''; }
  async function act(body, button) {
    if (busy) return;
    busy = true; if (button) button.disabled = true;
    try {
      const r = await fetch('/api/action', { method: 'POST', headers: { 'content-type': 'application/json', 'x-livectl-token': token }, body: JSON.stringify(body) });
      const j = await r.json();
      say(j.message + (j.errcode ? ' (errcode ' + j.errcode + ')' : ''), !j.ok);
      await refresh();
    } catch (e) { say('the console did not answer: ' + e, true); }
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
    $('live').textContent = v.room.liveStatusText;
    $('live').className = v.room.liveStatus === 101 ? 'live' : '';
    $('roomid').textContent = v.room.roomId ? 'room ' + v.room.roomId : '';
    const sheet = $('sheet'); sheet.replaceChildren();
    let nextMarked = false;
    for (const r of v.rows) {
      const tr = el('tr'); tr.dataset.id = r.id;
      const past = r.at && r.at < v.now && (!r.until || r.until < v.now);
      if (past) tr.classList.add('past');
      else if (r.at && !nextMarked) { tr.classList.add('next'); nextMarked = true; }
      if (r.mark) tr.classList.add('marked');
      tr.append(el('td', r.at ? fmt(r.at, v.timezone) : (r.likes ? '♥ ' + r.likes : ''), 'when'));
      tr.append(el('td', r.at ? countdown(r.at, v.now) : (r.likes ? 'when likes reach ' + r.likes : ''), 'count'));
      const what = el('td', undefined, 'what');
      what.append(el('div', r.title), el('div', r.detail, 'muted'));
      if (r.mark) what.append(el('div', r.mark.mark + ' at ' + clock(r.mark.at, v.timezone), 'muted'));
      tr.append(what);
      const td = el('td');
      if (r.product) td.append(button('Push card', { type: 'push', product: r.product }, true), ' ');
      if (r.markAs && !r.mark) td.append(button(r.markAs === 'drawn' ? 'Mark drawn' : 'Mark done', { type: 'mark', cue: r.id }));
      tr.append(td);
      sheet.append(tr);
    }
    const goods = $('goods'); goods.replaceChildren();
    for (const g of v.goods) {
      const tr = el('tr'); tr.dataset.product = g.product;
      const where = v.channels ? ['in the showcase', 'not in the showcase yet'] : ['in the room', 'not in the room yet'];
      const name = el('td'); name.append(el('div', g.name), el('div', g.inRoom ? where[0] : (g.goodsId ? where[1] : 'not applied yet'), 'muted'));
      tr.append(name);
      const card = el('td'); card.append(button('Push card', { type: 'push', product: g.product }, true)); tr.append(card);
      const shelf = el('td');
      shelf.append(button('On sale', { type: 'onsale', product: g.product, onSale: true }), ' ', button('Off sale', { type: 'onsale', product: g.product, onSale: false }));
      if (g.onSale !== undefined) shelf.append(el('div', g.onSale ? 'on sale' : 'off sale', 'muted'));
      tr.append(shelf);
      goods.append(tr);
    }
    const d = v.channels && v.channels.dashboard;
    const figures = d ? [d.viewers !== undefined ? d.viewers + ' viewers' : '', d.likes !== undefined ? d.likes + ' likes' : '', d.likeRate !== undefined ? 'like rate ' + (d.likeRate / 100).toFixed(2) + '%' : '', d.orders !== undefined ? d.orders + ' orders' : '', d.gmv !== undefined ? 'GMV ¥' + d.gmv.toFixed(2) : ''].filter(Boolean).join(' · ') : '';
    $('replay').textContent = figures ? (v.channels.live ? 'Live: ' : 'Broadcast: ') + figures : v.replay ? (v.replay.ready ? 'Replay ready: ' + (v.replay.url || '') : 'Replay not ready yet' + (v.replay.error ? ' (' + v.replay.error + ')' : ' (it comes about 10 minutes after the end)')) : (v.room.end ? 'Ends ' + fmt(v.room.end, v.timezone) + ' (' + countdown(v.room.end, v.now) + ')' : '');
    const after = $('after'); after.replaceChildren();
    for (const w of v.after) {
      const tr = el('tr'); if (w.past) tr.classList.add('past');
      tr.append(el('td', w.at ? fmt(w.at, v.timezone) : '', 'when'), el('td', w.at ? countdown(w.at, v.now) : '', 'count'), el('td', w.id + ' → ' + w.channels.join(', ')));
      after.append(tr);
    }
  }
  async function refresh() {
    try {
      const r = await fetch('/api/view', { headers: { 'x-livectl-token': token } });
      if (!r.ok) { say('the console refused: ' + r.status, true); return; }
      render(await r.json());
    } catch (e) { say('the console is not running: ' + e, true); }
  }
  refresh();
  setInterval(() => { if (!busy) refresh(); }, 1000);
})();
</script>
</body>
</html>
`;
}
