import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsEmail, IsIn, IsISO8601, IsObject, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  ApplicationKinds,
  ApplicationLimits,
  CallbackTopics,
  RequestStatuses,
  StatusChanges,
  type ApplicationKind,
  type ApplicationResultView,
  type ApplicationStatusView,
  type ApplicationTrackQuery,
  type ApplicationView,
  type ApplicationsQueueQuery,
  type CallbackRequestRequest,
  type CallbackTopic,
  type CaptchaAnswer,
  type CustomerNameInput,
  type InternetAddress,
  type InternetApplicationRequest,
  type MobileApplicationRequest,
  type ProcessApplicationRequest,
  type RequestStatus,
  type StatusChange,
  type StatusChangeRequest,
} from '@cabinet/shared-types';
import { PageQuery } from '../../platform/pagination';
import { MoneyDto } from '../tariffs';

const L = ApplicationLimits;
const nullable = (type: 'string' | 'object', extra: Record<string, unknown> = {}) => JSONSchema({ type: [type, 'null'], ...extra });

export class FormCaptchaDto implements CaptchaAnswer {
  /** The challenge id from the 428 problem or POST /auth/captcha. */
  @IsUUID() id: string;
  @IsString() @IsNotEmpty() @MaxLength(16) answer: string;
}

export class MobileApplicationDto implements MobileApplicationRequest {
  @JSONSchema({ examples: ['Мария'] }) @IsString() @IsNotEmpty() @MaxLength(L.nameMaxLength) name: string;
  @IsOptional() @IsString() @MaxLength(200) companyName?: string;
  /** As typed: `8 921 000-00-00`, `+7 921…`. */
  @JSONSchema({ examples: ['8 921 555-12-34'] }) @IsString() @MaxLength(32) phone: string;
  @IsOptional() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email?: string;
  @IsOptional() @IsString() @MaxLength(L.addressMaxLength) address?: string;
  @IsUUID() tariffId: string;
  /** A number from GET /numbers: reserved for this application. */
  @IsOptional() @IsUUID() numberId?: string;
  @IsBoolean() consent: boolean;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => FormCaptchaDto) captcha?: FormCaptchaDto;
}

export class InternetAddressDto implements InternetAddress {
  @JSONSchema({ examples: ['ул. Садовая'] }) @IsString() @IsNotEmpty() @MaxLength(120) street: string;
  @JSONSchema({ examples: ['10'] }) @IsString() @IsNotEmpty() @MaxLength(20) house: string;
  @IsOptional() @IsString() @MaxLength(20) building?: string;
  @IsOptional() @IsString() @MaxLength(20) flat?: string;
}

export class InternetApplicationDto implements InternetApplicationRequest {
  @JSONSchema({ examples: ['Петров Пётр Петрович'] }) @IsString() @IsNotEmpty() @MaxLength(200) fullName: string;
  @IsString() @MaxLength(32) phone: string;
  @IsOptional() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email?: string;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => InternetAddressDto) address: InternetAddressDto;
  @IsUUID() tariffId: string;
  @IsBoolean() consent: boolean;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => FormCaptchaDto) captcha?: FormCaptchaDto;
}

export class CallbackRequestDto implements CallbackRequestRequest {
  @IsString() @MaxLength(32) phone: string;
  @IsOptional() @IsString() @MaxLength(L.nameMaxLength) name?: string;
  @IsIn(CallbackTopics) topic: CallbackTopic;
  @IsOptional() @IsString() @MaxLength(L.commentMaxLength) comment?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => FormCaptchaDto) captcha?: FormCaptchaDto;
}

export class TrackQueryDto implements ApplicationTrackQuery {
  @JSONSchema({ examples: ['A-100001'] }) @IsString() @Matches(/^[Aa]-?\d{1,12}$/, { message: 'number must be a tracking number like A-100001' }) number: string;
  @IsString() @MaxLength(32) phone: string;
}

export class StatusEventDto {
  @IsIn([...RequestStatuses, 'canceled']) status: RequestStatus | 'canceled';
  @IsISO8601() at: string;
  @nullable('string') @IsOptional() @IsString() reason: string | null;
}

export class RefDto {
  @IsUUID() id: string;
  @IsString() name: string;
}

export class ApplicationStatusViewDto implements ApplicationStatusView {
  @JSONSchema({ examples: ['A-100001'] }) @IsString() number: string;
  @IsIn(ApplicationKinds) kind: ApplicationKind;
  @IsIn(RequestStatuses) status: RequestStatus;
  @nullable('string') @IsOptional() @IsString() reason: string | null;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/RefDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => RefDto) tariff: RefDto | null;
  @nullable('string') @IsOptional() @IsString() chosenNumber: string | null;
  @IsISO8601() createdAt: string;
  @IsISO8601() updatedAt: string;
  @ValidateNested({ each: true }) @Type(() => StatusEventDto) history: StatusEventDto[];
}

export class StaffStatusEventDto extends StatusEventDto {
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/RefDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => RefDto) actor: RefDto | null;
}

export class ApplicationTariffDto {
  @IsUUID() id: string;
  @IsString() name: string;
  @IsString() provider: string;
  @ValidateNested() @Type(() => MoneyDto) monthlyFee: MoneyDto;
}

export class ChosenNumberDto {
  @IsUUID() id: string;
  @IsString() msisdn: string;
  @IsString() operator: string;
  @ValidateNested() @Type(() => MoneyDto) price: MoneyDto;
}

export class ApplicationResultDto implements ApplicationResultView {
  @IsUUID() customerId: string;
  @IsUUID() accountId: string;
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() lineId: string | null;
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() contractId: string | null;
  @IsString() login: string;
  @IsBoolean() newCustomer: boolean;
}

export class ApplicationViewDto implements ApplicationView {
  @IsUUID() id: string;
  @IsString() number: string;
  @IsIn(ApplicationKinds) kind: ApplicationKind;
  @IsIn(RequestStatuses) status: RequestStatus;
  @nullable('string') @IsOptional() @IsString() reason: string | null;
  @IsString() name: string;
  @nullable('string') @IsOptional() @IsString() companyName: string | null;
  @IsString() phone: string;
  @nullable('string') @IsOptional() @IsString() email: string | null;
  @nullable('string') @IsOptional() @IsString() address: string | null;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/InternetAddressDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => InternetAddressDto) internetAddress: InternetAddressDto | null;
  @nullable('string') @IsOptional() @IsIn(CallbackTopics) topic: CallbackTopic | null;
  @nullable('string') @IsOptional() @IsString() comment: string | null;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/ApplicationTariffDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => ApplicationTariffDto) tariff: ApplicationTariffDto | null;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/ChosenNumberDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => ChosenNumberDto) chosenNumber: ChosenNumberDto | null;
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() existingCustomerId: string | null;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/ApplicationResultDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => ApplicationResultDto) result: ApplicationResultDto | null;
  @IsISO8601() createdAt: string;
  @IsISO8601() updatedAt: string;
  @ValidateNested({ each: true }) @Type(() => StaffStatusEventDto) history: StaffStatusEventDto[];
}

export class ApplicationsQueueQueryDto extends PageQuery implements ApplicationsQueueQuery {
  @IsOptional() @IsIn(ApplicationKinds) kind?: ApplicationKind;
  /** One status, or `open` (new, in_progress, waiting_for_customer). */
  @IsOptional() @IsIn([...RequestStatuses, 'open']) status?: RequestStatus | 'open';
  /** Tracking number, phone (as typed) or a part of the name. */
  @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class ApplicationIdParams {
  @IsUUID() id: string;
}

export class StatusChangeDto implements StatusChangeRequest {
  /** `done` only for callback requests (a connection is done by processing it). */
  @IsIn(StatusChanges) status: StatusChange;
  /** Required with `rejected`: the applicant reads it. */
  @IsOptional() @IsString() @MaxLength(L.reasonMaxLength) reason?: string;
}

export class CustomerNameDto implements CustomerNameInput {
  @IsString() @IsNotEmpty() @MaxLength(100) surname: string;
  @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @IsOptional() @IsString() @MaxLength(100) patronymic?: string;
}

export class ProcessApplicationDto implements ProcessApplicationRequest {
  /** Required when no customer has the applicant's phone yet. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CustomerNameDto) customer?: CustomerNameDto;
  /** Mobile: the ICCID of the SIM card issued; its last 4 digits become the first password. */
  @JSONSchema({ examples: ['8970199250000012345'] })
  @IsOptional() @IsString() @Matches(/^89\d{17,18}$/, { message: 'iccid must be 19–20 digits starting with 89' }) iccid?: string;
  /** Mobile: a free number from stock (default: the chosen beautiful number, else the first free one of the operator). */
  @IsOptional() @IsUUID() numberId?: string;
}
