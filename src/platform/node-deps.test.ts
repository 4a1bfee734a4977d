import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { streamOutput } from './node-deps.js';

/** A stream whose reader went away: every write fails with EPIPE, as stdout does under `| head`. */
function closedPipe() {
  const attempts: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      attempts.push(chunk.toString());
      done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    },
  });
  return { stream: stream as unknown as NodeJS.WriteStream, attempts };
}

describe('streamOutput', () => {
  it('a reader that went away: no error thrown, later writes dropped', async () => {
    const { stream, attempts } = closedPipe();
    const out = streamOutput(stream, {});
    out.write('first\n');
    // The stream reports the failed write on a later tick; without a listener that is an
    // uncaught 'error' and the process dies with an EPIPE stack.
    await new Promise((r) => setImmediate(r));
    out.write('second\n');
    out.write('third\n');
    await new Promise((r) => setImmediate(r));
    expect(attempts).toEqual(['first\n']);
  });

  it('writes through while the reader is there', async () => {
    const got: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        got.push(chunk.toString());
        done();
      },
    }) as unknown as NodeJS.WriteStream;
    const out = streamOutput(stream, {});
    out.write('a');
    out.write('b');
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual(['a', 'b']);
    expect(out.isTTY).toBe(false);
  });
});
