/**
 * Environment → typed configuration, read in one place. Everything else receives a Config.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_MIN_RETENTION_DAYS } from '@siyu/shared';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const minutes = (n: number) => n * 60_000;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DEMO_SEED: flag.optional(),
  STATIC_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['info', 'silent', 'debug']).default('info'),
  ADMIN_USERNAME: z.string().trim().min(1).optional(),
  ADMIN_PASSWORD: z.string().min(1).optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  TRUST_PROXY: flag.default(false),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(AUDIT_MIN_RETENTION_DAYS).max(3650).default(365),
  DEMO_CATALOG_PRODUCTS: z.coerce.number().int().min(0).max(100_000).default(300),
  DEMO_ORDERS: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  DEMO_MEMBERS: z.coerce.number().int().min(1).max(100_000).default(800),
  GATEWAY_SIM_NOTIFY_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(1500),
  GATEWAY_SIM_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0.05),
  GATEWAY_SIM_DUPLICATE_RATE: z.coerce.number().min(0).max(1).default(0.1),
});

export type LogLevel = 'info' | 'silent' | 'debug';

export type Config = {
  port: number;
  host: string;
  /** Unset → embedded PGlite. */
  databaseUrl: string | undefined;
  /** PGlite data folder, or 'memory://' for an in-memory database. */
  pgliteDataDir: string;
  demoSeed: boolean;
  staticDir: string;
  logLevel: LogLevel;
  bootstrapAdmin: { username: string; password: string } | undefined;
  session: { idleMs: number; absoluteMs: number; touchEveryMs: number; cookieName: string };
  loginLimits: {
    windowMs: number;
    maxFailuresPerAccount: number;
    lockMs: number;
    maxFailuresPerIp: number;
  };
  trustProxy: boolean;
  /** argon2id cost; production values follow OWASP (19 MiB, t=2, p=1). */
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
  auditRetentionDays: number;
  bodyLimitBytes: number;
  /** Uploaded files: `$DATA_DIR/uploads`, or 'memory://' with an in-memory database. */
  uploadsDir: string;
  /** How many products the demo catalog seeds (0: none; the bench sets 10,000). */
  demoCatalogProducts: number;
  /** The demo order history over the last 180 days (0: none; the bench seeds 1,000,000). */
  demoOrders: number;
  demoMembers: number;
  /**
   * The payment gateway simulator the app uses when no gateway is given: how long before it
   * notifies a refund's outcome, the share that end ABNORMAL (transient refusals run at the same
   * rate), the share of notifications it sends twice.
   */
  gatewaySimulator: { notifyDelayMs: number; failureRate: number; duplicateRate: number };
};

/** The built SPA, found relative to this file both from src/ (tsx) and from dist/ (bundle). */
function defaultStaticDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '../../admin/dist');
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const embedded = e.DATABASE_URL === undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    pgliteDataDir: e.DATA_DIR === 'memory://' ? 'memory://' : resolve(process.cwd(), e.DATA_DIR, 'pglite'),
    demoSeed: e.DEMO_SEED ?? embedded,
    staticDir: e.STATIC_DIR ? resolve(process.cwd(), e.STATIC_DIR) : defaultStaticDir(),
    logLevel: e.LOG_LEVEL,
    bootstrapAdmin:
      e.ADMIN_USERNAME && e.ADMIN_PASSWORD
        ? { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD }
        : undefined,
    session: {
      idleMs: minutes(e.SESSION_IDLE_MINUTES),
      absoluteMs: e.SESSION_ABSOLUTE_HOURS * minutes(60),
      touchEveryMs: minutes(1),
      cookieName: 'siyu_session',
    },
    loginLimits: {
      windowMs: minutes(15),
      maxFailuresPerAccount: 5,
      lockMs: minutes(15),
      maxFailuresPerIp: 20,
    },
    trustProxy: e.TRUST_PROXY,
    argon2: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    bodyLimitBytes: 1024 * 1024,
    uploadsDir: e.DATA_DIR === 'memory://' ? 'memory://' : resolve(process.cwd(), e.DATA_DIR, 'uploads'),
    demoCatalogProducts: e.DEMO_CATALOG_PRODUCTS,
    demoOrders: e.DEMO_ORDERS,
    demoMembers: e.DEMO_MEMBERS,
    gatewaySimulator: {
      notifyDelayMs: e.GATEWAY_SIM_NOTIFY_DELAY_MS,
      failureRate: e.GATEWAY_SIM_FAILURE_RATE,
      duplicateRate: e.GATEWAY_SIM_DUPLICATE_RATE,
    },
  };
}
