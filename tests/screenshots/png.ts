/**
 * A small PNG decoder on Node's zlib, enough for what Chromium writes:
 * 8-bit greyscale, RGB, grey+alpha or RGBA, not interlaced. It exists so
 * the screenshot test can compare pixels without an npm dependency.
 * Anything else (palette images, 16-bit, Adam7) throws with a message that
 * says so, rather than decoding garbage.
 */
import zlib from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, rows top to bottom. */
  rgba: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Channels per pixel for each supported colour type. */
const CHANNELS: Record<number, number> = {0: 1, 2: 3, 4: 2, 6: 4};

/** Width and height from the IHDR chunk, without decoding the pixels. */
export function pngSize(buf: Buffer): {width: number; height: number} {
  if (buf.length < 24 || !buf.subarray(0, 8).equals(SIGNATURE)) {
    throw new Error('not a PNG file (bad signature)');
  }
  return {width: buf.readUInt32BE(16), height: buf.readUInt32BE(20)};
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

export function decodePng(buf: Buffer): Image {
  const {width, height} = pngSize(buf);
  let pos = 8;
  let depth = 0;
  let colorType = -1;
  let interlace = 0;
  const idat: Buffer[] = [];
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      depth = data[8];
      colorType = data[9];
      interlace = data[12];
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    pos += 12 + len; // length, type, data, CRC
  }
  const channels = CHANNELS[colorType];
  if (depth !== 8 || channels === undefined || interlace !== 0) {
    throw new Error(
      `unsupported PNG: bit depth ${depth}, colour type ${colorType}, interlace ${interlace} ` +
        '(this decoder reads 8-bit grey/RGB/RGBA without interlacing)',
    );
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length !== height * (stride + 1)) {
    throw new Error(`PNG data is ${raw.length} bytes, expected ${height * (stride + 1)}`);
  }
  // Undo the per-row filters (PNG spec, section 9), in place.
  const px = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? px[row + x - channels] : 0;
      const b = y > 0 ? px[row - stride + x] : 0;
      const c = x >= channels && y > 0 ? px[row - stride + x - channels] : 0;
      const v = raw[src + x];
      let out: number;
      switch (filter) {
        case 0: out = v; break;
        case 1: out = v + a; break;
        case 2: out = v + b; break;
        case 3: out = v + ((a + b) >> 1); break;
        case 4: out = v + paeth(a, b, c); break;
        default: throw new Error(`bad PNG filter type ${filter} on row ${y}`);
      }
      px[row + x] = out & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += channels) {
    const o = i * 4;
    if (channels <= 2) {
      rgba[o] = rgba[o + 1] = rgba[o + 2] = px[j];
      rgba[o + 3] = channels === 2 ? px[j + 1] : 255;
    } else {
      rgba[o] = px[j];
      rgba[o + 1] = px[j + 1];
      rgba[o + 2] = px[j + 2];
      rgba[o + 3] = channels === 4 ? px[j + 3] : 255;
    }
  }
  return {width, height, rgba};
}

export interface PixelDiff {
  /** Pixels whose largest channel difference exceeds the threshold. */
  differing: number;
  total: number;
  /** Largest channel difference seen anywhere (0-255). */
  maxDelta: number;
}

/**
 * Count pixels that differ by more than `threshold` in any channel. Both
 * images must have the same size (a size change is a failure on its own).
 */
export function diffImages(a: Image, b: Image, threshold: number): PixelDiff {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`sizes differ: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  }
  let differing = 0;
  let maxDelta = 0;
  for (let i = 0; i < a.rgba.length; i += 4) {
    let d = 0;
    for (let k = 0; k < 4; k++) d = Math.max(d, Math.abs(a.rgba[i + k] - b.rgba[i + k]));
    if (d > maxDelta) maxDelta = d;
    if (d > threshold) differing++;
  }
  return {differing, total: a.width * a.height, maxDelta};
}
