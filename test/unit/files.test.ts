import { describe, expect, it } from 'vitest';
import { S3Client } from '@aws-sdk/client-s3';
import { FakeClock } from '../../functions/ports/clock.js';
import type { Ids } from '../../functions/ports/ids.js';
import type { FileRecords, FileStore, StoredObject } from '../../functions/ports/files.js';
import type { AuditEvent } from '../../functions/domain/case/case.js';
import { bytesMatchType, confirmUpload, contentDisposition, downloadFile, listFiles, objectKeyOf, requestUpload, type FileOwner, type FileRecord } from '../../functions/domain/files/files.js';
import { contentTypeFor, extensionOf, MAX_FILE_BYTES, safeFileName, uploadRequestSchema } from '../../functions/schemas/files.js';
import { S3FileStore } from '../../functions/adapters/aws/s3-file-store.js';
import { ValidationError } from '../../functions/domain/errors.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('safe file names', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['C:\\Users\\me\\IMR final.docx', 'IMR final.docx'],
    ['../../etc/passwd.txt', 'passwd.txt'],
    ['a\u0000b\u001fc\u007f.txt', 'abc.txt'],
    ['  lots   of\tspace .pdf ', 'lots of space .pdf'],
    ['.hidden.pdf', 'hidden.pdf'],
    ['what?<>:"|*.pdf', 'what.pdf'],
    ['evil\u202Efdp.txt', 'evilfdp.txt'],
    ['/', ''],
  ])('%j -> %j', (raw, safe) => {
    expect(safeFileName(raw)).toBe(safe);
  });

  it('keeps the extension when a long name is cut to 120 characters', () => {
    const name = safeFileName(`${'x'.repeat(300)}.docx`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('.docx')).toBe(true);
  });
});

describe('allowed types: by extension AND content type', () => {
  it.each([
    ['r.pdf', 'application/pdf', 'application/pdf'],
    ['r.PDF', 'application/pdf', 'application/pdf'],
    ['r.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['r.docx', '', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['r.odt', 'application/octet-stream', 'application/vnd.oasis.opendocument.text'],
    ['r.rtf', 'text/rtf', 'application/rtf'],
    ['r.txt', 'text/plain; charset=utf-8', 'text/plain'],
    ['r.pdf', 'text/html', undefined],
    ['r.exe', 'application/pdf', undefined],
    ['r.doc', 'application/msword', undefined],
    ['pdf', 'application/pdf', undefined],
    ['r.pdf.exe', 'application/pdf', undefined],
  ])('%s as %j -> %j', (name, type, expected) => {
    expect(contentTypeFor(name, type)).toBe(expected);
  });

  it('knows the extension only when it is an allowed one', () => {
    expect(extensionOf('a.Docx')).toBe('docx');
    expect(extensionOf('a.html')).toBeUndefined();
  });
});

describe('the upload request schema (browser and API)', () => {
  const errorOf = (body: unknown) => {
    const r = uploadRequestSchema.safeParse(body);
    return r.success ? undefined : r.error.issues[0]?.message;
  };
  it.each([
    [{ fileName: 'a.pdf', contentType: 'application/pdf', size: 1 }, undefined],
    [{ fileName: 'a.pdf', contentType: 'application/pdf', size: MAX_FILE_BYTES }, undefined],
    [{ fileName: 'a.pdf', contentType: 'application/pdf', size: MAX_FILE_BYTES + 1 }, 'The selected file must be smaller than 20MB'],
    [{ fileName: 'a.pdf', contentType: 'application/pdf', size: 0 }, 'The selected file is empty'],
    [{ fileName: '', contentType: '', size: 0 }, 'Select a file'],
    [{ fileName: 'a.zip', contentType: 'application/zip', size: 10 }, 'The selected file must be a DOCX, PDF, ODT, RTF or TXT'],
  ])('%j -> %j', (body, message) => {
    expect(errorOf(body)).toBe(message);
  });
  it('refuses fields it does not know', () => {
    expect(uploadRequestSchema.safeParse({ fileName: 'a.pdf', contentType: 'application/pdf', size: 1, key: 'x' }).success).toBe(false);
  });
});

describe('content checks once stored', () => {
  it.each([
    ['pdf', '%PDF-1.4 ...', true],
    ['pdf', 'PK\u0003\u0004', false],
    ['docx', 'PK\u0003\u0004rest', true],
    ['odt', '%PDF-', false],
    ['rtf', '{\\rtf1\\ansi', true],
    ['txt', 'plain words', true],
    ['txt', 'bin\u0000ary', false],
  ] as const)('%s starting %j -> %s', (ext, start, ok) => {
    expect(bytesMatchType(ext, enc(start))).toBe(ok);
  });

  it('answers downloads as attachments with an ASCII fallback and the exact name', () => {
    expect(contentDisposition('Café "notes".pdf')).toBe(`attachment; filename="Caf_ _notes_.pdf"; filename*=UTF-8''Caf%C3%A9%20%22notes%22.pdf`);
  });
});

describe('the presigned upload', () => {
  it('signs Content-Type and Content-Length, so S3 refuses another type or size, and expires in 5 minutes', async () => {
    const store = new S3FileStore(new S3Client({ region: 'eu-west-2', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } }), 'bucket');
    const up = await store.presignUpload({ key: 'cases/X/case/X/f', contentType: 'application/pdf', size: 1234, expiresInSeconds: 300 });
    const url = new URL(up.url);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(up.headers).toEqual({ 'Content-Type': 'application/pdf' });
    const down = new URL(await store.presignDownload({ key: 'k', fileName: 'a b.pdf', contentType: 'application/pdf', expiresInSeconds: 60 }));
    expect(down.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(down.searchParams.get('response-content-disposition')).toBe(`attachment; filename="a b.pdf"; filename*=UTF-8''a%20b.pdf`);
  });
});

// ---------------------------------------------------------------- the use cases, with fakes at the ports

class MemoryFiles implements FileRecords, FileStore {
  records = new Map<string, FileRecord>();
  objects = new Map<string, { bytes: Uint8Array; contentType: string }>();
  audit: AuditEvent[] = [];
  #k = (reference: string, owner: FileOwner, fileId: string) => `${reference}|${owner.kind}|${owner.id}|${fileId}`;
  async create(r: FileRecord, a: AuditEvent) {
    this.records.set(this.#k(r.reference, r.owner, r.fileId), r);
    this.audit.push(a);
  }
  async get(reference: string, owner: FileOwner, fileId: string) {
    return this.records.get(this.#k(reference, owner, fileId));
  }
  async settle(next: FileRecord, a: AuditEvent) {
    const key = this.#k(next.reference, next.owner, next.fileId);
    if (this.records.get(key)?.status !== 'pending') return false;
    this.records.set(key, next);
    this.audit.push(a);
    return true;
  }
  async list(reference: string, owner: FileOwner) {
    return [...this.records.values()].filter((r) => r.reference === reference && r.owner.kind === owner.kind && r.owner.id === owner.id);
  }
  async appendAudit(a: AuditEvent) {
    this.audit.push(a);
  }
  async presignUpload(i: { key: string; contentType: string }) {
    return { url: `https://s3.test/${i.key}`, method: 'PUT' as const, headers: { 'Content-Type': i.contentType } };
  }
  async presignDownload(i: { key: string }) {
    return `https://s3.test/${i.key}?download`;
  }
  async head(key: string): Promise<StoredObject | undefined> {
    const o = this.objects.get(key);
    return o ? { size: o.bytes.length, contentType: o.contentType } : undefined;
  }
  async readStart(key: string, bytes: number) {
    return (this.objects.get(key)?.bytes ?? new Uint8Array()).subarray(0, bytes);
  }
  async delete(key: string) {
    this.objects.delete(key);
  }
}

describe('request, confirm, list, download', () => {
  const setup = () => {
    const mem = new MemoryFiles();
    let n = 0;
    const ids: Ids = { uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` } as Ids;
    const deps = { records: mem, objects: mem, clock: new FakeClock('2026-11-26T10:00:00Z'), ids };
    const owner: FileOwner = { kind: 'case', id: 'SCR-2026-0001' };
    const actor = { kind: 'user' as const, userId: 'u1', email: 'bm@example.org', role: 'business-manager' };
    const meta = { requestId: 'r1' };
    return { mem, deps, owner, actor, meta };
  };

  it('stores a file whose bytes are what was asked for, and audits each step without its name', async () => {
    // Prepare
    const { mem, deps, owner, actor, meta } = setup();
    const bytes = enc('%PDF-1.7 body');
    const { file, upload } = await requestUpload(deps, 'SCR-2026-0001', owner, { fileName: 'Smith family.pdf', contentType: 'application/pdf', size: bytes.length }, actor, meta);
    expect(upload.expiresAt).toBe('2026-11-26T10:05:00.000Z');
    mem.objects.set(objectKeyOf({ reference: 'SCR-2026-0001', owner, fileId: file.fileId }), { bytes, contentType: 'application/pdf' });

    // Act
    const stored = await confirmUpload(deps, 'SCR-2026-0001', owner, file.fileId, actor, meta);
    const listed = await listFiles(deps, 'SCR-2026-0001', owner, { ...actor, userId: 'someone-else' }, meta);
    const download = await downloadFile(deps, 'SCR-2026-0001', owner, file.fileId, actor, meta);

    // Assess
    expect(stored.status).toBe('stored');
    expect(listed.map((f) => f.fileId)).toEqual([file.fileId]);
    expect(download.expiresAt).toBe('2026-11-26T10:01:00.000Z');
    expect(mem.audit.map((a) => a.action)).toEqual(['file.upload-requested', 'file.stored', 'files.listed', 'file.downloaded']);
    expect(JSON.stringify(mem.audit)).not.toContain('Smith');
  });

  it('deletes and refuses an object of another size or type, or whose bytes are not its type', async () => {
    const cases = [
      { bytes: enc('%PDF-1.7 body plus'), contentType: 'application/pdf', why: 'not the size' },
      { bytes: enc('%PDF-1.7 body'), contentType: 'text/html', why: 'not the type' },
      { bytes: enc('<html>body...'), contentType: 'application/pdf', why: 'not a real PDF' },
    ];
    for (const c of cases) {
      const { mem, deps, owner, actor, meta } = setup();
      const { file } = await requestUpload(deps, 'SCR-2026-0001', owner, { fileName: 'r.pdf', contentType: 'application/pdf', size: 13 }, actor, meta);
      const key = objectKeyOf({ reference: 'SCR-2026-0001', owner, fileId: file.fileId });
      mem.objects.set(key, { bytes: c.bytes, contentType: c.contentType });
      const error = await confirmUpload(deps, 'SCR-2026-0001', owner, file.fileId, actor, meta).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors[0]).toMatchObject({ href: '#file', text: expect.stringContaining(c.why) });
      expect(mem.objects.has(key)).toBe(false);
      expect((await mem.get('SCR-2026-0001', owner, file.fileId))?.status).toBe('refused');
      await expect(downloadFile(deps, 'SCR-2026-0001', owner, file.fileId, actor, meta)).rejects.toThrow('No such file');
    }
  });

  it('keeps a file pending (409) until its bytes arrive, and shows a pending file to its uploader only', async () => {
    const { deps, owner, actor, meta } = setup();
    const { file } = await requestUpload(deps, 'SCR-2026-0001', owner, { fileName: 'r.txt', contentType: 'text/plain', size: 3 }, actor, meta);
    await expect(confirmUpload(deps, 'SCR-2026-0001', owner, file.fileId, actor, meta)).rejects.toThrow('has not been uploaded yet');
    expect((await listFiles(deps, 'SCR-2026-0001', owner, actor, meta)).map((f) => f.status)).toEqual(['pending']);
    expect(await listFiles(deps, 'SCR-2026-0001', owner, { ...actor, userId: 'u2' }, meta)).toEqual([]);
  });

  it('refuses a bad request with GOV.UK wording on the file field, and signs nothing', async () => {
    const { mem, deps, owner, actor, meta } = setup();
    const error = await requestUpload(deps, 'SCR-2026-0001', owner, { fileName: 'x.exe', contentType: 'application/x-msdownload', size: 3 }, actor, meta).catch((e: unknown) => e);
    expect((error as ValidationError).errors).toEqual([{ name: 'file', href: '#file', text: 'The selected file must be a DOCX, PDF, ODT, RTF or TXT' }]);
    expect(mem.records.size).toBe(0);
  });
});
