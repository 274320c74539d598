const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
// URL-safe alphabet too.
DECODE[45] = 62; // -
DECODE[95] = 63; // _

/**
 * Decode base64 to a "byte string" (one char per byte) so two encodings of the same bytes compare
 * equal. Whitespace is ignored, padding optional. Returns null when malformed.
 */
export function decodeBase64(text: string): string | null {
  let bits = 0;
  let buffer = 0;
  let out = '';
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (c === 61 /* = */) {
      padding++;
      continue;
    }
    if (padding > 0) return null;
    const v = c < 128 ? DECODE[c] : -1;
    if (v < 0) return null;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  if (padding > 2 || bits >= 6) return null;
  return out;
}
