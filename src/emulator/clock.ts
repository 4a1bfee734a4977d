/**
 * The emulator's own clock. Room live_status, token and media expiry, audit delays and quota days all
 * read it, so tests move time through the admin API instead of sleeping.
 *
 * Two modes: `fixed` (started with `now`: time stands still until set) and `running` (started without:
 * system time plus an offset, so a long `livectl emulator` demo sees rooms go live on their own).
 */
export class EmulatorClock {
  private fixedAt: number | undefined;
  private offsetMs = 0;

  constructor(now?: Date) {
    this.fixedAt = now ? now.getTime() : undefined;
  }

  nowMs(): number {
    return this.fixedAt ?? Date.now() + this.offsetMs;
  }

  /** Unix seconds, the unit every WeChat time field uses. */
  nowSec(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  set(ms: number): void {
    if (this.fixedAt !== undefined) this.fixedAt = ms;
    else this.offsetMs = ms - Date.now();
  }

  advance(ms: number): void {
    this.set(this.nowMs() + ms);
  }

  /** Quota days follow China time (UTC+8), where the platform resets its daily counters. */
  dayKey(ms = this.nowMs()): string {
    return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  }

  monthKey(ms = this.nowMs()): string {
    return this.dayKey(ms).slice(0, 7);
  }

  /** Days in the current China-time month (the WeCom per-recipient group-send cap). */
  daysInMonth(ms = this.nowMs()): number {
    const d = new Date(ms + 8 * 3600_000);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  }

  snapshot(): { fixedAt?: number; offsetMs: number } {
    return { fixedAt: this.fixedAt, offsetMs: this.offsetMs };
  }

  restore(s: { fixedAt?: number; offsetMs: number }): void {
    this.fixedAt = s.fixedAt;
    this.offsetMs = s.offsetMs;
  }
}
