import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  ApplicationLimits,
  DeliveryMethods,
  OrderKinds,
  RequestStatuses,
  StatusChanges,
  type DeliveryMethod,
  type NumberOrderRequest,
  type OrderKind,
  type OrdersQueueQuery,
  type OrderStatus,
  type OrderView,
  type ProcessOrderRequest,
  type SimOrderRequest,
  type StaffOrderView,
  type StatusChange,
  type StatusChangeRequest,
} from '@cabinet/shared-types';
import { PageQuery } from '../../platform/pagination';
import { MoneyDto } from '../tariffs';

const ORDER_STATUSES = [...RequestStatuses, 'canceled'] as const;
const nullable = (type: 'string' | 'object', extra: Record<string, unknown> = {}) => JSONSchema({ type: [type, 'null'], ...extra });

export class SimOrderDto implements SimOrderRequest {
  @IsUUID() accountId: string;
  @IsUUID() tariffId: string;
  @IsIn(DeliveryMethods) delivery: DeliveryMethod;
  /** Required for `courier`. */
  @IsOptional() @IsString() @MaxLength(ApplicationLimits.addressMaxLength) address?: string;
  /** With `pickup`: the pick-up point (GET /offices?simPickup=true). */
  @IsOptional() @IsUUID() pickupOfficeId?: string;
  @IsOptional() @IsString() @MaxLength(ApplicationLimits.commentMaxLength) comment?: string;
}

export class NumberOrderDto implements NumberOrderRequest {
  @IsUUID() numberId: string;
  @IsUUID() accountId: string;
  /** The line whose number is replaced (same operator). */
  @IsOptional() @IsUUID() lineId?: string;
  /** Or a new line on this tariff (of the number's operator); then `delivery` too. */
  @IsOptional() @IsUUID() tariffId?: string;
  @IsOptional() @IsIn(DeliveryMethods) delivery?: DeliveryMethod;
  @IsOptional() @IsString() @MaxLength(ApplicationLimits.addressMaxLength) address?: string;
}

export class OrderEventDto {
  @IsIn(ORDER_STATUSES) status: OrderStatus;
  @IsISO8601() at: string;
  @nullable('string') @IsOptional() @IsString() reason: string | null;
}

export class OrderActorDto {
  @IsUUID() id: string;
  @IsString() name: string;
}

export class StaffOrderEventDto extends OrderEventDto {
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/OrderActorDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => OrderActorDto) actor: OrderActorDto | null;
}

export class OrderLineDto {
  @IsUUID() id: string;
  @IsString() msisdn: string;
}

export class OrderNumberDto {
  @IsUUID() id: string;
  @IsString() msisdn: string;
  @IsString() operator: string;
}

export class OrderTariffDto {
  @IsUUID() id: string;
  @IsString() name: string;
}

export class OrderCustomerDto {
  @IsUUID() id: string;
  @IsString() name: string;
  @IsString() phone: string;
}

/** The fields both views share. */
export class OrderBaseDto implements Omit<OrderView, 'history'> {
  @IsUUID() id: string;
  @JSONSchema({ examples: ['O-100001'] }) @IsString() number: string;
  @IsIn(OrderKinds) kind: OrderKind;
  @IsIn(ORDER_STATUSES) status: OrderStatus;
  @nullable('string') @IsOptional() @IsString() reason: string | null;
  @IsUUID() accountId: string;
  @IsString() accountNumber: string;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/OrderLineDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => OrderLineDto) line: OrderLineDto | null;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/OrderNumberDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => OrderNumberDto) beautifulNumber: OrderNumberDto | null;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/OrderTariffDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => OrderTariffDto) tariff: OrderTariffDto | null;
  @nullable('string') @IsOptional() @IsIn(DeliveryMethods) delivery: DeliveryMethod | null;
  @nullable('string') @IsOptional() @IsString() address: string | null;
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() pickupOfficeId: string | null;
  @nullable('string') @IsOptional() @IsString() comment: string | null;
  @ValidateNested() @Type(() => MoneyDto) price: MoneyDto;
  @nullable('string', { format: 'uuid' }) @IsOptional() @IsUUID() resultLineId: string | null;
  @IsISO8601() createdAt: string;
  @IsISO8601() updatedAt: string;
}

export class OrderViewDto extends OrderBaseDto implements OrderView {
  @ValidateNested({ each: true }) @Type(() => OrderEventDto) history: OrderEventDto[];
}

export class StaffOrderViewDto extends OrderBaseDto implements StaffOrderView {
  @ValidateNested() @Type(() => OrderCustomerDto) customer: OrderCustomerDto;
  @ValidateNested({ each: true }) @Type(() => StaffOrderEventDto) history: StaffOrderEventDto[];
}

export class OrdersQuery extends PageQuery {}

export class OrdersQueueQueryDto extends PageQuery implements OrdersQueueQuery {
  @IsOptional() @IsIn(OrderKinds) kind?: OrderKind;
  @IsOptional() @IsIn([...ORDER_STATUSES, 'open']) status?: OrderStatus | 'open';
  /** Order number, account number, phone, the number bought, or the start of the surname. */
  @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class OrderIdParams {
  @IsUUID() id: string;
}

export class OrderStatusChangeDto implements StatusChangeRequest {
  /** `done` comes from processing the order. */
  @IsIn(StatusChanges) status: StatusChange;
  @IsOptional() @IsString() @MaxLength(ApplicationLimits.reasonMaxLength) reason?: string;
}

export class ProcessOrderDto implements ProcessOrderRequest {
  /** A new line's SIM card. */
  @IsOptional() @IsString() @Matches(/^89\d{17,18}$/, { message: 'iccid must be 19–20 digits starting with 89' }) iccid?: string;
  /** SIM orders: a free number from stock (default: the first free one of the tariff's operator). */
  @IsOptional() @IsUUID() numberId?: string;
}
