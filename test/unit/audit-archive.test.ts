import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { auditArchiveObject } from '../../functions/domain/audit/audit-archive.js';
import { archiveHandler } from '../../functions/handlers/audit-archive.js';
import type { AuditArchive } from '../../functions/ports/audit-archive.js';

const auditItem = {
  pk: 'CASE#SCR-2026-0001',
  sk: 'AUDIT#2026-12-01T10:00:00.000Z#e1',
  type: 'audit',
  action: 'case.read',
  actor: { userId: 'u1', role: 'auditor' },
  sourceIp: '203.0.113.7',
};

describe('auditArchiveObject', () => {
  it('archives a new audit event under its own key, with the whole event', () => {
    const object = auditArchiveObject({ eventName: 'INSERT', sequenceNumber: '100', approximateCreationDateTime: 1_796_119_200, newItem: auditItem });

    expect(object?.key).toBe('events/CASE%23SCR-2026-0001/AUDIT%232026-12-01T10%3A00%3A00.000Z%23e1.json');
    expect(JSON.parse(object!.body)).toEqual({
      archived: 'audit-event',
      sequenceNumber: '100',
      changedAt: '2026-12-01T10:00:00.000Z',
      event: auditItem,
    });
  });

  it('the same record delivered twice maps to the same object (the archive keeps one key per event)', () => {
    const record = { eventName: 'INSERT', sequenceNumber: '100', newItem: auditItem };
    expect(auditArchiveObject(record)).toEqual(auditArchiveObject({ ...record }));
  });

  it('a change to an audit event is archived beside it with both images, per change', () => {
    const forged = { ...auditItem, actor: { userId: 'someone-else', role: 'auditor' } };
    const object = auditArchiveObject({ eventName: 'MODIFY', sequenceNumber: '200', oldItem: auditItem, newItem: forged });

    expect(object?.key).toBe('changes/CASE%23SCR-2026-0001/AUDIT%232026-12-01T10%3A00%3A00.000Z%23e1/200.json');
    expect(JSON.parse(object!.body)).toMatchObject({ archived: 'audit-event-changed', before: auditItem, after: forged });
  });

  it('a removal is archived as evidence too', () => {
    const object = auditArchiveObject({ eventName: 'REMOVE', sequenceNumber: '300', oldItem: auditItem });

    expect(object?.key).toMatch(/^changes\/.*\/300\.json$/);
    expect(JSON.parse(object!.body)).toMatchObject({ archived: 'audit-event-removed', before: auditItem });
  });

  it('ignores every other item', () => {
    expect(auditArchiveObject({ eventName: 'INSERT', sequenceNumber: '1', newItem: { pk: 'CASE#X', sk: 'CASE', type: 'case' } })).toBeUndefined();
    expect(auditArchiveObject({ eventName: 'MODIFY', sequenceNumber: '1', oldItem: { type: 'notification', pk: 'a', sk: 'b' }, newItem: { type: 'notification', pk: 'a', sk: 'b' } })).toBeUndefined();
    expect(auditArchiveObject({ eventName: 'INSERT', sequenceNumber: '1', newItem: { type: 'audit' } })).toBeUndefined();
  });
});

describe('audit-archive handler', () => {
  const streamRecord = (sequence: string, eventName: 'INSERT' | 'MODIFY', item: Record<string, { S: string }>) => ({
    eventName,
    dynamodb: { SequenceNumber: sequence, NewImage: item, OldImage: eventName === 'MODIFY' ? item : undefined },
  });
  const audit = (id: string) => ({ pk: { S: 'CASE#SCR-2026-0002' }, sk: { S: `AUDIT#2026-12-01T11:00:00.000Z#${id}` }, type: { S: 'audit' }, action: { S: 'case.read' } });
  const notAudit = { pk: { S: 'CASE#SCR-2026-0002' }, sk: { S: 'CASE' }, type: { S: 'case' } };

  it('puts each audit event once, skips other items, and reports only the records it could not archive', async () => {
    const stored = new Map<string, string>();
    const failing: AuditArchive & { calls: number } = {
      calls: 0,
      put(key, body) {
        this.calls++;
        if (key.includes('e2')) return Promise.reject(new Error('throttled'));
        stored.set(key, body);
        return Promise.resolve();
      },
    };
    const event = { Records: [streamRecord('1', 'INSERT', audit('e1')), streamRecord('2', 'INSERT', notAudit), streamRecord('3', 'INSERT', audit('e2'))] } as unknown as DynamoDBStreamEvent;

    const result = await archiveHandler(() => failing)(event);

    expect(failing.calls).toBe(2);
    expect([...stored.keys()]).toEqual(['events/CASE%23SCR-2026-0002/AUDIT%232026-12-01T11%3A00%3A00.000Z%23e1.json']);
    expect(JSON.parse(stored.values().next().value!)).toMatchObject({ event: { action: 'case.read', type: 'audit' } });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '3' }] });
  });
});
