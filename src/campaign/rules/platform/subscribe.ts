import { error, type Finding } from '../../../diagnostics/diagnostic.js';
import { messageScope } from '../../message-scope.js';
import { renderPlaceholders } from '../../placeholders.js';
import { suggest } from '../../suggest.js';
import type { Rule } from '../context.js';
import { allWaves } from './shared.js';

/**
 * Subscribe-message `data` values by key prefix (reference §9, "注意事项"). WeChat answers 47003
 * `argument invalid! data.<key>.value …` when a value breaks its key's rule.
 */
export const FIELD_PREFIXES = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
  'enum',
] as const;
export type FieldPrefix = (typeof FIELD_PREFIXES)[number];

const KEY = new RegExp(`^(${[...FIELD_PREFIXES].sort((a, b) => b.length - a.length).join('|')})([1-9]\\d*)$`);

export function fieldPrefix(key: string): FieldPrefix | undefined {
  return KEY.exec(key)?.[1] as FieldPrefix | undefined;
}

const HAN = /\p{Script=Han}/u;
const chars = (v: string) => [...v].length;
// Dates: 2019-10-01, 2019/10/01, 2019年10月1日, 10月1日; times: 15:01, 15:01:30 (24-hour).
const DATE = '(?:\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|(?:\\d{4}年)?\\d{1,2}月\\d{1,2}日)';
const CLOCK = '(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?';
const TIME_VALUE = new RegExp(`^(?:${DATE}\\s*)?${CLOCK}$`);
const DATE_VALUE = new RegExp(`^${DATE}(?:\\s*${CLOCK})?$`);
const range = (re: RegExp) => (v: string) => {
  const parts = v.split('~').map((p) => p.trim());
  return parts.length <= 2 && parts.every((p) => re.test(p));
};

/** The rule a prefix's values follow: a check and how to say it. */
export const FIELD_RULES: Record<FieldPrefix, { ok: (v: string) => boolean; rule: string }> = {
  thing: { ok: (v) => chars(v) <= 20, rule: 'at most 20 characters' },
  number: {
    ok: (v) => /^[+-]?\d+(?:\.\d+)?$/.test(v) && v.replace(/\D/g, '').length <= 32,
    rule: 'a number of at most 32 digits (a decimal point allowed)',
  },
  letter: { ok: (v) => /^[A-Za-z]{1,32}$/.test(v), rule: 'at most 32 letters, letters only' },
  symbol: { ok: (v) => /^[^\p{L}\p{N}\s]{1,5}$/u.test(v), rule: 'at most 5 symbols, symbols only' },
  character_string: {
    ok: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
    rule: 'at most 32 digits, letters or symbols (no spaces, no Chinese)',
  },
  time: {
    ok: range(TIME_VALUE),
    rule: 'a 24-hour time such as 15:01 or 2027年3月8日 20:00 (a range joined by ~)',
  },
  date: {
    ok: range(DATE_VALUE),
    rule: 'a date such as 2027年3月8日 or 2027-03-08 20:00 (a range joined by ~)',
  },
  amount: {
    ok: (v) => /^[¥￥$€£]?\d+(?:\.\d{1,2})?元?$/.test(v) && v.replace(/\D/g, '').length <= 10,
    rule: 'one currency symbol and at most 10 digits, such as ¥129.00 or 129元',
  },
  phone_number: {
    ok: (v) => /^[\d\p{P}\p{S} ]{1,17}$/u.test(v) && /\d/.test(v),
    rule: 'at most 17 digits or symbols, such as +86-10-12345678',
  },
  car_number: {
    ok: (v) => {
      const cs = [...v];
      if (cs.length < 1 || cs.length > 8) return false;
      return cs.every((c, i) =>
        /[A-Za-z0-9]/.test(c) ? true : HAN.test(c) && (i === 0 || i === cs.length - 1),
      );
    },
    rule: 'at most 8 characters: letters and digits, Chinese only first or last (粤A12345)',
  },
  name: {
    ok: (v) => (/^[\x20-\x7e]*$/.test(v) ? chars(v) <= 20 : chars(v) <= 10),
    rule: 'at most 10 Chinese characters, or 20 letters (mixed text counts as Chinese)',
  },
  phrase: { ok: (v) => /^\p{Script=Han}{1,5}$/u.test(v), rule: 'at most 5 Chinese characters, Chinese only' },
  // The allowed values come from the template (template-list API); offline only emptiness is checked.
  enum: { ok: () => true, rule: "one of the template's values" },
};

export const subscribeFields: Rule = {
  id: 'subscribe-fields',
  codes: ['E_SUBSCRIBE_FIELD_KEY', 'E_SUBSCRIBE_FIELD_VALUE'],
  description:
    'Subscribe-message fields use known key types, and their rendered values obey each type’s rule.',
  check(ctx) {
    const c = ctx.campaign;
    const out: Finding[] = [];
    for (const [name, ch] of Object.entries(c.channels)) {
      if (ch.type !== 'subscribe-message') continue;
      // Values are rendered per wave that sends through the channel (coupon placeholders differ per wave).
      const waves = allWaves(ctx).filter((w) => w.wave.channels.includes(name));
      const scopes = waves.length
        ? waves.map((w) => ({ scope: messageScope(c, ctx.times, w.wave), wave: w.wave.id }))
        : [{ scope: messageScope(c, ctx.times), wave: undefined }];
      for (const [key, raw] of Object.entries(ch.fields)) {
        const path = ['channels', name, 'fields', key];
        const prefix = fieldPrefix(key);
        if (!prefix) {
          const stem = key.replace(/\d+$/, '');
          const guess = suggest(stem, FIELD_PREFIXES);
          out.push({
            ...error(
              'E_SUBSCRIBE_FIELD_KEY',
              path,
              `"${key}" is not a subscribe-message key: keys are a type and a number, such as thing1 or time2${guess && guess !== stem ? ` (did you mean "${guess}${key.slice(stem.length) || '1'}"?)` : ''}`,
              `Copy the keys from the template's details in the mini program admin. Types: ${FIELD_PREFIXES.join(', ')}.`,
              {
                key,
                guess: guess && guess !== stem ? `${guess}${key.slice(stem.length) || '1'}` : undefined,
                types: FIELD_PREFIXES.join('、'),
              },
            ),
            target: 'key',
          });
          continue;
        }
        const rule = FIELD_RULES[prefix];
        for (const { scope, wave } of scopes) {
          const value = renderPlaceholders(raw, scope).text.trim();
          const bad =
            value === ''
              ? 'is empty'
              : rule.ok(value)
                ? undefined
                : `does not fit a ${prefix} value: ${rule.rule}`;
          if (!bad) continue;
          out.push(
            error(
              'E_SUBSCRIBE_FIELD_VALUE',
              path,
              `${key} = "${value}"${wave ? ` (wave "${wave}")` : ''} ${bad}`,
              `A ${prefix} value must be ${rule.rule}; WeChat answers 47003 otherwise.`,
              { key, value, wave, prefix, rule: rule.rule },
            ),
          );
          break; // one finding per field is enough
        }
      }
    }
    return out;
  },
};
