// `npm run bench`: every benchmark, printed as one table. Ratios are against baselines measured in the same run.
import { benchApply } from './apply.js';
import { benchClients } from './clients.js';
import { benchConsole } from './console.js';
import { benchCoupons } from './coupons.js';
import { benchDispatch } from './dispatch.js';
import { benchHosts } from './hosts.js';
import { benchPlan } from './plan.js';
import { benchPosters } from './posters.js';
import { benchValidate } from './validate.js';

const sections = [
  ['validate', benchValidate],
  ['clients', benchClients],
  ['plan', benchPlan],
  ['apply', benchApply],
  ['coupons', benchCoupons],
  ['posters', benchPosters],
  ['dispatch', benchDispatch],
  ['hosts', benchHosts],
  ['console', benchConsole],
];
const only = process.argv[2];
const rows = [];
for (const [name, fn] of sections) {
  if (only && only !== name) continue;
  for (const row of await fn()) rows.push({ bench: name, ...row });
}
const w = (k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length));
const cols = ['bench', 'metric', 'value', 'target'];
const line = (r) =>
  `${cols.map((c) => String(r[c]).padEnd(w(c))).join('  ')}  ${r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED'}`;
console.log(line({ bench: 'bench', metric: 'metric', value: 'value', target: 'target' }));
for (const r of rows) console.log(line(r));
