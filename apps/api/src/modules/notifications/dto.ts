import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  PreferenceChannels,
  type NotificationPreferenceChange,
  type NotificationPreferencesResponse,
  type NotificationPreferencesUpdate,
  type NotificationPreferenceView,
  type NotificationView,
  type OutboxAttachmentView,
  type OutboxMessageView,
  type PreferenceChannel,
  type UnreadCountResponse,
} from '@cabinet/shared-types';
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
  /** Tries made by the transport so far. */
  @IsOptional() @IsInt() attempts?: number;
  /** The transport's last error. */
  @JSONSchema({ type: ['string', 'null'] }) @IsOptional() @IsString() lastError?: string | null;
  @JSONSchema({ type: ['string', 'null'], format: 'date-time' }) @IsOptional() @IsISO8601() sentAt?: string | null;
  /** E-mails: the attached files (name, type, size). */
  @IsOptional() @ValidateNested({ each: true }) @Type(() => OutboxAttachmentDto) attachments?: OutboxAttachmentDto[];
}

export class NotificationListQuery extends PageQuery {
  /** `true`: only unread entries. */
  @IsOptional() @IsIn(['true', 'false']) unread?: 'true' | 'false';
}

export class NotificationIdParams {
  @IsUUID() id: string;
}

export class NotificationViewDto implements NotificationView {
  @IsUUID() id: string;
  /** The event type, e.g. `payment.succeeded`. */
  @IsString() type: string;
  @IsString() title: string;
  @IsString() body: string;
  @JSONSchema({ type: ['string', 'null'] }) @IsOptional() @IsString() link: string | null;
  @IsISO8601() createdAt: string;
  @JSONSchema({ type: ['string', 'null'], format: 'date-time' }) @IsOptional() @IsISO8601() readAt: string | null;
}

export class UnreadCountDto implements UnreadCountResponse {
  @IsInt() count: number;
}

export class ChannelSwitchesDto implements Record<PreferenceChannel, boolean> {
  @IsBoolean() sms: boolean;
  @IsBoolean() email: boolean;
  @IsBoolean() in_app: boolean;
}

export class NotificationPreferenceViewDto implements NotificationPreferenceView {
  @IsString() type: string;
  @IsString() label: string;
  /** A security event: cannot be switched off. */
  @IsBoolean() locked: boolean;
  @ValidateNested() @Type(() => ChannelSwitchesDto) channels: ChannelSwitchesDto;
}

export class NotificationPreferencesDto implements NotificationPreferencesResponse {
  @ValidateNested({ each: true }) @Type(() => NotificationPreferenceViewDto) items: NotificationPreferenceViewDto[];
}

export class PreferenceChangeDto implements NotificationPreferenceChange {
  /** An event type from GET /me/notification-preferences. */
  @JSONSchema({ examples: ['balance.low'] })
  @IsString() @MaxLength(64) @Matches(/^[a-z][a-z0-9_.]*$/, { message: 'type must be an event type such as balance.low' }) type: string;
  @IsIn(PreferenceChannels) channel: PreferenceChannel;
  @IsBoolean() enabled: boolean;
}

export class PreferencesUpdateDto implements NotificationPreferencesUpdate {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => PreferenceChangeDto) changes: PreferenceChangeDto[];
}
