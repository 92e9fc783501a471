import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda is bundled: the CDK stack's NodejsFunction settings and
 * the bench's size report use these same values. The AWS SDK v3 is provided
 * by the Node.js Lambda runtime, so it stays external.
 */
export const LAMBDA_BUNDLING = {
  target: 'node24',
  format: 'esm',
  minify: true,
  sourcemap: true,
  mainFields: ['module', 'main'],
  // playwright-core and @sparticuz/chromium print the report's PDFs; in AWS they come from the report Lambda's layer (infra/constructs/chromium-layer.ts), never the bundle.
  externalModules: ['@aws-sdk/*', 'playwright-core', '@sparticuz/chromium'],
  // ESM bundles still meet CommonJS dependencies that call require().
  banner: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);",
} as const;

/** The same settings as esbuild options, for tools that call esbuild directly. */
export function bundlingOptions(): BuildOptions {
  return {
    platform: 'node',
    target: LAMBDA_BUNDLING.target,
    format: LAMBDA_BUNDLING.format,
    minify: LAMBDA_BUNDLING.minify,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    external: [...LAMBDA_BUNDLING.externalModules],
    banner: { js: LAMBDA_BUNDLING.banner },
  };
}
