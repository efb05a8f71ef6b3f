import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The entry holds react, react-admin's core and the layout; every resource and the dashboard
 * are `React.lazy` imports and so land in their own chunks (see src/resources/<name>/index.ts).
 * Only libraries every screen needs are grouped, so nothing used by one lazy screen alone is
 * pulled into the first load.
 */
/** Where /api goes in dev and preview: the BFF on :8080 unless SIYU_API_URL says otherwise. */
const apiTarget = process.env.SIYU_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ }],
        },
      },
    },
  },
});
