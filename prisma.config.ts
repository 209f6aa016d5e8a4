// Prisma 6.19 CLI configuration: the JS engine with a driver adapter, so no native engine is
// downloaded. Only `prisma generate` and `prisma migrate diff` are used from the CLI; migrations
// are applied by the application (see prisma/migrate.ts and the README).
import path from 'node:path';
import type { PrismaConfig } from 'prisma';
import { PrismaPg } from '@prisma/adapter-pg';

export default {
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
} satisfies PrismaConfig;
