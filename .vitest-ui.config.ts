import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { include: ['test/ui-*.test.tsx', 'src/**/*.test.ts'], testTimeout: 20_000, pool: 'forks' } });
