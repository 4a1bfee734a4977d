import type { Clock } from '../platform/deps.js';
import type { StateStore } from '../state/port.js';
import type { Address, AuditEvent, PendingCreate, ResourceRecord, StateSnapshot } from '../state/types.js';

/**
 * Writes one campaign's state as remote calls succeed (style.md §9: save after every remote success)
 * and keeps an in-memory snapshot in step, so later steps see what earlier ones recorded without
 * reading the store again. Shared by apply, the goods reconcile (`status --refresh`) and destroy.
 */
export class StateWriter {
  constructor(
    readonly store: StateStore,
    readonly name: string,
    readonly clock: Clock,
    public snapshot: StateSnapshot,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  resource(address: string): ResourceRecord | undefined {
    return this.snapshot.resources.get(address);
  }

  /** Every recorded resource whose address starts with `prefix` (e.g. `goods/`). */
  resources(prefix: string): ResourceRecord[] {
    return [...this.snapshot.resources.values()].filter((r) => r.address.startsWith(prefix));
  }

  /** Saves one resource now (the call that produced it has succeeded). */
  async put(
    r: Omit<ResourceRecord, 'createdAt' | 'updatedAt'> & { createdAt?: string },
  ): Promise<ResourceRecord> {
    const at = this.now().toISOString();
    const prev = this.resource(r.address);
    const rec: ResourceRecord = { ...r, createdAt: r.createdAt ?? prev?.createdAt ?? at, updatedAt: at };
    await this.store.putResource(this.name, rec);
    const resources = new Map(this.snapshot.resources);
    resources.set(rec.address, rec);
    this.snapshot = { ...this.snapshot, resources };
    return rec;
  }

  /** This campaign's pending create at `address` (read from the store: another run may have left it). */
  async pendingCreate(address: Address): Promise<PendingCreate | undefined> {
    return (await this.store.pendingCreates(this.name)).find((p) => p.address === address);
  }

  /** The platform refused the create: nothing came of it, so there is nothing to look for later. */
  async dropPendingCreate(address: Address): Promise<void> {
    await this.store.dropPendingCreate(this.name, address);
  }

  async remove(address: string): Promise<void> {
    await this.store.deleteResource(this.name, address);
    const resources = new Map(this.snapshot.resources);
    resources.delete(address);
    this.snapshot = { ...this.snapshot, resources };
  }

  /** Appends to a goods item's audit history (and sets its status). */
  async audit(event: AuditEvent): Promise<void> {
    await this.store.recordAudit(this.name, event);
    const audits = new Map(this.snapshot.audits);
    audits.set(event.address, [...(audits.get(event.address) ?? []), event]);
    const resources = new Map(this.snapshot.resources);
    const rec = resources.get(event.address);
    if (rec) resources.set(event.address, { ...rec, auditStatus: event.status });
    this.snapshot = { ...this.snapshot, audits, resources };
  }
}
