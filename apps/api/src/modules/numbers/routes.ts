import { pageLimit } from '../../platform/pagination';
import { requestMeta } from '../../platform/request-meta';
import { route, type RouteSpec } from '../../platform/routes';
import { ADMIN_TAG, STAFF_TAG } from '../../platform/staff';
import {
  CatalogNumberDto,
  NumberCategoryListDto,
  NumberCategoryParams,
  NumberCategoryUpdateDto,
  NumberCategoryViewDto,
  NumberIdParams,
  NumberImportDto,
  NumberImportResultDto,
  NumbersQueryDto,
  NumberViewDto,
  StockNumberViewDto,
  StockQueryDto,
} from './dto';
import type { NumbersService } from './service';

export function numberRoutes(numbers: NumbersService): RouteSpec[] {
  return [
    route<unknown, NumbersQueryDto>({
      method: 'get',
      path: '/numbers',
      summary: 'Beautiful-number catalog (public): available numbers by operator, category and pattern, cheapest first',
      description: 'Each number shows the operator’s price and what a customer pays: 50 % of it. Filter by `operator`, `category`, `pattern` or `digits` it contains.',
      tags: ['Numbers'],
      auth: 'public',
      query: NumbersQueryDto,
      page: NumberViewDto,
      handler: ({ query }) => numbers.catalog({ ...query, limit: pageLimit(query) }),
    }),
    route<unknown, unknown, NumberIdParams>({
      method: 'get',
      path: '/numbers/:id',
      summary: 'One catalog number (public); `available` turns false once it is reserved or sold',
      tags: ['Numbers'],
      auth: 'public',
      params: NumberIdParams,
      response: CatalogNumberDto,
      errors: [404],
      handler: ({ params }) => numbers.get(params.id),
    }),
    route({
      method: 'get',
      path: '/number-categories',
      summary: 'Category prices of every operator (public): the operator’s price and the 50 % a customer pays',
      tags: ['Numbers'],
      auth: 'public',
      response: NumberCategoryListDto,
      handler: async () => ({ items: await numbers.categories() }),
    }),

    route<unknown, StockQueryDto>({
      method: 'get',
      path: '/backoffice/numbers',
      summary: 'The number stock, every status (staff)',
      tags: [STAFF_TAG],
      auth: 'staff',
      query: StockQueryDto,
      page: StockNumberViewDto,
      handler: ({ query }) => numbers.stock({ ...query, limit: pageLimit(query) }),
    }),
    route<NumberImportDto>({
      method: 'post',
      path: '/backoffice/numbers/import',
      summary: 'Upload numbers to the stock from CSV (admin)',
      description:
        'The body carries the CSV text: a header line `msisdn;operator;category` (`,` works too), then a number a line. ' +
        'Numbers already in stock or on a line count as `duplicates`; bad lines come back in `rejected` with the line number and the reason.',
      tags: [ADMIN_TAG],
      auth: 'staff',
      body: NumberImportDto,
      response: NumberImportResultDto,
      errors: [403],
      handler: ({ auth, body, req }) => numbers.import(auth, body.csv, requestMeta(req).ip),
    }),
    route<unknown, unknown, NumberIdParams>({
      method: 'post',
      path: '/backoffice/numbers/:id/archive',
      summary: 'Take an available number out of the catalog (admin); numbers are never deleted',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: NumberIdParams,
      response: StockNumberViewDto,
      errors: [403, 404, 409],
      handler: ({ auth, params, req }) => numbers.archive(auth, params.id, requestMeta(req).ip),
    }),
    route<NumberCategoryUpdateDto, unknown, NumberCategoryParams>({
      method: 'put',
      path: '/backoffice/number-categories/:operator/:category',
      summary: 'Set a category’s operator price (admin)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: NumberCategoryParams,
      body: NumberCategoryUpdateDto,
      response: NumberCategoryViewDto,
      errors: [403, 404],
      handler: ({ auth, params, body, req }) =>
        numbers.setCategoryPrice(auth, params.operator, params.category, { name: body.name, operatorPrice: BigInt(body.operatorPrice.amount) }, requestMeta(req).ip),
    }),
  ];
}
