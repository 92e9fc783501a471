import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { BoardConfigStore } from '../../ports/case-store.js';
import type { AuditEvent } from '../../domain/case/case.js';
import { parseBoardConfig, type BoardConfig } from '../../config/board.js';
import { ConflictError } from '../../domain/errors.js';
import { keys } from './keys.js';
import { auditItem } from './dynamo-case-store.js';

/** Reads are cached briefly per warm Lambda: configuration changes rarely and a minute's lag is harmless. */
const CACHE_MS = 30_000;

/**
 * Board configuration in the table, version 0 being the seed file (the
 * deployment's BOARD_CONFIG) until the business manager first saves it.
 */
export class DynamoBoardConfigStore implements BoardConfigStore {
  #cache: { at: number; value: { config: BoardConfig; version: number } } | undefined;

  constructor(
    private readonly ddb: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly seed: BoardConfig,
  ) {}

  async get(): Promise<{ config: BoardConfig; version: number }> {
    if (this.#cache && Date.now() - this.#cache.at < CACHE_MS) return this.#cache.value;
    const out = await this.ddb.send(new GetCommand({ TableName: this.tableName, Key: keys.boardConfig(), ConsistentRead: true }));
    const value = out.Item
      ? { config: parseBoardConfig(out.Item.config, 'Stored Board configuration'), version: Number(out.Item.version) }
      : { config: this.seed, version: 0 };
    this.#cache = { at: Date.now(), value };
    return value;
  }

  async put(config: BoardConfig, expectedVersion: number, audit: AuditEvent): Promise<number> {
    const version = expectedVersion + 1;
    try {
      await this.ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.boardConfig(), type: 'board-config', config, version, updatedAt: audit.at },
                ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :expected',
                ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
              },
            },
            { Put: { TableName: this.tableName, Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
        throw new ConflictError('Someone else changed the Board configuration since you opened it. Reload the page and make your change again.');
      }
      throw error;
    }
    this.#cache = undefined;
    return version;
  }
}
