/** The English texts of `livectl posters` (the source of posters-zh.ts); its JSON never uses them. */
export const postersEn = {
  header: (p: { campaign: string }) => `posters for ${p.campaign}`,
  previewQr: 'preview QR',
  miniProgramCode: 'mini-program code',
  contactSheet: 'contact sheet: open it to see the whole campaign',
  noPoster: (p: { key: string; reason: string }) => `(no poster for ${p.key}: ${p.reason})`,
  warning: 'warning',
  refused: 'no posters written: fix the errors above first',
  playbook: (p: { n: number }) =>
    `${p.n} playbook warning${p.n === 1 ? '' : 's'} in the campaign: see livectl validate`,
};
