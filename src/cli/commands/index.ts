import type { Command } from 'commander';
import type { Deps } from '../../platform/deps.js';
import { registerApply } from './apply.js';
import { registerConsole } from './console.js';
import { registerDaemon } from './daemon.js';
import { registerDestroy } from './destroy.js';
import { registerDispatch } from './dispatch.js';
import { registerDoctor } from './doctor.js';
import { registerEmulator } from './emulator.js';
import { registerInit } from './init.js';
import { registerPlan } from './plan.js';
import { registerPosters } from './posters.js';
import { registerSchema } from './schema.js';
import { registerStatus } from './status.js';
import { registerValidate } from './validate.js';

/** What every command registration gets: the ports and a way to set the process exit code. */
export interface CommandContext {
  deps: Deps;
  setExitCode(code: number): void;
}

/**
 * Registers every command. Registration only declares flags; each action imports its use-case lazily,
 * so `livectl --help` loads commander and chalk only.
 */
export function registerCommands(program: Command, ctx: CommandContext): void {
  registerInit(program, ctx);
  registerValidate(program, ctx);
  registerSchema(program, ctx);
  registerPlan(program, ctx);
  registerApply(program, ctx);
  registerStatus(program, ctx);
  registerDestroy(program, ctx);
  registerEmulator(program, ctx);
  registerPosters(program, ctx);
  registerDispatch(program, ctx);
  registerDaemon(program, ctx);
  registerDoctor(program, ctx);
  registerConsole(program, ctx);
  registerCompletion(program, ctx);
  program.addHelpText(
    'after',
    '\nExamples:\n' +
      '  livectl init                                   # a new campaign, by answering a few questions\n' +
      '  livectl validate campaigns/goddess-day.yaml    # check it against the platform and the playbook\n' +
      '  livectl plan campaigns/goddess-day.yaml        # what apply would do, and the posters\n' +
      '  livectl doctor campaigns/goddess-day.yaml      # secrets, tokens, the live permission\n' +
      '\nExit codes: 0 ok, 1 invalid campaign or failed operation, 2 usage error.\n' +
      'Shell completion: source <(livectl completion bash)   (or zsh)\n',
  );
}

function registerCompletion(program: Command, ctx: CommandContext): void {
  program
    .command('completion')
    .description('Print a shell completion script (commands and their flags).')
    .argument('<shell>', 'bash | zsh')
    .addHelpText(
      'after',
      '\nExamples:\n  source <(livectl completion bash)                       # this shell\n' +
        '  livectl completion bash > /etc/bash_completion.d/livectl  # every shell\n' +
        // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh syntax, printed as is.
        '  livectl completion zsh > "${fpath[1]}/_livectl"\n',
    )
    .action(async (shell: string) => {
      const { completionScript } = await import('../completion.js');
      ctx.deps.stdout.write(completionScript(shell, program));
      ctx.setExitCode(0);
    });
}
