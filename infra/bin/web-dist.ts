import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Makes sure the built web app exists before it is deployed. When the folder
 * or its index.html is missing, runs `npm run build:web` once (output to
 * stderr, so it never mixes with synth output) and fails clearly if that does
 * not produce it.
 */
export function ensureWebDist(projectRoot: string, webDist: string): string {
  const index = path.join(webDist, 'index.html');
  if (existsSync(index)) return webDist;

  console.error(`[infra] ${path.relative(projectRoot, index) || index} not found: running "npm run build:web" first...`);
  const result = spawnSync('npm', ['run', 'build:web'], {
    cwd: projectRoot,
    stdio: ['ignore', process.stderr, process.stderr],
    shell: process.platform === 'win32',
  });
  if (result.status !== 0 || !existsSync(index)) {
    throw new Error(
      `The web app is not built and "npm run build:web" did not build it (exit ${result.status ?? result.signal}). ` +
        `Fix the web build, or pass -c webDist=<folder with index.html>.`,
    );
  }
  return webDist;
}
