import { encode } from 'uqr';

/** A QR code as a square of modules (true = dark), without the quiet zone. */
export interface QrMatrix {
  size: number;
  dark: boolean[][];
}

/**
 * Encodes text (as UTF-8 bytes) into a QR code, error correction level M (15 %: survives a smudge or
 * a poster printed small). The quiet zone is the renderer's job (the code layer's padding).
 */
export function qrMatrix(text: string): QrMatrix {
  const r = encode(Array.from(Buffer.from(text, 'utf8')), { ecc: 'M', border: 0 });
  return { size: r.size, dark: r.data };
}
