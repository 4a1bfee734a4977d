/** Campaign loading for plan and apply lives in src/usecases/load-campaign.ts (one use-case for both). */
export {
  finishLoading,
  type LoadedCampaign,
  type LoadResult,
  type ReadResult,
  readCampaign,
  sha256,
} from '../usecases/load-campaign.js';
