import { route, type RouteSpec } from '../../platform/routes';
import { UsageBatchDto, UsageResultDto, parseUsageBatch } from './dto';
import type { UsageService } from './usage';

export function integrationRoutes(usage: UsageService): RouteSpec[] {
  return [
    route<UsageBatchDto>({
      method: 'post',
      path: '/integrations/usage',
      summary: 'Post usage records of mobile lines (CDR), up to 1000 per batch',
      description:
        'Each record decrements the line’s package for the period; usage past the package is charged per unit by the tariff. ' +
        'Idempotent by record id: a replayed batch counts once (`duplicates`). Unknown lines are listed in `rejected`; the rest are counted. ' +
        'A line whose balance cannot cover its overage is blocked for debt.',
      tags: ['Integrations'],
      auth: 'integrator',
      idempotent: true,
      scopes: ['usage:write'],
      body: UsageBatchDto,
      parseBody: parseUsageBatch,
      response: UsageResultDto,
      handler: ({ integrator, body }) => usage.ingest(integrator, body.records),
    }),
  ];
}
