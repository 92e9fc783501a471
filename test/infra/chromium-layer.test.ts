import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envSchema } from '../../functions/config/env.js';
import { PROJECT_ROOT } from '../../infra/bin/create-app.js';
import { lambdas } from '../../infra/catalogue.js';
import { copyLayerPackages, packageClosure, type ChromiumLayer } from '../../infra/constructs/chromium-layer.js';
import type { PlatformStack } from '../../infra/stacks/platform-stack.js';
import { synthesise, SYNTH_TIMEOUT_MS } from './synth.js';

type Resource = { Type: string; Properties: Record<string, unknown> };

let template: Template;
let stack: PlatformStack;

beforeAll(() => {
  ({ template, stack } = synthesise());
}, SYNTH_TIMEOUT_MS);

function functionResource(id: string): Resource {
  const fn = stack.functions[id]!.function;
  const logical = stack.getLogicalId(fn.node.defaultChild as never);
  return (template.findResources('AWS::Lambda::Function') as Record<string, Resource>)[logical]!;
}

function layerLogicalId(): string {
  const layer = (stack.node.findChild('ChromiumLayer') as ChromiumLayer).layer;
  return stack.getLogicalId(layer.node.defaultChild as never);
}

const printers = lambdas.filter((l) => l.printsPdf).map((l) => l.id);

describe('the Chromium layer for PDF printing', () => {
  it('is one layer of Node.js 24 packages for x86_64 (the npm package’s Chromium is x86_64 only)', () => {
    expect(printers).toEqual(['api-report']);
    const layer = (template.findResources('AWS::Lambda::LayerVersion') as Record<string, Resource>)[layerLogicalId()]!;
    expect(layer.Properties.CompatibleArchitectures).toEqual(['x86_64']);
    expect(layer.Properties.CompatibleRuntimes).toEqual(['nodejs24.x']);
  });

  it('is attached to the report Lambda, which runs on x86_64 with PDF_CHROMIUM_LAYER, at least 2048 MB, 60 s and 1 GiB of /tmp', () => {
    const props = functionResource('api-report').Properties;
    expect(props.Layers).toEqual([{ Ref: layerLogicalId() }]);
    expect(props.Architectures).toEqual(['x86_64']);
    expect(props.MemorySize as number).toBeGreaterThanOrEqual(2048);
    expect(props.Timeout as number).toBeGreaterThanOrEqual(60);
    expect(props.EphemeralStorage).toEqual({ Size: 1024 });
    const variables = (props.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.PDF_CHROMIUM_LAYER).toBe('true');
    expect(variables.CHROMIUM_PATH).toBeUndefined();
    // The variable is one the functions' environment schema accepts.
    expect(envSchema.shape.PDF_CHROMIUM_LAYER.safeParse(variables.PDF_CHROMIUM_LAYER).success).toBe(true);
  });

  it('is on no other Lambda, and none other gets the flag or leaves ARM64', () => {
    const others = Object.keys(stack.functions).filter((id) => id !== 'api-report');
    expect(others.length).toBeGreaterThan(10);
    for (const id of others) {
      const props = functionResource(id).Properties;
      expect(props.Layers, id).toBeUndefined();
      expect(props.Architectures, id).toEqual(['arm64']);
      const variables = (props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      expect(variables.PDF_CHROMIUM_LAYER, id).toBeUndefined();
    }
    // No function outside the catalogue's (audit archive, custom resources) has it either.
    const layer = { Ref: layerLogicalId() };
    const withIt = Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Resource>).filter((r) =>
      ((r.Properties.Layers as unknown[] | undefined) ?? []).some((l) => JSON.stringify(l) === JSON.stringify(layer)),
    );
    expect(withIt).toEqual([functionResource('api-report')]);
  });
});

describe('what the layer holds', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'scr-chromium-layer-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('@sparticuz/chromium with its compressed Chromium, playwright-core, and every package they need, under nodejs/node_modules', () => {
    const closure = packageClosure(PROJECT_ROOT, ['@sparticuz/chromium', 'playwright-core']);
    expect(closure).toEqual(expect.arrayContaining(['node_modules/@sparticuz/chromium', 'node_modules/playwright-core', 'node_modules/tar-fs', 'node_modules/streamx']));
    const copied = copyLayerPackages(PROJECT_ROOT, out);
    expect(copied).toEqual(closure);
    for (const rel of closure) expect(existsSync(path.join(out, 'nodejs', rel, 'package.json')), rel).toBe(true);
    for (const file of ['chromium.br', 'fonts.tar.br', 'swiftshader.tar.br', 'al2023.tar.br']) {
      expect(existsSync(path.join(out, 'nodejs/node_modules/@sparticuz/chromium/bin', file)), file).toBe(true);
    }
  });

  it('a package that is not installed fails the synth, not the Lambda', () => {
    expect(() => packageClosure(PROJECT_ROOT, ['no-such-package-for-the-layer'])).toThrow(/not installed/);
  });
});
