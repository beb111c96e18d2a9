import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import type { OutboxMessageView } from '@cabinet/shared-types';
import { PageQuery } from '../../platform/pagination';

export class OutboxQuery extends PageQuery {
  /** Only messages to this phone (any common form) or e-mail. */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  to?: string;
}

export class OutboxMessageDto implements OutboxMessageView {
  @IsUUID() id: string;
  @IsIn(['sms', 'email']) channel: 'sms' | 'email';
  @IsString() to: string;
  @JSONSchema({ type: ['string', 'null'] }) @IsOptional() @IsString() subject: string | null;
  @IsString() body: string;
  @IsIn(['pending', 'sent', 'failed']) status: 'pending' | 'sent' | 'failed';
  @IsISO8601() createdAt: string;
}
