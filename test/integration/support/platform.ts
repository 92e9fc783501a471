import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LambdaSpec, StateMachineSpec } from '../../../infra/catalogue.js';
import { startLocalPlatform, type LocalPlatform, type LocalPlatformOptions } from '../../../infra/local/platform.js';

/** Test-only Lambdas, served by the fakes in this folder. */
export const testLambdas: LambdaSpec[] = [
  {
    id: 'test-echo',
    entry: 'test/integration/support/echo-handler.ts',
    description: 'Answers with the API Gateway event it got',
    routes: [
      { method: 'GET', path: '/api/test/echo/{id}', auth: 'public' },
      { method: 'POST', path: '/api/test/echo/{id}', auth: 'public' },
      { method: 'GET', path: '/api/test/files/{path+}', auth: 'public' },
      { method: 'GET', path: '/api/test/inferred', auth: 'public' },
      { method: 'GET', path: '/api/test/binary', auth: 'public' },
      { method: 'GET', path: '/api/test/cookies', auth: 'public' },
      { method: 'POST', path: '/api/test/throw', auth: 'public' },
    ],
    tableAccess: 'read',
    timeoutSeconds: 5,
  },
  {
    id: 'test-task',
    entry: 'test/integration/support/task-handler.ts',
    description: 'Workflow task that records its calls',
    aslPlaceholder: 'TestTaskArn',
    tableAccess: 'read',
  },
  {
    id: 'test-stream',
    entry: 'test/integration/support/stream-handler.ts',
    description: 'Stream consumer that records its batches',
    tableStream: true,
    tableAccess: 'read',
  },
];

export const testStateMachines: StateMachineSpec[] = [
  { id: 'test', file: 'test/integration/support/test-machine.asl.json', arnEnv: 'TEST_STATE_MACHINE_ARN' },
];

/** A temp folder holding a data dir and a tiny built web app. */
export async function makeWorkspace(): Promise<{ root: string; dataDir: string; webDist: string; remove(): Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'scr-local-'));
  const webDist = path.join(root, 'web-dist');
  await mkdir(path.join(webDist, 'assets'), { recursive: true });
  await writeFile(path.join(webDist, 'index.html'), '<!doctype html><title>app shell</title>');
  await writeFile(path.join(webDist, 'assets', 'app-abc123.js'), 'console.log("app")');
  return { root, dataDir: path.join(root, 'data'), webDist, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Starts a platform on free ports with the test Lambdas and state machine. */
export function startTestPlatform(overrides: Partial<LocalPlatformOptions> & { dataDir: string }): Promise<LocalPlatform> {
  return startLocalPlatform({
    port: 0,
    dynamoPort: 0,
    sesPort: 0,
    sfnPort: 0,
    quiet: true,
    lambdas: testLambdas,
    stateMachines: testStateMachines,
    waitPollMs: 20,
    streamPollMs: 50,
    ...overrides,
  });
}
