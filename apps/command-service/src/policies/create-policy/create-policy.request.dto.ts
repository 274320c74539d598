import {
  IsIamName,
  IsIamPath,
  IsOptionalParameter,
  IsPolicyDescription,
  IsPolicyDocumentText,
  IsTagList,
} from '../../shared/iam-request.decorators';
import { TagRequestDto } from '../../shared/tag.request.dto';

/** Body of CreatePolicy, with AWS's parameter names. */
export class CreatePolicyRequestDto {
  @IsIamName('policy')
  PolicyName!: string;

  /** Defaults to `/`. */
  @IsOptionalParameter()
  @IsIamPath()
  Path?: string;

  /** JSON text: the first version, `v1`, the default. */
  @IsPolicyDocumentText()
  PolicyDocument!: string;

  /** Set once, at creation. */
  @IsOptionalParameter()
  @IsPolicyDescription()
  Description?: string;

  @IsOptionalParameter()
  @IsTagList()
  Tags?: TagRequestDto[];
}
