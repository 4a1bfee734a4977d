/**
 * English sentences left in a text meant for Chinese readers: a run of three or more English words.
 * Not words, and so never a sentence: code spans (`…`), URLs, quoted campaign texts ("…"), flags,
 * paths and addresses (anything with a slash), ids, codes and file names (a token with a digit, `_`,
 * `-`, `.`, `@`, `=` or `:` inside), inline YAML or JSON ({ … }), lists of values ("text, json"),
 * and the phrases of `allow` (names that stay as they are, such as a font's).
 */
export function englishLeft(text: string, allow: readonly (string | RegExp)[] = []): string[] {
  const found: string[] = [];
  for (const raw of text.split('\n')) {
    let line = raw
      .replace(/\u001b\[[0-9;]*m/g, ' ')
      .replace(/`[^`]*`/g, ' ')
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/"[^"\n]*"/g, ' ')
      .replace(/\{[^{}\n]*\}/g, ' ')
      .replace(/“[^”\n]*”/g, ' ');
    for (const a of allow) line = line.split(a).join(' ');
    line = line
      .split(/\s+/)
      .map((tok) =>
        /[\d_/\\@=]/.test(tok) || /^--?\w/.test(tok) || /\w[-.:]\w/.test(tok) || /^[A-Z]{2,}$/.test(tok)
          ? '|'
          : tok,
      )
      .join(' ');
    const runs = line.match(/[A-Za-z][A-Za-z']*(?: +[A-Za-z][A-Za-z']*){2,}/g) ?? [];
    found.push(...runs.map((r) => `${r}  ← ${raw.trim()}`));
  }
  return found;
}
