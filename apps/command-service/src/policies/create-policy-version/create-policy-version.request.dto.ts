import {
  IsArnParameter,
  IsFlag,
  IsOptionalParameter,
  IsPolicyDocumentText,
} from '../../shared/iam-request.decorators';

/** Body of CreatePolicyVersion, with AWS's parameter names. */
export class CreatePolicyVersionRequestDto {
  @IsArnParameter()
  PolicyArn!: string;

  /** JSON text, as in AWS's API; its content is checked by libs/policy. */
  @IsPolicyDocumentText()
  PolicyDocument!: string;

  /** Make the new version the default (false when left out). */
  @IsOptionalParameter()
  @IsFlag()
  SetAsDefault?: boolean;
}
