/**
 * A subscribe-message audience file: CSV (one openid per line in the first column, or in a column
 * headed `openid`) or JSONL (`{"openid": "…"}` or a JSON string per line). Pure: the caller reads the
 * file. Blank lines and `#` comments are ignored; duplicates are dropped (the first one wins) so a
 * merged export never messages anyone twice.
 */
export function parseAudience(text: string, fileName = ''): string[] {
  const jsonl = /\.jsonl?$/i.test(fileName) || /^\s*[{"]/.test(text);
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v !== 'string') return;
    const id = v.trim();
    if (id === '' || seen.has(id)) return;
    seen.add(id);
    out.push(id);
  };
  const lines = text.split(/\r?\n/);
  if (jsonl) {
    for (const line of lines) {
      const t = line.trim();
      if (t === '' || t.startsWith('#')) continue;
      let v: unknown;
      try {
        v = JSON.parse(t);
      } catch {
        continue;
      }
      add(typeof v === 'object' && v !== null ? (v as Record<string, unknown>).openid : v);
    }
    return out;
  }
  let column = 0;
  let first = true;
  for (const line of lines) {
    const t = line.replace(/^\uFEFF/, '').trim();
    if (t === '' || t.startsWith('#')) continue;
    const cells = t.split(',').map((x) => x.trim().replace(/^"(.*)"$/, '$1'));
    if (first) {
      first = false;
      const header = cells.findIndex((x) => x.toLowerCase() === 'openid');
      if (header >= 0) {
        column = header;
        continue;
      }
    }
    add(cells[column]);
  }
  return out;
}
