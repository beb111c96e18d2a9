import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import type { AccountClosureCheck, ClosureBlocker } from '@cabinet/shared-types';
import { requestMeta } from '../../platform/request-meta';
import { route, type RouteSpec } from '../../platform/routes';
import { MoneyDto } from '../tariffs';
import type { AccountClosureService } from './closure';
import { AccountParams, AccountViewDto } from './dto';

export class ClosureBlockerDto implements ClosureBlocker {
  /** `negative_balance`, `promised_payment_open`, `deferred_payment_open`, `order_open`, `loan_open`, … */
  @JSONSchema({ examples: ['negative_balance'] }) @IsString() code: string;
  @IsString() detail: string;
  @JSONSchema({ oneOf: [{ $ref: '#/components/schemas/MoneyDto' }, { type: 'null' }] })
  @IsOptional() @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto | null;
}

export class AccountClosureCheckDto implements AccountClosureCheck {
  @IsBoolean() allowed: boolean;
  @ValidateNested({ each: true }) @Type(() => ClosureBlockerDto) blockers: ClosureBlockerDto[];
}

export function closureRoutes(closure: AccountClosureService): RouteSpec[] {
  return [
    route<unknown, unknown, AccountParams>({
      method: 'get',
      path: '/accounts/:accountId/closure',
      summary: 'Whether the account may be closed now, and what to settle first (owner only)',
      tags: ['Accounts'],
      auth: 'customer',
      params: AccountParams,
      response: AccountClosureCheckDto,
      errors: [403, 404],
      handler: ({ auth, params }) => closure.preview(auth.customerId, params.accountId),
    }),
    route<unknown, unknown, AccountParams>({
      method: 'post',
      path: '/accounts/:accountId/close',
      summary: 'Close the account (owner only): refused while it owes anything; history stays readable',
      description:
        'Refused with 409 `account_closure_refused` while the balance is negative, a promised or deferred payment is open, an order is in progress ' +
        'or (where loans are on) a loan is open: `blockers` lists what to settle first. A closed account keeps its history; its lines are blocked and its contract suspended.',
      tags: ['Accounts'],
      auth: 'customer',
      params: AccountParams,
      response: AccountViewDto,
      idempotent: true,
      errors: [403, 404, 409],
      handler: ({ auth, params, req }) => closure.close(auth.customerId, params.accountId, requestMeta(req).ip),
    }),
  ];
}
