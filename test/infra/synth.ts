import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { createApp, PROJECT_ROOT, type CreatedApp } from '../../infra/bin/create-app.js';

/** Feature flags exactly as `cdk synth` sees them. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/** A throwaway built web app, so tests neither need nor trigger `npm run build:web`. */
export function fakeWebDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'scr-web-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>SCR</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(path.join(dir, 'assets/app.js'), 'export {};');
  return dir;
}

/**
 * Timeout for a test that synthesises the whole app (three stacks, both nag
 * packs): seconds alone, but far longer on a shared 2-core machine running
 * other suites.
 */
export const SYNTH_TIMEOUT_MS = 180_000;

export interface Synthesised extends CreatedApp {
  template: Template;
}

/**
 * The app as `cdk synth` builds it (same flags, cdk-nag registered) but
 * without bundling the Lambdas, which `npx cdk synth` covers and which would
 * make every test file slow. Synthesis throws on any unacknowledged finding.
 */
export function synthesise(context: Record<string, unknown> = {}): Synthesised {
  const created = createApp({
    outdir: mkdtempSync(path.join(tmpdir(), 'scr-cdk-out-')),
    context: {
      ...cdkJsonContext(),
      'aws:cdk:bundling-stacks': [],
      sesIdentityVerified: 'true',
      webDist: fakeWebDist(),
      ...context,
    },
  });
  const template = Template.fromStack(created.stack);
  return { ...created, template };
}
