/**
 * What an uploaded file really is, from its first bytes (never from its name or the declared
 * type), and its pixel size when the header tells it cheaply.
 */
import type { ImageContentType } from '@siyu/shared';

export type SniffedImage = { contentType: ImageContentType; width: number | null; height: number | null };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));
const positive = (n: number) => (n > 0 ? n : null);

function pngSize(b: Uint8Array) {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return { width: null, height: null };
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: positive(view.getUint32(16)), height: positive(view.getUint32(20)) };
}

/** Walks the JPEG markers to the first start-of-frame (SOF0…SOF15 but DHT, JPG and DAC). */
function jpegSize(b: Uint8Array) {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) break;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = ((b[i + 5] ?? 0) << 8) | (b[i + 6] ?? 0);
      const width = ((b[i + 7] ?? 0) << 8) | (b[i + 8] ?? 0);
      return { width: positive(width), height: positive(height) };
    }
    i += 2 + length;
  }
  return { width: null, height: null };
}

function webpSize(b: Uint8Array) {
  const chunk = ascii(b, 12, 4);
  const u24 = (at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16);
  if (chunk === 'VP8X' && b.length >= 30) return { width: u24(24) + 1, height: u24(27) + 1 };
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && b.length >= 30) {
    const u16 = (at: number) => ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8)) & 0x3fff;
    return { width: positive(u16(26)), height: positive(u16(28)) };
  }
  return { width: null, height: null };
}

export function sniffImage(bytes: Uint8Array): SniffedImage | undefined {
  if (bytes.length >= 24 && startsWith(bytes, PNG_SIGNATURE))
    return { contentType: 'image/png', ...pngSize(bytes) };
  if (bytes.length >= 4 && startsWith(bytes, [0xff, 0xd8, 0xff]))
    return { contentType: 'image/jpeg', ...jpegSize(bytes) };
  if (bytes.length >= 16 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP')
    return { contentType: 'image/webp', ...webpSize(bytes) };
  return undefined;
}

export const extensionOf = (type: ImageContentType) =>
  type === 'image/png' ? 'png' : type === 'image/jpeg' ? 'jpg' : 'webp';
