import { createHmac } from 'node:crypto';

/**
 * SigV4 signing keys: kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
 * "aws4_request"). A key is valid for a whole day, so it is cached per (secret, date, region,
 * service). The cache is keyed by an HMAC fingerprint of the secret, not the secret itself, and is
 * bounded (least recently used entries go first).
 */
export class SigningKeyCache {
  private readonly entries = new Map<string, Buffer>();

  constructor(private readonly maxEntries = 4096) {}

  get size(): number {
    return this.entries.size;
  }

  signingKey(
    accessKeyId: string,
    secretAccessKey: string,
    date: string,
    region: string,
    service: string,
  ): Buffer {
    const fingerprint = createHmac('sha256', secretAccessKey).update(accessKeyId).digest('base64');
    const cacheKey = `${date}/${region}/${service}/${fingerprint}`;
    const cached = this.entries.get(cacheKey);
    if (cached) {
      // refresh its place in the LRU order
      this.entries.delete(cacheKey);
      this.entries.set(cacheKey, cached);
      return cached;
    }
    const key = deriveSigningKey(secretAccessKey, date, region, service);
    this.entries.set(cacheKey, key);
    if (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    return key;
  }
}

export function deriveSigningKey(
  secretAccessKey: string,
  date: string,
  region: string,
  service: string,
): Buffer {
  const kDate = createHmac('sha256', `AWS4${secretAccessKey}`).update(date).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}
