import type { CommandEnvelope } from '@portcullis/contracts';
import { KeyRing, sealToService, serviceSealedBoxKey } from '@portcullis/credentials';
import { COMMAND_CATALOG } from '../pipeline/command-catalog';
import { commandInputBinding } from './credential-secrets.port';
import { openCommandInputs, sealCommandInputs } from './sealed-command-inputs';
import { TEST_KEY_RING, testCredentialSecrets } from './testing/test-credential-secrets';

describe('openCommandInputs', () => {
  const secrets = testCredentialSecrets();
  const definition = COMMAND_CATALOG.CreateLoginProfile;
  const password = 'Correct-Horse-Battery-1';
  const envelope = (input: Record<string, unknown>, commandId = 'cmd-1'): CommandEnvelope => ({
    commandId,
    accountId: '123456789012',
    actor: 'arn:aws:iam::123456789012:root',
    action: 'CreateLoginProfile',
    input: { UserName: 'alice', ...input },
  });
  /** What a Kafka caller does: encrypt to the published key, bound to command id and member. */
  const encrypt = (commandId: string, member: string, ring = TEST_KEY_RING) =>
    sealToService(
      serviceSealedBoxKey(ring),
      password,
      JSON.stringify(commandInputBinding(commandId, member)),
    );
  const refused = (message: RegExp) => ({
    ok: false,
    error: { Code: 'InvalidInput', Message: expect.stringMatching(message) },
  });

  it('opens a password the caller encrypted to the service key', () => {
    const result = openCommandInputs(
      definition,
      envelope({ Password: { Encrypted: encrypt('cmd-1', 'Password') } }),
      secrets,
      TEST_KEY_RING,
    );
    expect(result).toEqual({ ok: true, input: { UserName: 'alice', Password: password } });
  });

  it('refuses it for another command id or another member, tampered, or without the ring', () => {
    for (const [value, ring] of [
      [{ Encrypted: encrypt('cmd-2', 'Password') }, TEST_KEY_RING],
      [{ Encrypted: encrypt('cmd-1', 'NewPassword') }, TEST_KEY_RING],
      [{ Encrypted: encrypt('cmd-1', 'Password').replace('test:', 'other:') }, TEST_KEY_RING],
      [{ Encrypted: encrypt('cmd-1', 'Password').slice(0, -4) }, TEST_KEY_RING],
      [{ Encrypted: encrypt('cmd-1', 'Password') }, undefined],
      // Encrypted to another deployment's key (same key id, other KEK).
      [
        {
          Encrypted: encrypt(
            'cmd-1',
            'Password',
            new KeyRing([{ id: 'test', key: Buffer.alloc(32, 9) }]),
          ),
        },
        TEST_KEY_RING,
      ],
    ] as const) {
      expect(openCommandInputs(definition, envelope({ Password: value }), secrets, ring)).toEqual(
        refused(/^Password could not be opened\.$/),
      );
    }
  });

  it('still refuses plaintext and odd shapes, and still opens what the HTTP edge sealed', () => {
    for (const value of [password, { Encrypted: 1 }, { Encrypted: 'x', Sealed: 'y' }]) {
      expect(
        openCommandInputs(definition, envelope({ Password: value }), secrets, TEST_KEY_RING),
      ).toEqual(refused(/^Password must arrive sealed/));
    }
    const sealed = sealCommandInputs(definition, envelope({ Password: password }), secrets);
    expect(openCommandInputs(definition, sealed, secrets, TEST_KEY_RING)).toEqual({
      ok: true,
      input: { UserName: 'alice', Password: password },
    });
  });
});
