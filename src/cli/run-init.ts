import path from 'node:path';
import { UserError } from '../errors.js';
import { t } from '../i18n/catalog.js';
import type { InitAnswers } from '../init/answers.js';
import { answersFromFlags, completeWithDefaults, type InitFlags } from '../init/flags.js';
import { askMissing } from '../init/wizard.js';
import { exists, writeCampaign } from '../init/write.js';
import { type Deps, promptOf } from '../platform/deps.js';
import { resolveNow } from './options.js';
import { renderInit } from './views/init.js';

export type { InitFlags } from '../init/flags.js';

/**
 * `livectl init [file]`: the answers come from flags, then (on a terminal, without --yes) from the
 * wizard, else defaults with --yes. Nothing is written before every answer is in, and nothing is
 * left when the campaign does not validate (src/init/write.ts). Ctrl-C during the questions writes nothing.
 */
export async function runInit(target: string | undefined, flags: InitFlags, deps: Deps): Promise<number> {
  const now = resolveNow(flags.now, deps);
  const file = path.resolve(deps.cwd, target ?? 'campaign.yaml');
  const shown = path.relative(deps.cwd, file) || file;
  if (!flags.force && (await exists(file))) {
    throw new UserError(t().init.exists({ file: shown }), { hint: t().init.existsHint({ file: shown }) });
  }

  const fromFlags = answersFromFlags(flags);
  let answers: InitAnswers;
  if (deps.stdinIsTTY && !flags.yes) {
    try {
      answers = await askMissing(fromFlags, promptOf(deps), now, deps.cwd);
    } catch (err) {
      if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) {
        deps.stderr.write(t().init.cancelled);
        return 130;
      }
      throw err;
    }
  } else {
    answers = completeWithDefaults(fromFlags, Boolean(flags.yes), now);
  }

  const written = await writeCampaign(file, answers, { force: Boolean(flags.force), cwd: deps.cwd, now });
  return renderInit(written, answers, shown, deps);
}
