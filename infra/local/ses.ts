import { createRequire } from 'node:module';
import path from 'node:path';
import type { Server } from 'node:http';
import { closeServer, LOCAL_HOST } from './net.js';

type SesServerFactory = (config?: Partial<{ host: string; port: number }>) => Promise<Server>;

const nodeRequire = createRequire(import.meta.url);

/**
 * Loads a private copy of aws-ses-v2-local. The library keeps its captured
 * emails in a module-level store, so two platforms in one process (two
 * tests) would otherwise read each other's mail. Dropping its own files from
 * the CommonJS cache before requiring gives each platform its own store;
 * its dependencies (express, mailparser) stay shared.
 */
function loadIsolatedSesServer(): SesServerFactory {
  const entry = nodeRequire.resolve('aws-ses-v2-local');
  const distDir = path.dirname(entry) + path.sep;
  for (const key of Object.keys(nodeRequire.cache)) {
    if (key.startsWith(distDir)) delete nodeRequire.cache[key];
  }
  const mod = nodeRequire(entry) as { default: SesServerFactory };
  return mod.default;
}

export interface SesLocal {
  /** The SES v2 API endpoint (also serves the mailbox viewer at `/`). */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts the SES emulator on loopback; `port` 0 picks a free one. */
export async function startSesLocal(port: number): Promise<SesLocal> {
  const server = await loadIsolatedSesServer()({ host: LOCAL_HOST, port });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    endpoint: `http://${LOCAL_HOST}:${bound}`,
    port: bound,
    stop: () => closeServer(server),
  };
}
