import { IsIn, IsISO8601, IsString } from 'class-validator';
import type { DataSource } from 'typeorm';
import type { HealthResponse } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { route, type RouteSpec } from '../../platform/routes';

export class HealthDto implements HealthResponse {
  @IsIn(['ok']) status: 'ok';
  @IsIn(['ok']) database: 'ok';
  @IsString() version: string;
  @IsISO8601() time: string;
}

export function healthRoutes(ds: DataSource, clock: Clock, version: string): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/health',
      summary: 'Liveness and database check',
      tags: ['Health'],
      auth: 'public',
      response: HealthDto,
      errors: [503],
      handler: async (): Promise<HealthResponse> => {
        try {
          await ds.query('SELECT 1');
        } catch {
          throw new AppError('service_unavailable', 503, 'The database does not answer.');
        }
        return { status: 'ok', database: 'ok', version, time: clock.now().toISOString() };
      },
    }),
  ];
}
