// Bundles the server and the create-admin CLI into dist/. Packages from node_modules stay
// external (installed next to the bundle), except @siyu/shared, which is TypeScript source.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/server.ts', 'src/create-admin.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  plugins: [
    {
      name: 'bundle-siyu-shared',
      setup(b) {
        b.onResolve({ filter: /^@siyu\/shared$/ }, async (args) => {
          const resolved = await b.resolve('../../packages/shared/src/index.ts', {
            kind: args.kind,
            resolveDir: import.meta.dirname,
          });
          return { path: resolved.path };
        });
      },
    },
  ],
  banner: {
    js: "import { createRequire as __siyuCreateRequire } from 'node:module'; const require = __siyuCreateRequire(import.meta.url);",
  },
  logLevel: 'info',
});
