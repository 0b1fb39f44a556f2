// Decodes a QR code from a screenshot with jsQR, an independent decoder (not the encoder we render with).
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), image.width, image.height);
  return code?.data ?? null;
}
