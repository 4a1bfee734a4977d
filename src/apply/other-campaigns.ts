import type { ResourceKind } from '../state/types.js';
import type { StepContext } from './steps.js';

const cache = new WeakMap<object, Promise<Map<ResourceKind, Set<string>>>>();

/**
 * Remote ids (rooms, goods) that other campaigns in the same state store track, read once per run
 * on the first lookup. Adoption takes only what this campaign's own pending create made
 * (pending-create.ts); this is a second guard: what another campaign tracks is never that.
 */
export async function trackedByOtherCampaigns(s: StepContext, kind: ResourceKind): Promise<Set<string>> {
  let all = cache.get(s.run);
  if (!all) {
    const store = s.run.opts.store;
    const self = s.run.opts.campaign.metadata.name;
    all = (async () => {
      const out = new Map<ResourceKind, Set<string>>();
      for (const c of await store.listCampaigns()) {
        if (c.name === self) continue;
        for (const r of (await store.snapshot(c.name)).resources.values()) {
          if (!r.remoteId) continue;
          const ids = out.get(r.kind) ?? new Set<string>();
          ids.add(r.remoteId);
          out.set(r.kind, ids);
        }
      }
      return out;
    })();
    cache.set(s.run, all);
  }
  return (await all).get(kind) ?? new Set();
}
