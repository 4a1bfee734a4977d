import { accessSync, constants } from 'node:fs';

/** Debian's chromium, which playwright-core drives for the contact-sheet test (.ci/run installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/** The README's set-up block says this too (a test compares): one sentence, what to install and how. */
export const CHROMIUM_MISSING = `npm test needs Chromium at ${CHROMIUM} (Debian: apt-get install chromium).`;

/** The browser's path, or an error that says what to install (instead of playwright's launch trace). */
export function requireChromium(file: string = CHROMIUM): string {
  try {
    accessSync(file, constants.X_OK);
  } catch {
    throw new Error(file === CHROMIUM ? CHROMIUM_MISSING : CHROMIUM_MISSING.replace(CHROMIUM, file));
  }
  return file;
}
