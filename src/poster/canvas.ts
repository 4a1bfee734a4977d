/**
 * The renderer: @napi-rs/canvas (Skia, prebuilt for each platform as an npm package: no apt step, no
 * browser). It is ~35 MB of native code, so it is loaded only when a poster is drawn, never by
 * `livectl --help` or `validate`.
 */
export type CanvasModule = typeof import('@napi-rs/canvas');

let loading: Promise<CanvasModule> | undefined;

export function loadCanvas(): Promise<CanvasModule> {
  loading ??= import('@napi-rs/canvas');
  return loading;
}
