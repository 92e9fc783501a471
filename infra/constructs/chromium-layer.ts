import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/**
 * What the report Lambda prints its PDFs with in AWS: `@sparticuz/chromium`
 * (a Chromium for Lambda, brotli-compressed inside its npm package: x86_64
 * only) and `playwright-core`, which drives it. Both stay out of the
 * function's bundle (esbuild would move the package away from its `bin`).
 */
export const CHROMIUM_LAYER_PACKAGES = ['@sparticuz/chromium', 'playwright-core'] as const;

/** The CPU the npm package's Chromium is built for: the function that uses the layer must match. */
export const CHROMIUM_LAYER_ARCHITECTURE = lambda.Architecture.X86_64;

interface PackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Node's lookup of a package from a package folder: its own node_modules, then each parent's. */
function resolvePackage(projectRoot: string, fromDir: string, name: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.resolve(dir) === path.resolve(projectRoot)) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Every installed package folder the given packages need at run time (their
 * dependencies and installed optional dependencies, transitively), relative
 * to the project root, e.g. `node_modules/tar-fs`. A missing required
 * dependency is an error: the layer would fail only in AWS.
 */
export function packageClosure(projectRoot: string, names: readonly string[]): string[] {
  const found = new Set<string>();
  const visit = (fromDir: string, name: string, optional: boolean): void => {
    const dir = resolvePackage(projectRoot, fromDir, name);
    if (!dir) {
      if (optional) return;
      throw new Error(`${name} is not installed (needed from ${path.relative(projectRoot, fromDir) || 'the project'}): run npm ci`);
    }
    const rel = path.relative(projectRoot, dir);
    if (found.has(rel)) return;
    found.add(rel);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dir, dep, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dir, dep, true);
  };
  for (const name of names) visit(projectRoot, name, false);
  return [...found].sort();
}

/**
 * Lays the layer out in `outputDir` as Lambda expects for Node.js:
 * `nodejs/node_modules/<package>` (nested folders kept), copied from this
 * machine's node_modules. No Docker, no network.
 */
export function copyLayerPackages(projectRoot: string, outputDir: string, names: readonly string[] = CHROMIUM_LAYER_PACKAGES): string[] {
  const dirs = packageClosure(projectRoot, names);
  for (const rel of dirs) {
    cpSync(path.join(projectRoot, rel), path.join(outputDir, 'nodejs', rel), {
      recursive: true,
      dereference: true,
      // Nested packages are copied on their own, from the closure.
      filter: (src) => path.relative(path.join(projectRoot, rel), src).split(path.sep)[0] !== 'node_modules',
    });
  }
  return dirs;
}

/**
 * A Lambda layer with `@sparticuz/chromium` and `playwright-core`, built at
 * synth by copying them (and what they need) from node_modules: local
 * bundling only, so `cdk synth` needs neither Docker nor the network.
 */
export class ChromiumLayer extends Construct {
  readonly layer: lambda.LayerVersion;

  constructor(scope: Construct, id: string, props: { projectRoot: string }) {
    super(scope, id);
    const projectRoot = props.projectRoot;
    this.layer = new lambda.LayerVersion(this, 'Layer', {
      description: `Chromium for PDF printing: ${CHROMIUM_LAYER_PACKAGES.join(', ')} (x86_64)`,
      compatibleRuntimes: [lambda.Runtime.NODEJS_24_X],
      compatibleArchitectures: [CHROMIUM_LAYER_ARCHITECTURE],
      code: lambda.Code.fromAsset(path.join(projectRoot, 'node_modules', '@sparticuz', 'chromium'), {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never pulled: local bundling always succeeds or throws.
          image: DockerImage.fromRegistry('scratch'),
          local: {
            tryBundle(outputDir: string): boolean {
              copyLayerPackages(projectRoot, outputDir);
              return true;
            },
          },
        },
      }),
    });
  }
}
