/** Types of generate-campaigns.js, for the tests that use the generated campaigns. */
export function generateCampaigns(
  dir: string | undefined,
  count: number,
  seed?: number,
  write?: (name: string, text: string) => void,
): void;
