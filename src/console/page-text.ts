import type { Catalog } from '../i18n/catalog.js';
import { consoleEn } from '../i18n/console-en.js';
import { consoleZh } from '../i18n/console-zh.js';
import type { Lang } from '../i18n/lang.js';

/**
 * The texts the console page needs, as JSON the server embeds in it: the page's labels as templates
 * (`{name}` where a value goes), and in Chinese the phrases that translate what the server's JSON says
 * in English — each a pattern made from the English template, and the Chinese template. The JSON API
 * itself never changes with the language.
 */
export interface PageText {
  lang: Lang;
  page: Record<keyof Catalog['console']['page'], string>;
  /** [pattern source (anchored by the page), the placeholders in order, the Chinese template]. */
  phrases: [string, string[], string][];
  /** Placeholders whose captured value is itself a phrase ("drawn", "cancelled"). */
  nested: string[];
  /** Placeholders that hold a duration as the campaign writes it (`10m`): shown with the page's units. */
  durations: string[];
}

type Leaf = string | ((p: never) => string);

/** A template from a text function: its values become `{name}` markers. */
export function template(leaf: Leaf): string {
  if (typeof leaf === 'string') return leaf;
  const markers = new Proxy({}, { get: (_t, k) => `{${String(k)}}` });
  return (leaf as (p: unknown) => string)(markers);
}

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

/** The pattern that matches a text the English template makes, and its placeholders in order. */
export function patternOf(english: string): [string, string[]] {
  const names: string[] = [];
  const source = english
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return part.replace(SPECIAL, '\\$&');
      names.push(m[1]!);
      return '([\\s\\S]*?)';
    })
    .join('');
  return [source, names];
}

function leaves(o: object, prefix = ''): [string, Leaf][] {
  return Object.entries(o).flatMap(([k, v]): [string, Leaf][] =>
    typeof v === 'object' && v !== null ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v as Leaf]],
  );
}

export function pageText(lang: Lang): PageText {
  const cat = lang === 'zh-CN' ? consoleZh : consoleEn;
  const page = Object.fromEntries(
    Object.entries(cat.page).map(([k, v]) => [k, template(v as Leaf)]),
  ) as PageText['page'];
  if (lang === 'en') return { lang, page, phrases: [], nested: [], durations: [] };
  const zh = new Map(leaves(consoleZh.server));
  const phrases = leaves(consoleEn.server).map(([key, en]): [string, string[], string] => {
    const [source, names] = patternOf(template(en));
    return [source, names, template(zh.get(key)!)];
  });
  // Whole texts first, then the most specific patterns (the most fixed words): "coupon drop: {title}
  // ({quantity})" before "coupon drop: {coupon}".
  const fixed = (source: string) => source.replace(/\(\[\\s\\S\]\*\?\)/g, '').length;
  phrases.sort((a, b) => Number(a[1].length > 0) - Number(b[1].length > 0) || fixed(b[0]) - fixed(a[0]));
  return { lang, page, phrases, nested: ['mark', 'status'], durations: ['warmUp'] };
}
