import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * Reads a campaign file without ever blocking or growing without bound: the file is opened
 * non-blocking (opening a FIFO for reading otherwise waits for a writer forever), anything but a
 * regular file is refused before a byte is read (`/dev/zero` never ends), and reading stops one
 * byte past `limit` even when fstat reported less (a file growing while it is read).
 * Synchronous on purpose: one open/fstat/read/close costs less than fs/promises' round trips.
 */
export type CampaignFileRead =
  | { ok: true; bytes: Buffer }
  | {
      ok: false;
      code: 'E_FILE_NOT_FOUND' | 'E_NOT_A_FILE' | 'E_FILE_TOO_LARGE' | 'E_FILE_UNREADABLE';
      message: string;
    };

// O_NONBLOCK does not exist on Windows, where a FIFO cannot be opened by a plain path anyway.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export function readCampaignFileSync(file: string, limit: number): CampaignFileRead {
  let fd: number | undefined;
  try {
    fd = openSync(file, OPEN_FLAGS);
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, code: 'E_NOT_A_FILE', message: notAFile(kindOf(st)) };
    if (st.size > limit) return { ok: false, code: 'E_FILE_TOO_LARGE', message: tooLarge(st.size, limit) };
    let buf = Buffer.allocUnsafe(Math.min(st.size, limit) + 1);
    let used = 0;
    for (;;) {
      if (used === buf.length) {
        if (used > limit) return { ok: false, code: 'E_FILE_TOO_LARGE', message: tooLarge(used, limit) };
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, limit + 1));
        buf.copy(bigger, 0, 0, used);
        buf = bigger;
      }
      const n = readSync(fd, buf, used, buf.length - used, null);
      if (n === 0) return { ok: true, bytes: buf.subarray(0, used) };
      used += n;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, code: 'E_FILE_NOT_FOUND', message: 'no such file' };
    if (code === 'EISDIR') return { ok: false, code: 'E_NOT_A_FILE', message: notAFile('a directory') };
    return { ok: false, code: 'E_FILE_UNREADABLE', message: `cannot read the file (${code ?? 'error'})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const notAFile = (kind: string) => `is ${kind}, not a regular campaign file`;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function tooLarge(size: number, limit: number): string {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return `file is ${size > limit && size === limit + 1 ? 'over ' : ''}${mb(size)} MB; a campaign file may be at most ${limit / 1024 / 1024} MB`;
}
