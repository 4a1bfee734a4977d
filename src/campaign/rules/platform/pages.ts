import { type DiagnosticPath, error, type Finding } from '../../../diagnostics/diagnostic.js';
import type { Rule } from '../context.js';

/**
 * Mini-program page paths (goods `url` reference §5.1, getwxacode `path` §8.2, subscribe `page` §9,
 * OA menu `pagepath`): `pages/goods/detail`, no leading `/`, an optional query; at most 1024
 * characters; query values that carry URLs must be URL-encoded.
 */
export const MAX_PAGE_LENGTH = 1024;
const SEGMENT = /^[A-Za-z0-9_\-.@]+$/;

export interface PageProblem {
  code: 'E_PAGE_PATH' | 'E_PAGE_QUERY_ENCODING';
  message: string;
  hint: string;
}

/** What is wrong with a page path, or undefined. Pure. */
export function pageProblem(page: string): PageProblem | undefined {
  const hint = 'Write it as in app.json, e.g. pages/goods/detail?id=520 (no leading /, no spaces).';
  if (page.length === 0) return { code: 'E_PAGE_PATH', message: 'the page path is empty', hint };
  if (page.length > MAX_PAGE_LENGTH) {
    return {
      code: 'E_PAGE_PATH',
      message: `the page path is ${page.length} characters; at most ${MAX_PAGE_LENGTH} are allowed`,
      hint: 'Shorten the query: keep ids in it, not whole URLs or texts.',
    };
  }
  if (page.startsWith('/')) return { code: 'E_PAGE_PATH', message: `"${page}" starts with "/"`, hint };
  if (/\s/.test(page)) return { code: 'E_PAGE_PATH', message: `"${page}" contains a space`, hint };
  if (/^[a-z][a-z0-9+.-]*:/i.test(page)) {
    return {
      code: 'E_PAGE_PATH',
      message: `"${page}" is a URL, not a mini-program page`,
      hint: 'Give the page of your mini program (pages/…); a web page needs a web-view page that opens it.',
    };
  }
  const q = page.indexOf('?');
  const path = q < 0 ? page : page.slice(0, q);
  const segments = path.split('/');
  if (segments.some((s) => !SEGMENT.test(s) || s === '.' || s === '..')) {
    return {
      code: 'E_PAGE_PATH',
      message: `"${path}" is not a page path of segments like pages/goods/detail`,
      hint,
    };
  }
  if (q < 0) return undefined;
  for (const pair of page.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if (/[:/?#]/.test(value) || /%(?![0-9A-Fa-f]{2})/.test(value)) {
      return {
        code: 'E_PAGE_QUERY_ENCODING',
        message: `the query value "${value}" is not URL-encoded`,
        hint: `URL-encode values that carry URLs, e.g. ${pair.slice(0, eq + 1)}${encodeURIComponent(safeDecode(value))}.`,
      };
    }
  }
  return undefined;
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

export const pagePaths: Rule = {
  id: 'page-paths',
  codes: ['E_PAGE_PATH', 'E_PAGE_QUERY_ENCODING'],
  description: 'Mini-program page paths (goods, subscribe message, Official Account menu) are well formed.',
  check(ctx) {
    const c = ctx.campaign;
    const pages: { page: string; path: DiagnosticPath }[] = [];
    c.products.forEach((p, i) => {
      if (p.page !== undefined) pages.push({ page: p.page, path: ['products', i, 'page'] });
    });
    for (const [name, ch] of Object.entries(c.channels)) {
      if (ch.type === 'subscribe-message' && ch.page !== undefined) {
        pages.push({ page: ch.page, path: ['channels', name, 'page'] });
      }
      if (ch.type === 'official-account' && ch.menu?.page !== undefined) {
        pages.push({ page: ch.menu.page, path: ['channels', name, 'menu', 'page'] });
      }
    }
    const out: Finding[] = [];
    for (const { page, path } of pages) {
      const p = pageProblem(page);
      if (p) out.push(error(p.code, path, p.message, p.hint));
    }
    return out;
  },
};
