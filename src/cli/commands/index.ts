import type { Command } from 'commander';
import type { Deps } from '../../platform/deps.js';
import { registerApply } from './apply.js';
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
}
