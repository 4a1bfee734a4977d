import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { BASE, edit, expectHits, expectNone } from './harness.js';

const LIVE_MESSAGE = 'message: live-now';
const TEASER = 'message: teaser\n';
const inline = (text: string) => `message: { text: ${text} }`;
const robotFile = (text: string) => (dir: string) =>
  writeFileSync(path.join(dir, 'messages', 'invite.txt'), text);

describe('E_WECOM_TEXT_TOO_LONG', () => {
  it('rejects a group-send text over 4000 bytes (1334 Chinese characters)', async () => {
    const y = edit(LIVE_MESSAGE, inline('好'.repeat(1334)));
    await expectHits(y, 'E_WECOM_TEXT_TOO_LONG', [
      { path: ['waves', 3, 'message', 'text'], needle: '{ text: 好', offset: 8 },
    ]);
  });
  it('accepts 3999 bytes', async () => {
    await expectNone(edit(LIVE_MESSAGE, inline('好'.repeat(1333))), 'E_WECOM_TEXT_TOO_LONG');
  });
});

describe('E_MOMENTS_TEXT_TOO_LONG', () => {
  it('rejects a Moments text over 2000 characters', async () => {
    const y = edit(TEASER, `${inline('a'.repeat(2001))}\n`);
    await expectHits(y, 'E_MOMENTS_TEXT_TOO_LONG', [
      { path: ['waves', 0, 'message', 'text'], needle: '{ text: a', offset: 8 },
    ]);
  });
  it('accepts 2000 characters', async () => {
    await expectNone(edit(TEASER, `${inline('a'.repeat(2000))}\n`), 'E_MOMENTS_TEXT_TOO_LONG');
  });
});

describe('E_ROBOT_TEXT_TOO_LONG', () => {
  it('rejects a robot message file over 2048 bytes once rendered', async () => {
    await expectHits(
      BASE,
      'E_ROBOT_TEXT_TOO_LONG',
      [{ path: ['waves', 2, 'message'], needle: 'messages/invite.txt' }],
      robotFile(`{{room.name}}${'好'.repeat(676)}`), // the room name's 21 bytes + 2028 = 2049
    );
  });
  it('accepts 2046 bytes', async () => {
    await expectNone(BASE, 'E_ROBOT_TEXT_TOO_LONG', robotFile('好'.repeat(682)));
  });
});

describe('E_CARD_TITLE_TOO_LONG', () => {
  it('rejects a room name over 64 bytes when groups get the mini-program card', async () => {
    const y = edit('name: 女神节直播专场', `name: ${'🌹'.repeat(17)}`);
    await expectHits(y, 'E_CARD_TITLE_TOO_LONG', [{ path: ['room', 'name'], needle: 'name: 🌹', offset: 6 }]);
  });
  it('accepts 64 bytes', async () => {
    await expectNone(edit('name: 女神节直播专场', `name: ${'🌹'.repeat(16)}`), 'E_CARD_TITLE_TOO_LONG');
  });
});

describe('E_ARTICLE_TITLE_TOO_LONG', () => {
  it('rejects an Official Account article title over 32 characters', async () => {
    const y = edit('title: 女神节直播预告,', `title: ${'预'.repeat(33)},`);
    await expectHits(y, 'E_ARTICLE_TITLE_TOO_LONG', [
      { path: ['waves', 1, 'message', 'title'], needle: 'title: 预', offset: 7 },
    ]);
  });
  it('accepts 32 characters', async () => {
    await expectNone(
      edit('title: 女神节直播预告,', `title: ${'预'.repeat(32)},`),
      'E_ARTICLE_TITLE_TOO_LONG',
    );
  });
});
