/**
 * Fault injection: tests make the next N calls of a path fail, slow down, or lose their answer after the
 * effect happened (the case a client must survive without creating twice).
 */
export interface Fault {
  /** Request path as sent (WeCom paths include `/qyapi`); `*` matches every path, `prefix*` a prefix. */
  path: string;
  /** `http`, `tamper`, `unsigned`: WeChat Pay (/v3/) paths only — an HTTP status with `code`, an answer whose body no longer matches its signature, an answer without signature headers. */
  kind: 'errcode' | 'latency' | 'drop-after-effect' | 'http' | 'tamper' | 'unsigned';
  errcode?: number;
  /** For `http`: the status (default 500) and the `code` (default SYSTEM_ERROR). */
  status?: number;
  code?: string;
  ms?: number;
  /** How many matching calls it affects; unlimited when absent. */
  times?: number;
  /** Probability 0–1 that a matching call is affected; 1 when absent. */
  rate?: number;
}

export interface FaultRequest extends Omit<Fault, 'kind'> {
  kind: Fault['kind'] | 'reset';
}

const TEXT: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  42001: 'access_token expired',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit, must slower, retry next minute',
  45033: 'api concurrent out of limit',
};

export function faultText(errcode: number): string {
  return TEXT[errcode] ?? 'emulated fault';
}

export class FaultTable {
  private faults: Fault[] = [];

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Adds a fault, or with kind `reset` removes the faults of `path` (all of them for `*` or no path). */
  apply(req: FaultRequest): void {
    if (req.kind === 'reset') {
      this.faults = !req.path || req.path === '*' ? [] : this.faults.filter((f) => f.path !== req.path);
      return;
    }
    if (!['errcode', 'latency', 'drop-after-effect', 'http', 'tamper', 'unsigned'].includes(req.kind))
      throw new Error(`unknown fault kind ${req.kind}`);
    if (typeof req.path !== 'string' || req.path === '') throw new Error('fault path is required');
    if (req.kind === 'errcode' && typeof req.errcode !== 'number')
      throw new Error('errcode fault needs errcode');
    this.faults.push({ ...req, kind: req.kind });
  }

  clear(): void {
    this.faults = [];
  }

  /** The faults that hit this call (consuming one of their `times`). */
  take(path: string): Fault[] {
    const hit: Fault[] = [];
    for (const f of this.faults) {
      const match =
        f.path === '*' || f.path === path || (f.path.endsWith('*') && path.startsWith(f.path.slice(0, -1)));
      if (!match || (f.rate !== undefined && Math.random() >= f.rate)) continue;
      hit.push(f);
      if (f.times !== undefined) f.times--;
    }
    this.faults = this.faults.filter((f) => f.times === undefined || f.times > 0);
    return hit;
  }
}
