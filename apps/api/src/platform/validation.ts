import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { FieldError } from '@cabinet/shared-types';
import { AppError } from './errors';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClassType<T = any> = new (...args: any[]) => T;

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [rule, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field, code: rule === 'whitelistValidation' ? 'unknown_field' : rule, message });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/**
 * The one validation path: plain → DTO instance, whitelist, unknown fields refused.
 * `source` says where the input came from, so a query string may convert types and a JSON body may not.
 */
export async function validateInput<T extends object>(
  dto: ClassType<T>,
  input: unknown,
  source: 'body' | 'query' | 'params',
): Promise<T> {
  if (input === undefined || input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw AppError.validation(
      [{ field: source, code: 'isObject', message: `The ${source} must be a JSON object.` }],
      `The ${source} must be a JSON object.`,
    );
  }
  const instance = plainToInstance(dto, input, {
    enableImplicitConversion: source !== 'body',
    exposeDefaultValues: true,
  }) as T;
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    stopAtFirstError: true,
  });
  if (errors.length) throw AppError.validation(flatten(errors));
  return instance;
}
