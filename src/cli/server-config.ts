/**
 * @module The server's configuration from a JSON file (`--config FILE` or VERDICT_CONFIG), the environment and
 * flags, in that order of precedence (flags win). Every key is listed in the README.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_CERTIFIED } from '../aggregate/config.ts';
import type { CertifiedRule } from '../aggregate/types.ts';
import type { ServerConfig } from '../server/config.ts';
import { CliError, Exit } from './errors.ts';

/** The certified thresholds as written in a flag or the environment: "share,reviews,topCritics", e.g. "0.75,40,5". */
export function parseCertified(v: string): CertifiedRule {
  const [minShare, minReviews, minTopCritics] = v.split(',').map((x) => Number(x.trim()));
  return { minShare: minShare ?? NaN, minReviews: minReviews ?? NaN, minTopCritics: minTopCritics ?? NaN };
}

/** Keys of the config file, their environment variable and how to read them. */
const KEYS: { key: keyof ServerConfig; env: string; parse: (v: string) => unknown }[] = [
  { key: 'corsOrigins', env: 'VERDICT_CORS', parse: (v) => v.split(/[,\s]+/).filter(Boolean) },
  { key: 'compress', env: 'VERDICT_COMPRESS', parse: (v) => !['0', 'false', 'no', 'off'].includes(v.toLowerCase()) },
  { key: 'pageCacheMs', env: 'VERDICT_PAGE_CACHE_MS', parse: Number },
  { key: 'pageSize', env: 'VERDICT_PAGE_SIZE', parse: Number },
  { key: 'maxAnalyzeBytes', env: 'VERDICT_MAX_ANALYZE_BYTES', parse: Number },
  { key: 'maxWriteBytes', env: 'VERDICT_MAX_WRITE_BYTES', parse: Number },
  { key: 'analyzeRate', env: 'VERDICT_ANALYZE_RATE', parse: (v) => ({ limit: Number(v), windowMs: 60_000 }) },
  { key: 'writeRate', env: 'VERDICT_WRITE_RATE', parse: (v) => ({ limit: Number(v), windowMs: 60_000 }) },
  { key: 'certified', env: 'VERDICT_CERTIFIED', parse: parseCertified },
  { key: 'trustProxy', env: 'VERDICT_TRUST_PROXY', parse: (v) => ['1', 'true', 'yes'].includes(v.toLowerCase()) },
];

function check(config: Partial<ServerConfig>, where: string): Partial<ServerConfig> {
  for (const k of ['pageCacheMs', 'pageSize', 'maxAnalyzeBytes', 'maxWriteBytes'] as const) {
    const v = config[k];
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) throw new CliError(`${where}: ${k} must be a number ≥ 0, not ${JSON.stringify(v)}`, Exit.USAGE);
  }
  for (const k of ['analyzeRate', 'writeRate'] as const) {
    const v = config[k];
    if (v !== undefined && (!Number.isFinite(v.limit) || v.limit < 1 || !Number.isFinite(v.windowMs) || v.windowMs < 1)) throw new CliError(`${where}: ${k} needs { limit ≥ 1, windowMs ≥ 1 }`, Exit.USAGE);
  }
  if (config.certified !== undefined) {
    // The file may give some thresholds only; the others keep their defaults.
    const r = { ...DEFAULT_CERTIFIED, ...config.certified };
    const whole = (n: number) => Number.isInteger(n) && n >= 0;
    if (!(Number.isFinite(r.minShare) && r.minShare >= 0 && r.minShare <= 1 && whole(r.minReviews) && whole(r.minTopCritics))) throw new CliError(`${where}: certified needs { minShare 0–1, minReviews ≥ 0, minTopCritics ≥ 0 } (as a flag or VERDICT_CERTIFIED: "0.75,40,5"), not ${JSON.stringify(config.certified)}`, Exit.USAGE);
    config.certified = r;
  }
  return config;
}

/** The configuration: file (JSON object of ServerConfig keys, plus `poolSize`), then environment, then `flags`. */
export function serverConfig(file: string | undefined, flags: Partial<ServerConfig>): { config: Partial<ServerConfig>; poolSize?: number } {
  let fromFile: Partial<ServerConfig> & { poolSize?: number } = {};
  const path = file ?? process.env.VERDICT_CONFIG;
  if (path) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new CliError(`cannot read the config file ${path} (check --config / VERDICT_CONFIG)`, Exit.NO_INPUT);
    }
    try {
      fromFile = JSON.parse(text) as typeof fromFile;
    } catch (e) {
      throw new CliError(`${path} is not JSON: ${(e as Error).message}`, Exit.USAGE);
    }
    const known = new Set<string>([...KEYS.map((k) => k.key), 'poolSize']);
    const unknown = Object.keys(fromFile).filter((k) => !known.has(k));
    if (unknown.length) throw new CliError(`${path}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (known: ${[...known].join(', ')})`, Exit.USAGE);
  }
  const { poolSize: filePool, ...fileConfig } = fromFile;
  const fromEnv: Record<string, unknown> = {};
  for (const k of KEYS) {
    const v = process.env[k.env];
    if (v !== undefined && v !== '') fromEnv[k.key] = k.parse(v);
  }
  const config = check({ ...fileConfig, ...(fromEnv as Partial<ServerConfig>), ...flags }, path ?? 'configuration');
  const envPool = process.env.VERDICT_POOL_SIZE ? Number(process.env.VERDICT_POOL_SIZE) : undefined;
  const poolSize = envPool ?? filePool;
  if (poolSize !== undefined && (!Number.isInteger(poolSize) || poolSize < 1)) throw new CliError(`poolSize must be a whole number ≥ 1, not ${poolSize}`, Exit.USAGE);
  return poolSize === undefined ? { config } : { config, poolSize };
}
