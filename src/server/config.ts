import { DEFAULT_CERTIFIED } from '../aggregate/config.ts';
import type { CertifiedRule } from '../aggregate/types.ts';

/**
 * @module Server configuration: plain data, with defaults; the CLI fills it from flags and environment.
 */

export interface RateLimit {
  /** Requests allowed per window and client. */
  limit: number;
  windowMs: number;
}

export interface ServerConfig {
  /** Largest request body for POST /api/v1/analyze and the analyse form, in bytes. */
  maxAnalyzeBytes: number;
  /** Largest body for writes (POST /api/v1/reviews, JSONL import), in bytes. */
  maxWriteBytes: number;
  /** Largest review text in a write, in bytes (each larger row is rejected, the rest written). */
  maxReviewBytes: number;
  /** Rate limit for analysis (API and page). */
  analyzeRate: RateLimit;
  /** Rate limit for writes. */
  writeRate: RateLimit;
  /** Trust X-Forwarded-For for the client address (behind a reverse proxy only). */
  trustProxy: boolean;
  /** Page size for review lists. */
  pageSize: number;
  /** How long a rendered film page or film API answer may be reused (ms; 0 = never); new reviews show at once. */
  pageCacheMs: number;
  /** Film pages are drafts, seen by editors only, until an editor publishes them (`--require-publish`). */
  requirePublish: boolean;
  /** Origins allowed by CORS on /api/* ("*" = any); empty = CORS off (the default). */
  corsOrigins: string[];
  /** gzip/deflate responses over 1 KB when the client accepts them. */
  compress: boolean;
  /** Thresholds of the certified badge, applied where films are read (the stored consensus keeps share and counts). */
  certified: CertifiedRule;
}

export const DEFAULT_CONFIG: ServerConfig = {
  maxAnalyzeBytes: 256 * 1024,
  maxWriteBytes: 8 * 1024 * 1024,
  maxReviewBytes: 256 * 1024,
  analyzeRate: { limit: 60, windowMs: 60_000 },
  writeRate: { limit: 30, windowMs: 60_000 },
  trustProxy: false,
  pageSize: 20,
  pageCacheMs: 10_000,
  requirePublish: false,
  corsOrigins: [],
  compress: true,
  certified: DEFAULT_CERTIFIED,
};

/** Merge partial settings over the defaults. */
export function resolveConfig(partial: Partial<ServerConfig> = {}): ServerConfig {
  return { ...DEFAULT_CONFIG, ...partial };
}
