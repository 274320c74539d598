import type { CommandEnvelope, CommandError } from '@portcullis/contracts';
import type { CommandDefinition } from '../pipeline/command-definition';
import { commandInputBinding, type CredentialSecrets } from './credential-secrets.port';

/**
 * Passwords in commands. A command goes to its partition's owner through Kafka (`iam.commands`),
 * which keeps every record; a password must not be one of them. The HTTP edge, which has the
 * key-encryption keys, replaces each secret member of the input by `{ "Sealed": "v1.…" }`, bound
 * to the command id and the member (so it opens for no other command or field); the owner opens
 * it just before validation. A plaintext value is refused: a Kafka client has no way to seal yet
 * (a published command-encryption key is future work), so password commands go through HTTP.
 */
export interface SealedValue {
  Sealed: string;
}

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
): { ok: true; input: unknown } | { ok: false; error: CommandError } {
  const members = definition.sealedInputs;
  if (!members?.length || typeof envelope.input !== 'object' || envelope.input === null) {
    return { ok: true, input: envelope.input };
  }
  const input = { ...(envelope.input as Record<string, unknown>) };
  for (const member of members) {
    const value = input[member];
    if (value === undefined) continue;
    if (!isSealed(value)) {
      return {
        ok: false,
        error: {
          Code: 'InvalidInput',
          Message: `${member} must arrive sealed: send ${envelope.action} through the HTTP API, which seals it.`,
        },
      };
    }
    const opened = secrets ? openOrNull(secrets, value.Sealed, envelope.commandId, member) : null;
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
