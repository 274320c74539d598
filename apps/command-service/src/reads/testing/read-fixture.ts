import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import type { CommandError } from '@portcullis/contracts';
import { Account, IamError } from '@portcullis/domain';
import { ACCOUNT_ID, AWS_CATALOG } from '@portcullis/domain/account/testing/account.fixture';
import { AccountRepository } from '../../pipeline/account.repository';
import { AWS_MANAGED_POLICIES } from '../../pipeline/aws-managed-policies.token';
import { validateDto } from '../../pipeline/validate-dto';
import { READS } from '../reads.catalog';

export type ReadOutcome =
  { ok: true; result: Record<string, unknown> } | { ok: false; error: CommandError };

export interface ReadFixture {
  /** The live aggregate the reads answer from: seed it with domain commands. */
  account: Account;
  /** Runs a read as the pipeline does (DTO validation, then its handler on the command bus). */
  read(action: string, input?: object): Promise<ReadOutcome>;
  /** Like read, for one that must succeed. */
  ok(action: string, input?: object): Promise<Record<string, unknown>>;
  /** Like read, for one that must fail: its error. */
  fails(action: string, input?: object): Promise<CommandError>;
}

/**
 * The read handlers over a real AccountRepository (with the domain's small AWS managed policy
 * catalogue), without the transport. Checks that no read raises an event.
 */
export async function readFixture(): Promise<ReadFixture> {
  const moduleRef = await Test.createTestingModule({
    imports: [CqrsModule.forRoot()],
    providers: [
      { provide: AWS_MANAGED_POLICIES, useValue: AWS_CATALOG },
      AccountRepository,
      ...READS.handlers,
    ],
  }).compile();
  await moduleRef.init();
  const bus = moduleRef.get(CommandBus);
  const account = moduleRef.get(AccountRepository).get(ACCOUNT_ID);

  const read = async (action: string, input: object = {}): Promise<ReadOutcome> => {
    if (!Object.hasOwn(READS.commands, action)) throw new Error(`no read ${action}`);
    const definition = READS.commands[action];
    account.takePending();
    const before = account.sequence;
    const checked = validateDto(definition.dto, input);
    if (!checked.ok) return { ok: false, error: checked.error };
    try {
      const result = await bus.execute(
        definition.toCommand(ACCOUNT_ID, checked.value, {
          accountId: ACCOUNT_ID,
          actor: `arn:aws:iam::${ACCOUNT_ID}:root`,
        }),
      );
      return { ok: true, result: result as Record<string, unknown> };
    } catch (error) {
      if (error instanceof IamError) {
        return { ok: false, error: { Code: error.code, Message: error.message } };
      }
      throw error;
    } finally {
      expect(account.takePending()).toEqual([]);
      expect(account.sequence).toBe(before);
    }
  };
  return {
    account,
    read,
    async ok(action, input) {
      const outcome = await read(action, input);
      if (!outcome.ok) throw new Error(`${action} failed: ${JSON.stringify(outcome.error)}`);
      return outcome.result;
    },
    async fails(action, input) {
      const outcome = await read(action, input);
      if (outcome.ok) throw new Error(`${action} succeeded: ${JSON.stringify(outcome.result)}`);
      return outcome.error;
    },
  };
}
