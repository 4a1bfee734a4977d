import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Node as YamlNode } from 'yaml';
import { UserError } from '../errors.js';
import type { SecretKind } from './credentials.js';
import { rememberSecret } from './redact.js';

/**
 * The credentials file (`LIVECTL_CREDENTIALS`): the secrets of many accounts, in YAML or JSON.
 *
 *   miniPrograms:     { wx0123456789abcdef: { secret: "…" } }
 *   wecom:            { ww0123456789abcdef: { secret: "…" } }
 *   officialAccounts: { wxfedcba9876543210: { secret: "…" } }
 *   wechatPay:        { "1900000109": { privateKey: keys/apiclient_key.pem, publicKey: keys/pub_key.pem } }
 *   channelsShops:      { wx1111111111111111: { secret: "…" } }   (微信小店)
 *   channelsAssistants: { wx2222222222222222: { secret: "…" } }   (视频号助手)
 *
 * Only its owner may read it (mode 0600 or stricter), or it is refused. Key paths are relative to
 * the file's folder. Every secret read is remembered by the redaction (`rememberSecret`), and no
 * error quotes a value from the file.
 */

export interface CredentialsFile {
  /** Absolute path. */
  path: string;
  /** Kind → account id → secret (for WeChat Pay, the absolute path of the key file). */
  entries: Readonly<Record<SecretKind, Readonly<Record<string, string>>>>;
}

/** Top-level key → the kinds its entries hold, and the field of each. */
const SECTIONS: Record<string, Partial<Record<string, SecretKind>>> = {
  miniPrograms: { secret: 'miniProgram' },
  wecom: { secret: 'wecom' },
  officialAccounts: { secret: 'officialAccount' },
  wechatPay: { privateKey: 'wechatPayPrivateKey', publicKey: 'wechatPayPublicKey' },
  channelsShops: { secret: 'channelsShop' },
  channelsAssistants: { secret: 'channelsAssistant' },
};

const read = new Map<string, Promise<CredentialsFile>>();

/** Reads, checks and parses the file once per process while its size, time and mode are unchanged. */
export async function readCredentialsFile(file: string): Promise<CredentialsFile> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(file);
  } catch (err) {
    throw new UserError(
      `LIVECTL_CREDENTIALS names ${file}, which cannot be read (${(err as NodeJS.ErrnoException).code})`,
      { hint: 'Point LIVECTL_CREDENTIALS at the credentials file (YAML or JSON), or unset it.' },
    );
  }
  if (!st.isFile()) throw new UserError(`LIVECTL_CREDENTIALS names ${file}, which is not a file`);
  const mode = st.mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new UserError(
      `${file} can be read by other users (mode ${mode.toString(8).padStart(3, '0')}): livectl refuses a credentials file only its owner should read`,
      { hint: `chmod 600 ${file}` },
    );
  }
  const key = `${file}\0${st.size}\0${st.mtimeMs}\0${mode}`;
  let p = read.get(key);
  if (!p) {
    p = readFile(file, 'utf8').then((text) => parseCredentials(text, file));
    read.set(key, p);
  }
  return p;
}

/** Parses the text of a credentials file; errors say file:line:col and never quote a value. */
export async function parseCredentials(text: string, file: string): Promise<CredentialsFile> {
  const { LineCounter, isMap, isScalar, parseDocument } = await import('yaml');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const at = (offset: number | undefined) => {
    const { line, col } = lc.linePos(offset ?? 0);
    return `${file}:${line}:${col}`;
  };
  const fail = (node: YamlNode | null | undefined, message: string): never => {
    throw new UserError(`${at(node?.range?.[0])}: ${message}`, {
      hint: 'The credentials file maps miniPrograms, wecom, officialAccounts, channelsShops and channelsAssistants ids to { secret }, and wechatPay merchant ids to { privateKey, publicKey } (paths). See the README, "Many merchants".',
    });
  };
  const first = doc.errors[0];
  if (first) {
    // The message without the code frame: the frame would print a line of the file, maybe a secret.
    throw new UserError(`${at(first.pos[0])}: ${first.message.split('\n')[0]} (not valid YAML or JSON)`);
  }
  const entries: Record<SecretKind, Record<string, string>> = {
    miniProgram: {},
    wecom: {},
    officialAccount: {},
    wechatPayPrivateKey: {},
    wechatPayPublicKey: {},
    channelsShop: {},
    channelsAssistant: {},
  };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { path: file, entries };
  if (!isMap(root)) return fail(root, `expected a mapping with ${Object.keys(SECTIONS).join(', ')}`);
  const nameOf = (k: unknown) => (isScalar(k) ? String(k.value) : undefined);
  for (const section of root.items) {
    const name = nameOf(section.key);
    const fields = name === undefined ? undefined : SECTIONS[name];
    if (!fields || !name) {
      return fail(section.key as YamlNode, `unknown key; expected ${Object.keys(SECTIONS).join(', ')}`);
    }
    if (section.value === null || (isScalar(section.value) && section.value.value === null)) continue;
    if (!isMap(section.value))
      return fail(section.value as YamlNode, `${name} must map account ids to entries`);
    for (const account of section.value.items) {
      const id = nameOf(account.key);
      if (!id) return fail(account.key as YamlNode, `${name}: an account id must be a plain string`);
      const where = `${name}.${id}`;
      if (!isMap(account.value)) {
        return fail(
          (account.value ?? account.key) as YamlNode,
          `${where} must be a mapping with ${Object.keys(fields).join(' and ')}`,
        );
      }
      for (const field of account.value.items) {
        const fieldName = nameOf(field.key);
        const kind = fieldName === undefined ? undefined : fields[fieldName];
        if (!kind) {
          return fail(
            field.key as YamlNode,
            `${where}: unknown key; expected ${Object.keys(fields).join(' or ')}`,
          );
        }
        const v = field.value;
        if (!isScalar(v) || typeof v.value !== 'string' || v.value === '') {
          return fail(
            (v ?? field.key) as YamlNode,
            `${where}.${fieldName} must be a non-empty string${isScalar(v) && v.value !== null ? ' (put it in quotes)' : ''}`,
          );
        }
        const isPath = kind === 'wechatPayPrivateKey' || kind === 'wechatPayPublicKey';
        if (!isPath) rememberSecret(v.value);
        entries[kind][id] = isPath ? path.resolve(path.dirname(file), v.value) : v.value;
      }
    }
  }
  return { path: file, entries };
}
