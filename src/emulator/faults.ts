/**
 * Fault injection: tests make the next N calls of a path fail, slow down, lose their answer after the
 * effect happened (the case a client must survive without creating twice), or answer "ok" with some
 * fields changed or missing after the effect (`patch-answer`, e.g. a create's id left out).
 */
export interface Fault {
  /** Request path as sent (WeCom paths include `/qyapi`); `*` matches every path, `prefix*` a prefix. */
  path: string;
  /** `http`, `tamper`, `unsigned`: WeChat Pay (/v3/) paths only — an HTTP status with `code`, an answer whose body no longer matches its signature, an answer without signature headers. */
  kind: 'errcode' | 'latency' | 'drop-after-effect' | 'patch-answer' | 'http' | 'tamper' | 'unsigned';
  errcode?: number;
  /** For `http`: the status (default 500) and the `code` (default SYSTEM_ERROR). */
  status?: number;
  code?: string;
  ms?: number;
  /**
   * patch-answer: fields of the JSON answer to replace after the effect happened; a field set to null
   * is removed (`{"roomId": null}` answers `{"errcode":0,"errmsg":"ok"}` to room create).
   */
  patch?: Record<string, unknown>;
  /** The first `skip` matching calls pass untouched (e.g. fail only the second listing of a run). */
  skip?: number;
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
    if (
      !['errcode', 'latency', 'drop-after-effect', 'patch-answer', 'http', 'tamper', 'unsigned'].includes(
        req.kind,
      )
    )
      throw new Error(`unknown fault kind ${req.kind}`);
    if (typeof req.path !== 'string' || req.path === '') throw new Error('fault path is required');
    if (req.kind === 'errcode' && typeof req.errcode !== 'number')
      throw new Error('errcode fault needs errcode');
    if (
      req.kind === 'patch-answer' &&
      (typeof req.patch !== 'object' || req.patch === null || Array.isArray(req.patch))
    )
      throw new Error('patch-answer fault needs patch (an object of answer fields)');
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
      if (!match) continue;
      if (f.skip !== undefined && f.skip > 0) {
        f.skip--;
        continue;
      }
      if (f.rate !== undefined && Math.random() >= f.rate) continue;
      hit.push(f);
      if (f.times !== undefined) f.times--;
    }
    this.faults = this.faults.filter((f) => f.times === undefined || f.times > 0);
    return hit;
  }
}

/** Applies patch-answer faults to a JSON answer: null removes a field, anything else replaces it. */
export function patchAnswer(
  reply: Record<string, unknown>,
  patches: readonly Fault[],
): Record<string, unknown> {
  let out = reply;
  for (const f of patches) {
    out = { ...out };
    for (const [k, v] of Object.entries(f.patch ?? {})) {
      if (v === null) delete out[k];
      else out[k] = v;
    }
  }
  return out;
}
