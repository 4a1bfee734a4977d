/**
 * Secrets and access tokens never reach output, logs or errors. Three layers:
 *  - the values of secret-bearing environment variables are replaced wherever they appear;
 *  - secrets this process read from elsewhere (the credentials file) are remembered and replaced too;
 *  - anything shaped like a credential in a URL or JSON (`access_token=…`, `"secret":"…"`, `key=…`) is masked.
 */
const SECRET_ENV = /(SECRET|TOKEN|KEY|PASSWORD)/i;

const PATTERNS: RegExp[] = [
  /((?:access_token|secret|corpsecret|appsecret|key|txSecret)=)[^&\s"']+/gi,
  /("(?:access_token|secret|corpsecret|appsecret|key)"\s*:\s*")[^"]*/gi,
];

/** Very short values would mask innocent text; real secrets are long. */
const MIN_SECRET_LENGTH = 6;

const remembered = new Set<string>();

/** Masks `value` in every later redactSecrets of this process (a secret read from a file, not the environment). */
export function rememberSecret(value: string): void {
  if (value.length >= MIN_SECRET_LENGTH) remembered.add(value);
}

export function redactSecrets(text: string, env: Readonly<Record<string, string | undefined>> = {}): string {
  let out = text;
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= MIN_SECRET_LENGTH && SECRET_ENV.test(name))
      out = out.split(value).join('***');
  }
  for (const value of remembered) if (out.includes(value)) out = out.split(value).join('***');
  for (const re of PATTERNS) out = out.replace(re, '$1***');
  return out;
}
