import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  AttachmentTypes,
  SupportAuthors,
  SupportChatStatuses,
  SupportEventKinds,
  SupportLimits,
  SupportTopics,
  type AttachmentType,
  type CloseChatRequest,
  type FaqAdminCategoryView,
  type FaqAdminQuestionView,
  type FaqCategoryRequest,
  type FaqCategoryView,
  type FaqQuestionRequest,
  type FaqQuestionView,
  type FaqSearchResult,
  type FaqVoteRequest,
  type FaqVoteView,
  type OpenChatRequest,
  type OpenVisitorChatRequest,
  type OperatorTopicsRequest,
  type SendMessageRequest,
  type SupportAttachmentView,
  type SupportAuthor,
  type SupportChatDetailView,
  type SupportChatStatus,
  type SupportChatView,
  type SupportEventKind,
  type SupportMessageView,
  type SupportOperatorView,
  type SupportQueueItemView,
  type SupportQueueQuery,
  type SupportStaffChatView,
  type SupportTopic,
  type UploadAttachmentRequest,
  type VisitorChatView,
} from '@cabinet/shared-types';
import { FormCaptchaDto } from '../applications/dto';
import { PageQuery } from '../../platform/pagination';

const L = SupportLimits;
const nullable = (type: 'string' | 'integer', extra: Record<string, unknown> = {}) => JSONSchema({ type: [type, 'null'], ...extra });

export class SupportChatIdParams {
  @IsUUID() id: string;
}

export class SupportAttachmentParams {
  @IsUUID() id: string;
  @IsUUID() attachmentId: string;
}

export class SupportStreamQuery {
  /** Resume after this event (what `Last-Event-ID` says; the header wins). */
  @IsOptional() @IsString() @Matches(/^\d{1,18}$/, { message: 'lastEventId must be the id of an event' }) lastEventId?: string;
}

export class OpenChatDto implements OpenChatRequest {
  @IsIn(SupportTopics) topic: SupportTopic;
  @JSONSchema({ examples: ['Не работает интернет с утра'] }) @IsString() @IsNotEmpty() @MaxLength(L.messageMaxLength) text: string;
}

export class OpenVisitorChatDto implements OpenVisitorChatRequest {
  @IsIn(SupportTopics) topic: SupportTopic;
  @IsString() @IsNotEmpty() @MaxLength(L.messageMaxLength) text: string;
  @JSONSchema({ examples: ['Мария'] }) @IsString() @IsNotEmpty() @MaxLength(L.nameMaxLength) name: string;
  /** As typed: `8 921 000-00-00`. */
  @JSONSchema({ examples: ['8 921 555-12-34'] }) @IsString() @MaxLength(32) phone: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => FormCaptchaDto) captcha?: FormCaptchaDto;
}

export class SendMessageDto implements SendMessageRequest {
  @IsOptional() @IsString() @MaxLength(L.messageMaxLength) text?: string;
  /** A file uploaded to this chat (POST …/attachments) and not sent yet. */
  @IsOptional() @IsUUID() attachmentId?: string;
}

export class UploadAttachmentDto implements UploadAttachmentRequest {
  @JSONSchema({ examples: ['router.png'] }) @IsString() @IsNotEmpty() @MaxLength(L.fileNameMaxLength) fileName: string;
  /** The file in base64 (≤ 5 MB decoded); its type is read from its first bytes: PNG, JPEG, GIF, WebP, PDF. */
  @JSONSchema({ examples: ['JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoKdHJhaWxlcgo8PC9Sb290IDEgMCBSPj4KJSVFT0YK'] })
  @IsString() @IsNotEmpty() contentBase64: string;
}

export class CloseChatDto implements CloseChatRequest {
  @IsInt() @Min(1) @Max(5) rating: number;
  @IsOptional() @IsString() @MaxLength(L.commentMaxLength) comment?: string;
}

export class SupportAttachmentDto implements SupportAttachmentView {
  @IsUUID() id: string;
  @IsString() fileName: string;
  @IsIn(AttachmentTypes) contentType: AttachmentType;
  @IsInt() size: number;
}

export class SupportMessageDto implements SupportMessageView {
  @IsUUID() id: string;
  /** The event id of the stream (`Last-Event-ID`). */
  @IsString() seq: string;
  @IsIn(SupportEventKinds) kind: SupportEventKind;
  @IsIn(SupportAuthors) author: SupportAuthor;
  @nullable('string') @IsOptional() @IsString() authorName: string | null;
  @nullable('string') @IsOptional() @IsString() text: string | null;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/SupportAttachmentDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => SupportAttachmentDto) attachment: SupportAttachmentDto | null;
  @IsISO8601() createdAt: string;
}

export class SupportChatDto implements SupportChatView {
  @IsUUID() id: string;
  @IsString() number: string;
  @IsIn(SupportTopics) topic: SupportTopic;
  @IsIn(SupportChatStatuses) status: SupportChatStatus;
  @nullable('string') @IsOptional() @IsString() operatorName: string | null;
  @nullable('integer') @IsOptional() @IsInt() rating: number | null;
  @IsISO8601() createdAt: string;
  @IsISO8601() lastMessageAt: string;
  @nullable('string', { format: 'date-time' }) @IsOptional() @IsISO8601() closedAt: string | null;
}

export class SupportChatDetailDto extends SupportChatDto implements SupportChatDetailView {
  @ValidateNested({ each: true }) @Type(() => SupportMessageDto) messages: SupportMessageDto[];
}

export class VisitorChatDto implements VisitorChatView {
  @ValidateNested() @Type(() => SupportChatDetailDto) chat: SupportChatDetailDto;
  /** Send it as `X-Support-Token` on every later call of this chat. */
  @IsString() token: string;
}

export class SupportQueueItemDto extends SupportChatDto implements SupportQueueItemView {
  @IsString() requesterName: string;
  @nullable('string') @IsOptional() @IsString() requesterPhone: string | null;
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() customerId: string | null;
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() operatorId: string | null;
  @nullable('string') @IsOptional() @IsString() preview: string | null;
  @IsInt() waitingSeconds: number;
}

export class SupportStaffChatDto extends SupportQueueItemDto implements SupportStaffChatView {
  @ValidateNested({ each: true }) @Type(() => SupportMessageDto) messages: SupportMessageDto[];
}

export class SupportQueueQueryDto extends PageQuery implements SupportQueueQuery {
  @IsOptional() @IsIn(SupportTopics) topic?: SupportTopic;
  /** `open` (default): waiting and active; `mine`: active and taken by me. */
  @IsOptional() @IsIn(['open', 'waiting', 'active', 'mine', 'closed']) status?: 'open' | 'waiting' | 'active' | 'mine' | 'closed';
}

export class SupportOperatorDto implements SupportOperatorView {
  @IsUUID() id: string;
  @IsString() name: string;
  @IsString() phone: string;
  @IsIn(['operator', 'admin']) role: 'operator' | 'admin';
  @IsIn(SupportTopics, { each: true }) topics: SupportTopic[];
}

export class SupportOperatorListDto {
  @ValidateNested({ each: true }) @Type(() => SupportOperatorDto) items: SupportOperatorDto[];
}

export class OperatorTopicsDto implements OperatorTopicsRequest {
  @IsArray() @ArrayMaxSize(SupportTopics.length * 2) @IsIn(SupportTopics, { each: true }) topics: SupportTopic[];
}

// ---- FAQ ----

export class FaqQuestionIdParams {
  @IsUUID() id: string;
}

export class FaqSearchQuery {
  @JSONSchema({ examples: ['пароля'] }) @IsString() @IsNotEmpty() @MaxLength(L.searchMaxLength) q: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

export class FaqQuestionDto implements FaqQuestionView {
  @IsUUID() id: string;
  @IsUUID() categoryId: string;
  @IsString() question: string;
  @IsString() answer: string;
  @IsInt() helpfulYes: number;
  @IsInt() helpfulNo: number;
}

export class FaqCategoryDto implements FaqCategoryView {
  @IsUUID() id: string;
  @IsString() slug: string;
  @IsString() title: string;
  @IsInt() position: number;
  @ValidateNested({ each: true }) @Type(() => FaqQuestionDto) questions: FaqQuestionDto[];
}

export class FaqListDto {
  @ValidateNested({ each: true }) @Type(() => FaqCategoryDto) items: FaqCategoryDto[];
}

export class FaqSearchResultDto extends FaqQuestionDto implements FaqSearchResult {
  @IsString() categoryTitle: string;
  @IsString() snippet: string;
}

export class FaqSearchListDto {
  @ValidateNested({ each: true }) @Type(() => FaqSearchResultDto) items: FaqSearchResultDto[];
}

export class FaqVoteDto implements FaqVoteRequest {
  @IsBoolean() helpful: boolean;
  /** A visitor: an id the browser made once and keeps (one vote per visitor). Ignored for a signed-in customer. */
  @IsOptional() @IsUUID() visitorId?: string;
}

export class FaqVisitorVoteDto implements FaqVoteRequest {
  @IsBoolean() helpful: boolean;
  @IsUUID() visitorId: string;
}

export class FaqVoteViewDto implements FaqVoteView {
  @IsUUID() questionId: string;
  @IsBoolean() helpful: boolean;
  @IsInt() helpfulYes: number;
  @IsInt() helpfulNo: number;
}

export class FaqCategoryBodyDto implements FaqCategoryRequest {
  @JSONSchema({ examples: ['account'] }) @IsString() @Matches(/^[a-z0-9-]{1,60}$/, { message: 'slug must be 1–60 of a-z, 0-9 and -' }) slug: string;
  @JSONSchema({ examples: ['Личный кабинет'] }) @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @IsOptional() @IsInt() @Min(0) @Max(10000) position?: number;
}

export class FaqCategoryPatchDto implements Partial<FaqCategoryRequest> {
  @IsOptional() @IsString() @Matches(/^[a-z0-9-]{1,60}$/, { message: 'slug must be 1–60 of a-z, 0-9 and -' }) slug?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) title?: string;
  @IsOptional() @IsInt() @Min(0) @Max(10000) position?: number;
}

export class FaqQuestionBodyDto implements FaqQuestionRequest {
  @IsUUID() categoryId: string;
  @JSONSchema({ examples: ['Как восстановить пароль?'] }) @IsString() @IsNotEmpty() @MaxLength(500) question: string;
  @IsString() @IsNotEmpty() @MaxLength(10000) answer: string;
  @IsOptional() @IsInt() @Min(0) @Max(10000) position?: number;
  @IsOptional() @IsBoolean() published?: boolean;
}

export class FaqQuestionPatchDto implements Partial<FaqQuestionRequest> {
  @IsOptional() @IsUUID() categoryId?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) question?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(10000) answer?: string;
  @IsOptional() @IsInt() @Min(0) @Max(10000) position?: number;
  @IsOptional() @IsBoolean() published?: boolean;
}

export class FaqAdminQuestionDto extends FaqQuestionDto implements FaqAdminQuestionView {
  @IsInt() position: number;
  @IsBoolean() published: boolean;
  @IsISO8601() updatedAt: string;
}

export class FaqAdminCategoryDto implements FaqAdminCategoryView {
  @IsUUID() id: string;
  @IsString() slug: string;
  @IsString() title: string;
  @IsInt() position: number;
  @ValidateNested({ each: true }) @Type(() => FaqAdminQuestionDto) questions: FaqAdminQuestionDto[];
}

export class FaqAdminListDto {
  @ValidateNested({ each: true }) @Type(() => FaqAdminCategoryDto) items: FaqAdminCategoryDto[];
}
