import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import type { OutboxAttachmentView, OutboxMessageView } from '@cabinet/shared-types';
import { PageQuery } from '../../platform/pagination';

export class OutboxQuery extends PageQuery {
  /** Only messages to this phone (any common form) or e-mail. */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  to?: string;
}

export class OutboxAttachmentDto implements OutboxAttachmentView {
  @IsUUID() id: string;
  @IsString() filename: string;
  @IsString() contentType: string;
  /** Bytes. */
  @IsInt() size: number;
}

export class OutboxAttachmentParams {
  @IsUUID() id: string;
  @IsUUID() attachmentId: string;
}

export class OutboxMessageDto implements OutboxMessageView {
  @IsUUID() id: string;
  @IsIn(['sms', 'email']) channel: 'sms' | 'email';
  @IsString() to: string;
  @JSONSchema({ type: ['string', 'null'] }) @IsOptional() @IsString() subject: string | null;
  @IsString() body: string;
  @IsIn(['pending', 'sent', 'failed']) status: 'pending' | 'sent' | 'failed';
  @IsISO8601() createdAt: string;
  /** E-mails: the attached files (name, type, size). */
  @IsOptional() @ValidateNested({ each: true }) @Type(() => OutboxAttachmentDto) attachments?: OutboxAttachmentDto[];
}
