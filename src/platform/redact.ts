/**
 * Secrets and access tokens never reach output, logs or errors. Two layers:
 *  - the values of secret-bearing environment variables are replaced wherever they appear;
 *  - anything shaped like a credential in a URL or JSON (`access_token=…`, `"secret":"…"`, `key=…`) is masked.
 */
const SECRET_ENV = /(SECRET|TOKEN|KEY|PASSWORD)/i;

const PATTERNS: RegExp[] = [
  /((?:access_token|secret|corpsecret|appsecret|key|txSecret)=)[^&\s"']+/gi,
  /("(?:access_token|secret|corpsecret|appsecret|key)"\s*:\s*")[^"]*/gi,
];

export function redactSecrets(text: string, env: Readonly<Record<string, string | undefined>> = {}): string {
  let out = text;
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= 6 && SECRET_ENV.test(name)) out = out.split(value).join('***');
  }
  for (const re of PATTERNS) out = out.replace(re, '$1***');
  return out;
}
