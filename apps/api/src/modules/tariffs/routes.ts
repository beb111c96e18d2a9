import { route, type RouteSpec } from '../../platform/routes';
import { IdParams, OptionsQuery, TariffOptionViewDto, TariffsQuery, TariffViewDto } from './dto';
import type { TariffsService } from './service';

export function tariffRoutes(tariffs: TariffsService): RouteSpec[] {
  return [
    route<unknown, TariffsQuery>({
      method: 'get',
      path: '/tariffs',
      summary: 'Tariff catalog (public): mobile tariffs of every operator and home-internet plans',
      tags: ['Catalog'],
      auth: 'public',
      query: TariffsQuery,
      page: TariffViewDto,
      handler: ({ query }) => tariffs.list(query),
    }),
    route<unknown, unknown, IdParams>({
      method: 'get',
      path: '/tariffs/:id',
      summary: 'One tariff (public)',
      tags: ['Catalog'],
      auth: 'public',
      params: IdParams,
      response: TariffViewDto,
      errors: [404],
      handler: ({ params }) => tariffs.get(params.id),
    }),
    route<unknown, OptionsQuery>({
      method: 'get',
      path: '/tariff-options',
      summary: 'Options catalog (public), optionally only those fitting a tariff',
      tags: ['Catalog'],
      auth: 'public',
      query: OptionsQuery,
      page: TariffOptionViewDto,
      handler: ({ query }) => tariffs.options(query),
    }),
  ];
}
