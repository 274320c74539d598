import type { CommandEnvelope, CommandError } from '@portcullis/contracts';
import { openSealedToService, type KeyRing } from '@portcullis/credentials';
import type { CommandDefinition } from '../pipeline/command-definition';
import { commandInputBinding, type CredentialSecrets } from './credential-secrets.port';

/**
 * Passwords in commands. A command goes to its partition's owner through Kafka (`iam.commands`),
 * which keeps every record; a password must not be one of them. The HTTP edge, which has the
 * key-encryption keys, replaces each secret member of the input by `{ "Sealed": "v1.…" }`, bound
 * to the command id and the member (so it opens for no other command or field); the owner opens
 * it just before validation. A Kafka client, which has no key-encryption key, encrypts the value
 * to the service's published X25519 key instead (`GET /v1/public-keys/command-encryption`):
 * `{ "Encrypted": "<keyId>:psb1.…" }`, associated data `JSON.stringify({"purpose":
 * "command-input","commandId":…,"member":…})` (the same binding). A plaintext value is refused.
 */
export interface SealedValue {
  Sealed: string;
}

/** A secret input encrypted by the caller to the service's sealed-box key of `<keyId>`. */
export interface EncryptedValue {
  Encrypted: string;
}

const isEncrypted = (v: unknown): v is EncryptedValue =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as EncryptedValue).Encrypted === 'string' &&
  Object.keys(v).length === 1;

const isSealed = (v: unknown): v is SealedValue =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as SealedValue).Sealed === 'string' &&
  Object.keys(v).length === 1;

/** The envelope's input with its secret members sealed (the HTTP edge, before submitting). */
export function sealCommandInputs(
  definition: CommandDefinition | undefined,
  envelope: CommandEnvelope,
  secrets: CredentialSecrets,
): CommandEnvelope {
  const members = definition?.sealedInputs;
  if (!members?.length || typeof envelope.input !== 'object' || envelope.input === null) {
    return envelope;
  }
  const input = { ...(envelope.input as Record<string, unknown>) };
  for (const member of members) {
    const value = input[member];
    if (typeof value !== 'string') continue; // absent or malformed: validation answers it
    input[member] = {
      Sealed: secrets.seal(value, commandInputBinding(envelope.commandId, member)),
    } satisfies SealedValue;
  }
  return { ...envelope, input };
}

/**
 * The input with its sealed members opened (the partition owner, before validation), or the
 * error to answer. Never echoes a value.
 */
export function openCommandInputs(
  definition: CommandDefinition,
  envelope: CommandEnvelope,
  secrets: CredentialSecrets | undefined,
  /** Opens `{ "Encrypted": … }` members (a Kafka caller's); without it they are refused. */
  ring?: KeyRing,
): { ok: true; input: unknown } | { ok: false; error: CommandError } {
  const members = definition.sealedInputs;
  if (!members?.length || typeof envelope.input !== 'object' || envelope.input === null) {
    return { ok: true, input: envelope.input };
  }
  const input = { ...(envelope.input as Record<string, unknown>) };
  for (const member of members) {
    const value = input[member];
    if (value === undefined) continue;
    if (!isSealed(value) && !isEncrypted(value)) {
      return {
        ok: false,
        error: {
          Code: 'InvalidInput',
          Message: `${member} must arrive sealed: send ${envelope.action} through the HTTP API, which seals it.`,
        },
      };
    }
    const opened = isSealed(value)
      ? secrets
        ? openOrNull(secrets, value.Sealed, envelope.commandId, member)
        : null
      : ring
        ? openEncryptedOrNull(ring, value.Encrypted, envelope.commandId, member)
        : null;
    if (opened === null) {
      return {
        ok: false,
        error: { Code: 'InvalidInput', Message: `${member} could not be opened.` },
      };
    }
    input[member] = opened;
  }
  return { ok: true, input };
}

/** Tampered, sealed for another command or member, or under an unknown key: null. */
function openOrNull(
  secrets: CredentialSecrets,
  sealed: string,
  commandId: string,
  member: string,
): string | null {
  try {
    return secrets.open(sealed, commandInputBinding(commandId, member));
  } catch {
    return null;
  }
}

/** Encrypted to another key id, for another command or member, or tampered with: null. */
function openEncryptedOrNull(
  ring: KeyRing,
  encrypted: string,
  commandId: string,
  member: string,
): string | null {
  try {
    return openSealedToService(
      ring,
      encrypted,
      JSON.stringify(commandInputBinding(commandId, member)),
    );
  } catch {
    return null;
  }
}
