import type { Lang } from './lang.js';
import { en } from './messages-en.js';
import { zh } from './messages-zh.js';

/**
 * The texts of the CLI for people, one catalog per language. `en` is the source: every other
 * language is a `Catalog`, the same keys with the same placeholders (a function's parameter), so a
 * missing key, an extra one or a misspelt placeholder is a compile error. Diagnostics have their own
 * catalog, keyed by code (diagnostics-zh.ts); command help its own (help-zh.ts).
 */
export type Catalog = Widen<typeof en>;

type Widen<T> = {
  [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends (...args: infer A) => string
      ? (...args: A) => string
      : Widen<T[K]>;
};

const CATALOGS: Record<Lang, Catalog> = { en, 'zh-CN': zh };

let active: Lang = 'en';

/** Sets the language of this process's texts (main does, once per command, before anything prints). */
export function setLang(lang: Lang): void {
  active = lang;
}

/** The language chosen for this command. */
export function currentLang(): Lang {
  return active;
}

/** The catalog of the chosen language. */
export function t(): Catalog {
  return CATALOGS[active];
}
