import { error, warning } from '../../../diagnostics/diagnostic.js';
import type { Rule } from '../context.js';
import { pageProblem } from './pages.js';

/**
 * `accounts.miniProgram.livePage`: the merchant's own page that opens the live room. Share codes
 * (getwxacodeunlimit) are made for it — `page` takes no query and no leading slash (reference §8.1);
 * the code's `scene`, and for WeCom cards and the Official Account menu the page's query, carry
 * `r=<roomId>&w=<wave>`. Without it every code opens the mini program's home page (the API's
 * default), and the WeCom cards fall back to the live-player plugin's path, which the reference does
 * not confirm for cards: the campaign still works only if the home page routes the scene itself.
 */
export const livePage: Rule = {
  id: 'live-page',
  codes: ['E_LIVE_PAGE'],
  description:
    'accounts.miniProgram.livePage is a page path of the mini program without a query (livectl adds r=<roomId>&w=<wave>).',
  check(ctx) {
    const page = ctx.campaign.accounts.miniProgram?.livePage;
    if (page === undefined) return [];
    const path = ['accounts', 'miniProgram', 'livePage'];
    const hint =
      'Give the page as in app.json, e.g. pages/live/entry: no leading /, no query (livectl adds r=<roomId>&w=<wave>).';
    const p = pageProblem(page);
    if (p) return [error('E_LIVE_PAGE', path, `livePage ${p.message}`, p.hint)];
    if (page.includes('?'))
      return [
        error('E_LIVE_PAGE', path, `livePage "${page}" carries a query; a share code's page cannot`, hint),
      ];
    return [];
  },
};

/** Warnings about how the campaign is set up (livectl still works, but not as well). */
export const livePageMissing: Rule = {
  id: 'live-page-missing',
  codes: ['W_NO_LIVE_PAGE'],
  description:
    "No accounts.miniProgram.livePage: every share code opens the mini program's home page, which must route the scene (r=<roomId>&w=<wave>) to the live room itself.",
  check(ctx) {
    const mp = ctx.campaign.accounts.miniProgram;
    // On channels the mini program is optional and its own warning says what is lost without the page.
    if (mp === undefined || mp.livePage !== undefined || ctx.campaign.platform === 'channels') return [];
    // Pointed at the key: the whole `miniProgram` entry lacks the field.
    return [
      {
        ...warning(
          'W_NO_LIVE_PAGE',
          ['accounts', 'miniProgram'],
          "accounts.miniProgram has no livePage: every share code will open the mini program's home page, which must then read the scene (r=<roomId>&w=<wave>) and open the live room itself",
          'Add accounts.miniProgram.livePage (e.g. pages/live/entry), a page of your mini program that forwards to the live-player plugin: see "The live landing page" in the README.',
        ),
        target: 'key',
      },
    ];
  },
};
