import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
  type AttributeValue,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue as LambdaAttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { LOCAL_REGION } from './arns.js';
import { localCredentials } from './dynamodb.js';
import type { LambdaInvoker } from './lambda-runtime.js';
import { describeError, type LocalLog } from './log.js';

/**
 * The table's stream feeding a Lambda, as an event source mapping does in
 * AWS: batches per shard in order, a failed batch retried (with backoff)
 * until it succeeds, `batchItemFailures` honoured, children of a shard only
 * after the parent is drained. The last processed sequence number of each
 * shard is kept in `<dataDir>/streams/<function>.json`, so a restart
 * neither replays what was processed nor skips what was not.
 */
export interface TableStreamPollerOptions {
  lambdaId: string;
  tableName: string;
  dynamo: DynamoDBClient;
  dynamoEndpoint: string;
  dataDir: string;
  invoker: LambdaInvoker;
  log: LocalLog;
  /** Pause between polls (ms). Default 250. */
  pollMs?: number;
  /** Records per invocation, as the mapping's BatchSize. Default 100. */
  batchSize?: number;
  /**
   * Called when the stream no longer holds records this poller had not
   * delivered (trimmed, or the shard is gone). The stream is the outbox: the
   * platform reconciles what those records would have started.
   */
  onRecordsLost?: (why: string) => void;
}

interface ShardCheckpoint {
  /** Sequence number of the last record handed to the function successfully. */
  lastSequenceNumber?: string;
  /** The shard is closed and every record in it was processed. */
  finished?: boolean;
}

interface CheckpointFile {
  streamArn: string;
  shards: Record<string, ShardCheckpoint>;
}

interface ShardState {
  iterator?: string;
  /** A batch that failed and must be delivered again before anything newer. */
  pending?: { records: StreamRecord[]; nextIterator: string | undefined };
  attempts: number;
  retryAt: number;
}

const DISCOVERY_INTERVAL_MS = 2000;
const MAX_BACKOFF_MS = 30_000;

export class TableStreamPoller {
  readonly #opts: TableStreamPollerOptions;
  readonly #streams: DynamoDBStreamsClient;
  readonly #file: string;
  #checkpoints: CheckpointFile | undefined;
  #shards: Shard[] = [];
  readonly #state = new Map<string, ShardState>();
  #lastDiscovery = 0;
  #stopped = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #failures = 0;

  constructor(opts: TableStreamPollerOptions) {
    this.#opts = opts;
    this.#streams = new DynamoDBStreamsClient({ endpoint: opts.dynamoEndpoint, region: LOCAL_REGION, credentials: localCredentials });
    this.#file = path.join(opts.dataDir, 'streams', `${opts.lambdaId}.json`);
  }

  /** Starts polling in the background. */
  start(): void {
    this.#loop ??= this.#run();
  }

  /** Stops after the batch in hand (if any) and saves the checkpoints. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
    this.#streams.destroy();
  }

  async #run(): Promise<void> {
    await this.#loadCheckpoints();
    while (!this.#stopped) {
      let delay = this.#opts.pollMs ?? 250;
      try {
        await this.#tick();
        this.#failures = 0;
      } catch (error) {
        // The stream itself failing (not the function): back off and try again.
        this.#failures++;
        delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.#failures, 6));
        if (!this.#stopped) this.#opts.log.warn(`Stream poller for ${this.#opts.lambdaId}: ${describeError(error)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async #tick(): Promise<void> {
    const checkpoints = await this.#ensureStream();
    if (!checkpoints) return;
    if (Date.now() - this.#lastDiscovery > DISCOVERY_INTERVAL_MS) await this.#discoverShards(checkpoints.streamArn);
    for (const shard of this.#shards) {
      if (this.#stopped) return;
      const id = shard.ShardId as string;
      const checkpoint = (checkpoints.shards[id] ??= {});
      if (checkpoint.finished) continue;
      // Order across a split: a child only after its parent is drained.
      const parent = shard.ParentShardId;
      if (parent && this.#shards.some((s) => s.ShardId === parent) && !checkpoints.shards[parent]?.finished) continue;
      await this.#pollShard(checkpoints, id, checkpoint);
    }
  }

  async #ensureStream(): Promise<CheckpointFile | undefined> {
    if (this.#checkpoints?.streamArn && this.#shards.length) return this.#checkpoints;
    const { Table } = await this.#opts.dynamo.send(new DescribeTableCommand({ TableName: this.#opts.tableName }));
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) return undefined;
    if (this.#checkpoints?.streamArn !== streamArn) {
      // A new stream (the table was created again): old positions mean nothing.
      this.#checkpoints = { streamArn, shards: {} };
      this.#state.clear();
      this.#lastDiscovery = 0;
    }
    return this.#checkpoints;
  }

  async #discoverShards(streamArn: string): Promise<void> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.#streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    this.#shards = shards;
    this.#lastDiscovery = Date.now();
  }

  async #pollShard(checkpoints: CheckpointFile, shardId: string, checkpoint: ShardCheckpoint): Promise<void> {
    let state = this.#state.get(shardId);
    if (!state) {
      state = { attempts: 0, retryAt: 0 };
      this.#state.set(shardId, state);
    }
    if (state.pending) {
      if (Date.now() < state.retryAt) return;
      await this.#deliver(checkpoints, shardId, checkpoint, state, state.pending.records, state.pending.nextIterator);
      return;
    }
    if (!state.iterator) state.iterator = await this.#iteratorFor(checkpoints.streamArn, shardId, checkpoint);
    let result;
    try {
      result = await this.#streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: this.#opts.batchSize ?? 100 }));
    } catch (error) {
      if (error instanceof ExpiredIteratorException) {
        state.iterator = undefined;
        return;
      }
      if (error instanceof TrimmedDataAccessException || error instanceof ResourceNotFoundException) {
        // Loud: records this poller had not delivered are gone. It resumes from the oldest
        // record still available (TRIM_HORIZON) and the platform reconciles what was lost.
        this.#opts.log.error(
          `Stream poller for ${this.#opts.lambdaId}: shard ${shardId} lost records it had not delivered (${describeError(error)}); resuming from the oldest available record and reconciling`,
        );
        delete checkpoint.lastSequenceNumber;
        state.iterator = undefined;
        if (error instanceof ResourceNotFoundException) this.#shards = [];
        this.#opts.onRecordsLost?.(error.name);
        return;
      }
      throw error;
    }
    const records = result.Records ?? [];
    if (records.length === 0) {
      this.#advance(checkpoints, shardId, checkpoint, state, result.NextShardIterator);
      return;
    }
    await this.#deliver(checkpoints, shardId, checkpoint, state, records, result.NextShardIterator);
  }

  async #iteratorFor(streamArn: string, shardId: string, checkpoint: ShardCheckpoint): Promise<string | undefined> {
    const { ShardIterator } = await this.#streams.send(
      new GetShardIteratorCommand(
        checkpoint.lastSequenceNumber
          ? { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: checkpoint.lastSequenceNumber }
          : { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' },
      ),
    );
    return ShardIterator;
  }

  #advance(checkpoints: CheckpointFile, shardId: string, checkpoint: ShardCheckpoint, state: ShardState, next: string | undefined): void {
    state.iterator = next;
    if (!next) {
      // No next iterator: the shard is closed and drained.
      checkpoint.finished = true;
      this.#lastDiscovery = 0;
      void this.#saveCheckpoints(checkpoints);
    }
  }

  async #deliver(
    checkpoints: CheckpointFile,
    shardId: string,
    checkpoint: ShardCheckpoint,
    state: ShardState,
    records: StreamRecord[],
    nextIterator: string | undefined,
  ): Promise<void> {
    const event: DynamoDBStreamEvent = { Records: records.map((r) => toLambdaRecord(r, checkpoints.streamArn)) };
    let failedFrom = -1;
    let failure: unknown;
    try {
      const result = await this.#opts.invoker.invoke(this.#opts.lambdaId, event);
      failedFrom = firstFailedIndex(result, records);
    } catch (error) {
      failedFrom = 0;
      failure = error;
    }
    const done = failedFrom === -1 ? records : records.slice(0, failedFrom);
    const last = done.at(-1)?.dynamodb?.SequenceNumber;
    if (last) {
      checkpoint.lastSequenceNumber = last;
      await this.#saveCheckpoints(checkpoints);
    }
    if (failedFrom === -1) {
      state.pending = undefined;
      state.attempts = 0;
      this.#advance(checkpoints, shardId, checkpoint, state, nextIterator);
      return;
    }
    state.attempts++;
    const backoff = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(state.attempts, 7));
    state.pending = { records: records.slice(failedFrom), nextIterator };
    state.retryAt = Date.now() + backoff;
    // Counts and error names only: the records are case data.
    const reason = failure === undefined ? 'reported batch item failures' : `failed: ${truncate(describeError(failure))}`;
    this.#opts.log.warn(
      `${this.#opts.lambdaId} ${reason} (${records.length - failedFrom} of ${records.length} record(s), attempt ${state.attempts}); retrying in ${Math.round(backoff / 100) / 10} s`,
    );
  }

  async #loadCheckpoints(): Promise<void> {
    try {
      this.#checkpoints = JSON.parse(await readFile(this.#file, 'utf8')) as CheckpointFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  async #saveCheckpoints(checkpoints: CheckpointFile): Promise<void> {
    await mkdir(path.dirname(this.#file), { recursive: true });
    const temp = `${this.#file}.tmp`;
    await writeFile(temp, JSON.stringify(checkpoints, null, 2));
    await rename(temp, this.#file);
  }
}

/** Index of the first record reported in `batchItemFailures`, or -1. */
function firstFailedIndex(result: unknown, records: StreamRecord[]): number {
  const failures = (result as { batchItemFailures?: { itemIdentifier?: string }[] } | null)?.batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return -1;
  const ids = new Set(failures.map((f) => f.itemIdentifier));
  const index = records.findIndex((r) => ids.has(r.dynamodb?.SequenceNumber));
  // A failure naming no record of the batch means the whole batch, as in AWS.
  return index === -1 ? 0 : index;
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A stream record as Lambda's event source mapping delivers it. */
function toLambdaRecord(r: StreamRecord, streamArn: string): DynamoDBRecord {
  const d = r.dynamodb ?? {};
  const record: DynamoDBRecord = {
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: r.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: LOCAL_REGION,
    dynamodb: {
      ApproximateCreationDateTime: d.ApproximateCreationDateTime ? Math.floor(d.ApproximateCreationDateTime.getTime() / 1000) : undefined,
      Keys: toLambdaImage(d.Keys),
      NewImage: toLambdaImage(d.NewImage),
      OldImage: toLambdaImage(d.OldImage),
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    },
    eventSourceARN: streamArn,
  };
  // Lambda leaves absent fields out rather than sending undefined.
  return JSON.parse(JSON.stringify(record)) as DynamoDBRecord;
}

function toLambdaImage(image: Record<string, AttributeValue> | undefined): Record<string, LambdaAttributeValue> | undefined {
  if (!image) return undefined;
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, toLambdaValue(v)]));
}

/** The SDK gives binary as bytes; the Lambda event carries base64 strings. */
function toLambdaValue(v: AttributeValue): LambdaAttributeValue {
  if (v.B !== undefined) return { B: Buffer.from(v.B).toString('base64') };
  if (v.BS !== undefined) return { BS: v.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (v.M !== undefined) return { M: toLambdaImage(v.M) ?? {} };
  if (v.L !== undefined) return { L: v.L.map(toLambdaValue) };
  return v as LambdaAttributeValue;
}
