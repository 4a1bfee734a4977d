import type { Command } from 'commander';
import type { CommandContext } from './index.js';

export const POSTERS_FORMATS = ['text', 'json'] as const;

export interface PostersFlags {
  out?: string;
  wave?: string;
  scale?: string;
  now?: string;
  format?: string;
  font?: string;
}

export function registerPosters(program: Command, ctx: CommandContext): void {
  program
    .command('posters')
    .description('Render share posters for every wave and the room, plus an index.html contact sheet.')
    .argument('<campaign>', 'the campaign file')
    .option(
      '--out <dir>',
      'folder for the PNGs and index.html (default: out/<campaign name>/ beside the campaign)',
    )
    .option('--wave <id>', 'only this wave’s poster (the contact sheet still shows the whole campaign)')
    .option('--scale <n>', '1 → 750×1334, 2 → 1500×2668', '1')
    .option('--font <file>', 'a .ttf/.otf font to use instead of the bundled Noto Sans SC')
    .option('--now <iso>', 'the clock for validation and the contact sheet, e.g. 2027-03-01T10:00:00+08:00')
    .option('--format <format>', 'text | json', 'text')
    .addHelpText(
      'after',
      "\nExamples:\n  livectl posters campaigns/goddess-day.yaml\n  livectl posters campaigns/goddess-day.yaml --wave t-3d --scale 2\n  livectl posters campaigns/goddess-day.yaml --out /tmp/posters --format json\n\nOffline the code on each poster is a QR of the room's share path; `apply` embeds the real mini-program code.\nExit codes: 0 posters written, 1 invalid campaign or bad input, 2 usage error.\n",
    )
    .action(async (campaign: string, flags: PostersFlags) => {
      const { runPosters } = await import('../run-posters.js');
      ctx.setExitCode(await runPosters(campaign, flags, ctx.deps));
    });
}
