import type { CallerContext } from '@portcullis/contracts';
import { IsDefined, IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';

/** Shape check of a command arriving on Kafka, before its payload is looked at. */
export class CommandEnvelopeDto {
  @IsString()
  @Length(1, 128)
  commandId!: string;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  correlationId?: string;

  @IsString()
  @Matches(/^\d{12}$/, { message: 'accountId must be 12 digits' })
  accountId!: string;

  @IsString()
  @Matches(/^arn:aws:(iam|sts)::\d{12}:\S+$/, { message: 'actor must be a principal ARN' })
  actor!: string;

  @IsString()
  @Length(1, 64)
  action!: string;

  @IsDefined()
  @IsObject()
  input!: Record<string, unknown>;

  /** As the signing service states it (a SigV4-signed command has it replaced by what the
   *  signature proves; an unsigned one is refused). */
  @IsOptional()
  @IsObject()
  caller?: CallerContext;

  /** The caller's X25519 public key: the reply's secrets are encrypted to it. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'replyKey must be base64url of a 32-byte X25519 key' })
  replyKey?: string;
}
