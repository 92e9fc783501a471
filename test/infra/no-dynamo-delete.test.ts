import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The Lambdas' role grants no dynamodb:DeleteItem nor BatchWriteItem
 * (platform-stack.test.ts checks it), so audit items cannot be deleted. DynamoDB
 * Local does not enforce IAM, so a delete in the code would pass every local
 * test and be refused on AWS. This guard reads the source of functions/ and
 * fails on any DynamoDB delete, naming the file and line. Items leave a list
 * as tombstones instead (functions/adapters/aws/tombstone.ts).
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const FUNCTIONS = path.join(ROOT, 'functions');
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/** The source with comments blanked (strings, template literals and regexes kept), newlines kept so lines still count. */
export function withoutComments(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const n = src[i + 1];
    if (c === '/' && n === '/') {
      while (i < src.length && src[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && n === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const RULES: { name: string; pattern: RegExp }[] = [
  // A transaction's Delete action (TransactWriteCommand / TransactWriteItemsCommand), however the key is spelled.
  { name: 'a Delete action in TransactItems', pattern: /(?:^|[^\w$])\[?\s*(["'`]?)Delete\1\s*\]?\s*:/ },
  { name: 'DeleteCommand / DeleteItemCommand', pattern: /\bDelete(?:Item)?Command\b/ },
  { name: 'BatchWriteCommand / BatchWriteItemCommand', pattern: /\bBatchWrite(?:Item)?Command\b/ },
  { name: 'a DeleteRequest (batch write)', pattern: /\bDeleteRequest\b/ },
  { name: 'a PartiQL DELETE', pattern: /\bDELETE\s+FROM\b/i },
  { name: 'a v2 SDK delete', pattern: /\.\s*(?:deleteItem|batchWriteItem|batchWrite)\s*\(/ },
];

/** Each DynamoDB delete in one file's source: `path:line: rule`. S3's DeleteObjectCommand is not one. */
export function dynamoDeletes(file: string, src: string): string[] {
  const found: string[] = [];
  withoutComments(src)
    .split('\n')
    .forEach((line, index) => {
      for (const rule of RULES) if (rule.pattern.test(line)) found.push(`${file}:${index + 1}: ${rule.name}: ${line.trim()}`);
    });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(full);
    return SOURCE.test(name) ? [full] : [];
  });
}

describe('no DynamoDB delete in functions/ (the Lambdas have no right to delete)', () => {
  it('finds every spelling of a delete, and nothing else', () => {
    const hits = (src: string) => dynamoDeletes('x.ts', src).length;
    // Each of these is refused on AWS.
    expect(hits(`items.push({ Delete: { TableName: t, Key: k } });`)).toBe(1);
    expect(hits(`const a = [\n  {\n    Delete : {\n      TableName: t } }];`)).toBe(1);
    expect(hits(`const a = { 'Delete': { TableName: t } };`)).toBe(1);
    expect(hits(`const a = { "Delete": { TableName: t } };`)).toBe(1);
    expect(hits(`const a = { ['Delete']: { TableName: t } };`)).toBe(1);
    expect(hits(`await ddb.send(new DeleteCommand({ TableName: t, Key: k }));`)).toBe(1);
    expect(hits(`import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';`)).toBe(1);
    expect(hits(`import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';`)).toBe(1);
    expect(hits(`new BatchWriteItemCommand({ RequestItems: { t: [{ DeleteRequest: { Key: k } }] } })`)).toBe(2);
    expect(hits(`new ExecuteStatementCommand({ Statement: 'DELETE FROM "t" WHERE pk = ?' })`)).toBe(1);
    expect(hits(`await client.deleteItem({ TableName: t, Key: k });`)).toBe(1);
    // These are not deletes: comments, S3, a Map, a tombstone Put, words in strings.
    expect(hits(`// { Delete: { ... } } is refused, so a Put\n/* new DeleteCommand(...) */`)).toBe(0);
    expect(hits(`await s3.send(new DeleteObjectCommand({ Bucket: b, Key: k }));`)).toBe(0);
    expect(hits(`seen.delete(id); const m = { onDelete: f, rowDeleted: id };`)).toBe(0);
    expect(hits(`items.push({ Put: { TableName: t, Item: tombstone } });`)).toBe(0);
    expect(hits(`const s = 'Delete this row.'; const u = "a // b"; x = { Delete2: 1 };`)).toBe(0);
  });

  it('keeps comments out without losing a delete after a string holding comment marks', () => {
    expect(dynamoDeletes('x.ts', `const u = 'http://x'; new DeleteCommand(a);`)).toHaveLength(1);
    expect(dynamoDeletes('x.ts', 'const u = `/* ${a} */`;\nitems.push({ Delete: {} });')).toEqual(['x.ts:2: a Delete action in TransactItems: items.push({ Delete: {} });']);
  });

  it('no file under functions/ asks DynamoDB for a delete', () => {
    const files = sourceFiles(FUNCTIONS);
    // The scan reads the real tree: the stores that once deleted are among the files read.
    expect(files.length).toBeGreaterThan(50);
    for (const store of ['dynamo-contribution-store.ts', 'dynamo-overview-store.ts', 'dynamo-terms-of-reference-store.ts', 'dynamo-case-store.ts']) {
      expect(files.map((f) => path.basename(f))).toContain(store);
    }
    const found = files.flatMap((f) => dynamoDeletes(path.relative(ROOT, f), readFileSync(f, 'utf8')));
    expect(found, `DynamoDB deletes are refused on AWS (no dynamodb:DeleteItem/BatchWriteItem); write a tombstone instead:\n${found.join('\n')}`).toEqual([]);
  });
});
