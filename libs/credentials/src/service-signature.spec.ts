import { randomBytes } from 'node:crypto';
import { KeyRing } from './key-ring';
import { ServiceSignature } from './service-signature';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('ServiceSignature', () => {
  const k1 = key('k1');
  const k2 = key('k2');
  const signer = new ServiceSignature(KeyRing.parse(k1));
  const message = Buffer.from('{"commandId":"c1","actor":"arn:aws:iam::123456789012:root"}');

  it('verifies its own signature, with the current key id in front', () => {
    const signature = signer.sign(message);
    expect(signature).toMatch(/^k1:[A-Za-z0-9+/]{43}=$/);
    expect(signer.verify(signature, message)).toBe(true);
  });

  it('refuses another message, a tampered MAC, a foreign ring and garbage', () => {
    const signature = signer.sign(message);
    expect(signer.verify(signature, Buffer.from(message.toString().replace('c1', 'c2')))).toBe(
      false,
    );
    const mac = Buffer.from(signature.slice(3), 'base64');
    mac[0] ^= 1;
    expect(signer.verify(`k1:${mac.toString('base64')}`, message)).toBe(false);
    expect(new ServiceSignature(KeyRing.parse(key('k1'))).verify(signature, message)).toBe(false);
    for (const bad of ['', 'k1:', 'k1', `k9:${signature.slice(3)}`, `${signature}x`]) {
      expect(signer.verify(bad, message)).toBe(false);
    }
  });

  it('after rotation, signs with the new key and still verifies the retired one', () => {
    const old = signer.sign(message);
    const rotated = new ServiceSignature(KeyRing.parse(`${k2},${k1}`));
    expect(rotated.verify(old, message)).toBe(true);
    expect(rotated.sign(message)).toMatch(/^k2:/);
    expect(signer.verify(rotated.sign(message), message)).toBe(false);
  });
});
