import { CommandEnvelope, CommandReply, encodeConsistencyToken } from '@portcullis/contracts';
import type { LogPosition } from '@portcullis/event-log';
import type { CommandDecision } from './command-processor';

/**
 * The reply for a decision whose events (if any) sit at `positions`. Its consistency token names
 * the positions of the events the command appended; for a command that appended none (a
 * repeated attachment, a read), the positions its decision was based on.
 */
export function replyFor(
  envelope: Pick<CommandEnvelope, 'commandId' | 'correlationId'>,
  decision: CommandDecision,
  positions: LogPosition[] = [],
): CommandReply {
  const ids = {
    commandId: envelope.commandId,
    correlationId: envelope.correlationId ?? envelope.commandId,
  };
  switch (decision.kind) {
    case 'rejected':
      return { ...ids, ok: false, error: decision.error };
    case 'duplicate':
      return {
        ...ids,
        ok: true,
        output: decision.result,
        consistencyToken: encodeConsistencyToken(decision.positions),
      };
    case 'accepted':
      return {
        ...ids,
        ok: true,
        output: decision.result,
        consistencyToken: encodeConsistencyToken(
          decision.events.length > 0 ? positions : decision.basedOn,
        ),
      };
  }
}
