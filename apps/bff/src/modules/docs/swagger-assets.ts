/** Swagger UI's files, served from the installed swagger-ui-dist package (no CDN, works offline). */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const files = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
} as const;

export type SwaggerAsset = keyof typeof files;

export const isSwaggerAsset = (name: string): name is SwaggerAsset => Object.hasOwn(files, name);

export const contentTypeOf = (name: SwaggerAsset) => files[name];

let folder: string | undefined;
const cache = new Map<SwaggerAsset, Buffer>();

export async function readSwaggerAsset(name: SwaggerAsset): Promise<Buffer> {
  folder ??= dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  let content = cache.get(name);
  if (!content) {
    content = await readFile(join(folder, name));
    cache.set(name, content);
  }
  return content;
}

/** The page and its start script (a file, not inline, so a strict CSP can apply). */
export const docsPage = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Siyu Back Office API</title>
  <link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png">
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>
`;

export const docsInitScript = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
`;
