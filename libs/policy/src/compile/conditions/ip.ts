/**
 * IPv4 and IPv6 addresses and CIDR ranges for IpAddress / NotIpAddress. Policy ranges are parsed
 * once; request addresses are parsed into a reused scratch buffer (no allocation per request).
 */

/** An address as eight 16-bit groups (IPv4 is stored as IPv4-mapped IPv6, ::ffff:a.b.c.d). */
export type Ip6 = Uint16Array;

export interface CidrRange {
  readonly source: string;
  readonly network: Ip6;
  /** Prefix length in the 128-bit space. */
  readonly prefix: number;
}

const MAPPED_PREFIX = 96;

/**
 * Parse an address into `out` (8 groups). Accepts dotted IPv4 and IPv6 (with `::`, embedded IPv4,
 * and an optional `%zone`, which is ignored). Returns false on anything else.
 */
export function parseIp(text: string, out: Ip6): boolean {
  if (text.indexOf(':') < 0) {
    if (!parseIpv4Into(text, 0, text.length, out, 6)) return false;
    out.fill(0, 0, 5);
    out[5] = 0xffff;
    return true;
  }
  let end = text.indexOf('%');
  if (end < 0) end = text.length;
  return parseIpv6(text, end, out);
}

function parseIpv4Into(text: string, from: number, to: number, out: Ip6, at: number): boolean {
  let octet = 0;
  let digits = 0;
  let count = 0;
  let hi = 0;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 46; /* virtual trailing '.' */
    if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return false; // no leading zeros ("01")
      octet = octet * 10 + (c - 48);
      digits++;
      if (octet > 255) return false;
    } else if (c === 46) {
      if (digits === 0 || count === 4) return false;
      if (count % 2 === 0) hi = octet;
      else out[at + (count >> 1)] = (hi << 8) | octet;
      count++;
      octet = 0;
      digits = 0;
    } else {
      return false;
    }
  }
  return count === 4;
}

function parseIpv6(text: string, end: number, out: Ip6): boolean {
  out.fill(0);
  let group = 0; // next group index
  let gap = -1; // group index where '::' was seen
  let i = 0;
  if (text.startsWith('::')) {
    gap = 0;
    i = 2;
    if (i === end) return true;
  } else if (text.charCodeAt(0) === 58) {
    return false;
  }
  while (i < end) {
    // Embedded IPv4 in the last 32 bits.
    let j = i;
    let value = 0;
    let digits = 0;
    while (j < end) {
      const c = text.charCodeAt(j);
      const d = hexDigit(c);
      if (d < 0) break;
      value = value * 16 + d;
      digits++;
      j++;
    }
    if (j < end && text.charCodeAt(j) === 46) {
      if (group > 6) return false;
      if (!parseIpv4Into(text, i, end, out, group)) return false;
      group += 2;
      i = end;
      break;
    }
    if (digits === 0 || digits > 4 || group >= 8) return false;
    out[group++] = value;
    if (j === end) {
      i = j;
      break;
    }
    if (text.charCodeAt(j) !== 58) return false;
    if (text.charCodeAt(j + 1) === 58) {
      if (gap >= 0) return false;
      gap = group;
      i = j + 2;
      if (i === end) break;
    } else {
      i = j + 1;
      if (i === end) return false;
    }
  }
  if (gap < 0) return group === 8;
  if (group >= 8) return false;
  // Shift the groups after '::' to the end.
  const tail = group - gap;
  for (let k = 0; k < tail; k++) {
    out[7 - k] = out[group - 1 - k];
    out[group - 1 - k] = 0;
  }
  for (let k = gap; k < 8 - tail; k++) out[k] = 0;
  return true;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Parse `a.b.c.d/n`, `a.b.c.d`, `x::y/n` or `x::y` into a range; null when malformed. */
export function parseCidr(source: string): CidrRange | null {
  const text = source.trim();
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const network = new Uint16Array(8);
  if (!parseIp(address, network)) return null;
  const v4 = address.indexOf(':') < 0;
  let prefix = 128;
  if (slash >= 0) {
    const bits = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(bits)) return null;
    const n = Number(bits);
    if (n > (v4 ? 32 : 128)) return null;
    prefix = v4 ? MAPPED_PREFIX + n : n;
  }
  maskInPlace(network, prefix);
  return { source, network, prefix };
}

function maskInPlace(address: Ip6, prefix: number): void {
  for (let g = 0; g < 8; g++) {
    const keep = Math.max(0, Math.min(16, prefix - g * 16));
    address[g] = keep === 0 ? 0 : address[g] & ((0xffff << (16 - keep)) & 0xffff);
  }
}

/** True when `address` lies in `range`. */
export function inRange(address: Ip6, range: CidrRange): boolean {
  const prefix = range.prefix;
  const network = range.network;
  for (let g = 0; g < 8; g++) {
    const keep = prefix - g * 16;
    if (keep <= 0) return true;
    if (keep >= 16) {
      if (address[g] !== network[g]) return false;
    } else {
      const mask = (0xffff << (16 - keep)) & 0xffff;
      return (address[g] & mask) === network[g];
    }
  }
  return true;
}
