import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { PutBucketCorsCommand } from '@aws-sdk/client-s3';
import { filesS3Client } from '../../functions/adapters/aws/s3-file-store.js';
import { LOCAL_REGION } from './arns.js';
import { LOCAL_HOST } from './net.js';

/** The bucket of attached files, locally (FILES_BUCKET). */
export const LOCAL_FILES_BUCKET = 'scr-local-case-files';

/** What the local runtime uses of s3rver (it ships no types). */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  vhostBuckets: boolean;
  allowMismatchedSignatures: boolean;
  configureBuckets: { name: string; configs: string[] }[];
}) => S3rverInstance;

const nodeRequire = createRequire(import.meta.url);

/** The bucket's CORS rule (as the CDK bucket's): the web app may PUT a presigned upload with its Content-Type, and GET. */
export const filesCorsRule = (appOrigins: string[]) => ({
  AllowedOrigins: appOrigins,
  AllowedMethods: ['PUT', 'GET', 'HEAD'],
  AllowedHeaders: ['Content-Type'],
  ExposeHeaders: ['ETag'],
  MaxAgeSeconds: 300,
});

export interface S3Local {
  /** The S3 API endpoint (S3_ENDPOINT), path-style. */
  endpoint: string;
  port: number;
  bucket: string;
  /** Sets the bucket's CORS rule for the web app's origin(s), through the S3 API. */
  allowOrigins(appOrigins: string[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts s3rver (the S3 REST API, driven by the real AWS SDK client and
 * presigned URLs) on loopback with the files bucket; `port` 0 picks a free
 * one. Objects are kept under `directory`. s3rver checks a presigned URL's
 * access key and expiry but not its SigV4 signature, so locally a PUT with
 * another Content-Type or length than was signed gets in (real S3 refuses
 * it); the confirm step, which refuses and deletes it, is the guard in both.
 */
export async function startS3Local(opts: { port: number; directory: string }): Promise<S3Local> {
  await mkdir(opts.directory, { recursive: true });
  const S3rver = nodeRequire('s3rver') as S3rverClass;
  const server = new S3rver({
    address: LOCAL_HOST,
    port: opts.port,
    directory: opts.directory,
    silent: true,
    vhostBuckets: false,
    allowMismatchedSignatures: false,
    configureBuckets: [{ name: LOCAL_FILES_BUCKET, configs: [] }],
  });
  const address = await server.run();
  const endpoint = `http://${LOCAL_HOST}:${address.port}`;
  const client = filesS3Client(LOCAL_REGION, endpoint);
  return {
    endpoint,
    port: address.port,
    bucket: LOCAL_FILES_BUCKET,
    allowOrigins: async (appOrigins) => {
      await client.send(new PutBucketCorsCommand({ Bucket: LOCAL_FILES_BUCKET, CORSConfiguration: { CORSRules: [filesCorsRule(appOrigins)] } }));
    },
    stop: async () => {
      client.destroy();
      await server.close();
    },
  };
}
