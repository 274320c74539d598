import { Controller, Get, Header } from '@nestjs/common';
import { KeyRing, SEALED_BOX_ALGORITHM, serviceSealedBoxKey } from '@portcullis/credentials';

export interface CommandEncryptionKey {
  /** The key-encryption key the public key derives from: prefix sealed inputs with it. */
  KeyId: string;
  /** base64url of the raw 32-byte X25519 public key. */
  PublicKey: string;
  Algorithm: typeof SEALED_BOX_ALGORITHM;
}

/**
 * `GET /v1/public-keys/command-encryption` → `{"KeyId", "PublicKey", "Algorithm"}`: the key a
 * Kafka caller encrypts a command's passwords to (`{"Encrypted": "<KeyId>:psb1.…"}`, see
 * sealed-command-inputs.ts). Unauthenticated: it is a public key. It changes when the
 * key-encryption keys rotate; boxes to an older key id open while that key stays in the ring.
 */
@Controller('v1/public-keys')
export class CommandEncryptionKeyHttpController {
  constructor(private readonly ring: KeyRing) {}

  @Get('command-encryption')
  @Header('Cache-Control', 'public, max-age=300')
  get(): CommandEncryptionKey {
    const key = serviceSealedBoxKey(this.ring);
    return { KeyId: key.keyId, PublicKey: key.publicKey, Algorithm: SEALED_BOX_ALGORITHM };
  }
}
