import express, { type RequestHandler } from 'express';
import { SpeedTestLimits } from '@cabinet/shared-types';
import { pageLimit } from '../../platform/pagination';
import { requestMeta } from '../../platform/request-meta';
import { route, type RouteSpec } from '../../platform/routes';
import { DownloadQuery, SpeedTestResultDto, SpeedTestResultsQuery, SpeedTestResultViewDto, SpeedTestUploadDto } from './dto';
import type { SpeedTestService } from './service';

const TAG = ['Speed test'];
export const UPLOAD_PATH = '/speedtest/upload';

/**
 * Mounted by app.ts on `/api/v1/speedtest/upload` before the JSON-only rule: notes when the request
 * arrived, then reads the body as bytes (any type), refusing more than the limit with 413.
 */
export function speedTestUploadParser(): RequestHandler[] {
  return [
    (_req, res, next) => {
      res.locals.uploadStartedAt = performance.now();
      next();
    },
    express.raw({ type: () => true, limit: SpeedTestLimits.maxUploadBytes }),
  ];
}

export function speedTestRoutes(speed: SpeedTestService): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/speedtest/ping',
      summary: 'Speed test: an empty answer, to time the round trip (latency)',
      tags: TAG,
      auth: 'customer',
      status: 204,
      handler: () => undefined,
    }),
    route<unknown, DownloadQuery>({
      method: 'get',
      path: '/speedtest/download',
      summary: 'Speed test: generated, incompressible bytes to download',
      description: `\`bytes\` from 1 to ${SpeedTestLimits.maxDownloadBytes} (default 10 MiB). Never cached, never compressed.`,
      tags: TAG,
      auth: 'customer',
      query: DownloadQuery,
      produces: 'application/octet-stream',
      handler: ({ res, query }) => speed.download(res, query.bytes ?? 10 * 1024 * 1024),
    }),
    route({
      method: 'post',
      path: UPLOAD_PATH,
      summary: 'Speed test: upload bytes; the server answers how many it got and how long that took',
      description: `Any bytes as \`application/octet-stream\`, at most ${SpeedTestLimits.maxUploadBytes} (more: 413 \`payload_too_large\`, nothing kept).`,
      tags: TAG,
      auth: 'customer',
      consumes: 'application/octet-stream',
      status: 201,
      response: SpeedTestUploadDto,
      handler: ({ auth, req, res }) => speed.upload(auth.customerId, req.body, performance.now() - (res.locals.uploadStartedAt ?? performance.now())),
    }),
    route<SpeedTestResultDto>({
      method: 'post',
      path: '/speedtest/results',
      summary: 'Speed test: keep a result in my history',
      description: 'Speeds in kbit/s as the browser measured them; with `uploadId`, the server’s own figure for that upload is kept beside.',
      tags: TAG,
      auth: 'customer',
      body: SpeedTestResultDto,
      status: 201,
      response: SpeedTestResultViewDto,
      idempotent: true,
      handler: ({ auth, body, req }) => speed.record(auth.customerId, body, requestMeta(req)),
    }),
    route<unknown, SpeedTestResultsQuery>({
      method: 'get',
      path: '/speedtest/results',
      summary: 'Speed test: my results, newest first',
      tags: TAG,
      auth: 'customer',
      query: SpeedTestResultsQuery,
      page: SpeedTestResultViewDto,
      handler: ({ auth, query }) => speed.history(auth.customerId, { limit: pageLimit(query), cursor: query.cursor }),
    }),
  ];
}
