import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { SpeedTestLimits, type SpeedTestResultRequest, type SpeedTestResultView, type SpeedTestUploadView } from '@cabinet/shared-types';
import { PageQuery } from '../../platform/pagination';

export class DownloadQuery {
  /** How many bytes to send (1 B – 50 MiB; default 10 MiB). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(SpeedTestLimits.maxDownloadBytes) bytes?: number;
}

export class SpeedTestUploadDto implements SpeedTestUploadView {
  @IsUUID() id: string;
  @IsInt() bytes: number;
  @IsInt() durationMs: number;
  @IsInt() kbps: number;
}

export class SpeedTestResultDto implements SpeedTestResultRequest {
  /** Download speed the browser measured, kbit/s (1 Mbit/s = 1000). */
  @IsInt() @Min(0) @Max(SpeedTestLimits.maxKbps) downloadKbps: number;
  @IsInt() @Min(0) @Max(SpeedTestLimits.maxKbps) uploadKbps: number;
  /** Round trip of a small request, ms (the median of several). */
  @IsInt() @Min(0) @Max(SpeedTestLimits.maxLatencyMs) latencyMs: number;
  @IsInt() @Min(0) @Max(SpeedTestLimits.maxDownloadBytes * 10) downloadBytes: number;
  @IsInt() @Min(0) @Max(SpeedTestLimits.maxUploadBytes * 10) uploadBytes: number;
  /** The upload (POST /speedtest/upload) of this test, whose server-side figure is kept too. */
  @IsOptional() @IsUUID() uploadId?: string;
}

export class SpeedTestResultViewDto implements SpeedTestResultView {
  @IsUUID() id: string;
  @IsInt() downloadKbps: number;
  @IsInt() uploadKbps: number;
  @IsInt() latencyMs: number;
  @IsInt() downloadBytes: number;
  @IsInt() uploadBytes: number;
  @JSONSchema({ type: ['integer', 'null'] }) @IsOptional() @IsInt() serverUploadKbps: number | null;
  @IsISO8601() createdAt: string;
}

export class SpeedTestResultsQuery extends PageQuery {}
