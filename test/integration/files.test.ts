import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startLocalPlatform, type LocalPlatform } from '../../infra/local/platform.js';
import { signInReferrerLocally, signInStaffLocally } from '../../infra/local/cognito/sign-in.js';
import { filesS3Client } from '../../functions/adapters/aws/s3-file-store.js';
import { FakeClock } from '../../functions/ports/clock.js';
import { makeReferral } from '../factories/referral.js';
import { firstSignIn } from '../support/staff.js';

/**
 * Attached files through the real API and the real S3 client against s3rver:
 * the browser's steps (ask, PUT to the presigned URL with fetch, confirm,
 * download), and each way a file is refused.
 */
let platform: LocalPlatform;
let dataDir: string;
const clock = new FakeClock('2026-11-26T10:00:00Z');
const token: Record<string, string> = {};
let reference = '';

const api = (who: string, method: string, path: string, body?: unknown) =>
  fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token[who]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const filesPath = () => `/cases/${reference}/files/case/${reference}`;
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF\n`);

interface Grant {
  file: { fileId: string; status: string; fileName: string };
  upload: { url: string; method: 'PUT'; headers: Record<string, string>; expiresAt: string };
}

async function askToUpload(fileName: string, contentType: string, size: number) {
  const res = await api('businessManager', 'POST', filesPath(), { fileName, contentType, size });
  return { res, grant: res.status === 201 ? ((await res.json()) as Grant) : undefined };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scr-files-'));
  platform = await startLocalPlatform({ dataDir, fresh: true, port: 0, dynamoPort: 0, sesPort: 0, sfnPort: 0, s3Port: 0, quiet: true, clock });
  const pw = platform.localStaff.password;
  token.businessManager = (await signInStaffLocally(platform, 'lscb-business-manager@example.org', pw)).IdToken!;
  token.boardChair = (await signInStaffLocally(platform, 'lscb-chair@example.org', pw)).IdToken!;
  const referrer = (await signInReferrerLocally(platform, 'referrer.files@example.org')).IdToken!;
  const created = await fetch(`${platform.apiUrl}/referrals`, {
    method: 'POST',
    headers: { authorization: `Bearer ${referrer}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(makeReferral({ referrer: { email: 'referrer.files@example.org' } })),
  });
  reference = ((await created.json()) as { reference: string }).reference;
  // Someone staff, but not on this case.
  const invite = await api('businessManager', 'POST', '/users', { name: 'Not On Case', email: 'outsider@nhs.net', role: 'agency-contributor' });
  expect(invite.status).toBe(201);
  token.outsider = (await firstSignIn(platform, 'outsider@nhs.net')).IdToken!;
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('attaching a file to a case', () => {
  it('uploads through the presigned URL, confirms, lists and downloads it as an attachment; each step is audited', async () => {
    // Prepare
    const bytes = pdf('An interview record');
    const { res, grant } = await askToUpload('C:\\Users\\me\\Interview record.pdf', 'application/pdf', bytes.length);
    expect(res.status).toBe(201);
    expect(grant!.file).toMatchObject({ status: 'pending', fileName: 'Interview record.pdf' });
    expect(grant!.upload.url.startsWith(platform.s3Endpoint)).toBe(true);
    expect(grant!.upload.url).toContain('X-Amz-Expires=300');

    // Act: the browser's PUT, then confirm
    const put = await fetch(grant!.upload.url, { method: 'PUT', headers: grant!.upload.headers, body: bytes });
    expect(put.status).toBe(200);
    const confirmed = await api('businessManager', 'POST', `${filesPath()}/${grant!.file.fileId}/confirm`);

    // Assess
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ status: 'stored', size: bytes.length, contentType: 'application/pdf' });
    const list = (await (await api('boardChair', 'GET', filesPath())).json()) as { files: { fileId: string; status: string }[]; mayUpload: boolean };
    expect(list.files.map((f) => [f.fileId, f.status])).toContainEqual([grant!.file.fileId, 'stored']);
    expect(list.mayUpload).toBe(false);

    const download = await api('boardChair', 'POST', `${filesPath()}/${grant!.file.fileId}/download`);
    expect(download.status).toBe(200);
    const { url } = (await download.json()) as { url: string };
    expect(url).toContain('X-Amz-Expires=60');
    const got = await fetch(url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="Interview record.pdf"; filename*=UTF-8''Interview%20record.pdf`);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);

    const timeline = (await (await api('businessManager', 'GET', `/cases/${reference}/timeline`)).json()) as { entries: { action: string; description: string }[] };
    const actions = timeline.entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['file.upload-requested', 'file.stored', 'files.listed', 'file.downloaded']));
    // The file's name is not on the audit trail.
    expect(JSON.stringify(timeline)).not.toContain('Interview record');
  });

  it('deletes and refuses what was PUT with another type or size than asked for; nothing is confirmed before it arrives', async () => {
    // Real S3 refuses these PUTs (Content-Type and Content-Length are signed); s3rver does not check
    // SigV4 signatures, so here the bytes arrive and the confirm step is what refuses them.
    const s3 = filesS3Client('eu-west-2', platform.s3Endpoint);
    const bytes = pdf('Report');
    const a = await askToUpload('report.pdf', 'application/pdf', bytes.length);
    expect((await api('businessManager', 'POST', `${filesPath()}/${a.grant!.file.fileId}/confirm`)).status).toBe(409);
    expect((await fetch(a.grant!.upload.url, { method: 'PUT', headers: { 'Content-Type': 'text/html' }, body: bytes })).status).toBe(200);
    const wrongType = await api('businessManager', 'POST', `${filesPath()}/${a.grant!.file.fileId}/confirm`);
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { errors: { text: string }[] }).errors[0]!.text).toContain('not the type');

    const b = await askToUpload('report.pdf', 'application/pdf', bytes.length);
    expect((await fetch(b.grant!.upload.url, { method: 'PUT', headers: b.grant!.upload.headers, body: pdf('Report, and then some more bytes') })).status).toBe(200);
    const wrongSize = await api('businessManager', 'POST', `${filesPath()}/${b.grant!.file.fileId}/confirm`);
    expect(wrongSize.status).toBe(400);
    expect(((await wrongSize.json()) as { errors: { text: string }[] }).errors[0]!.text).toContain('not the size');
    for (const g of [a, b]) {
      await expect(s3.send(new HeadObjectCommand({ Bucket: platform.filesBucket, Key: `cases/${reference}/case/${reference}/${g.grant!.file.fileId}` }))).rejects.toThrow();
      // Confirming again says the same, and the file never appears in the list.
      expect((await api('businessManager', 'POST', `${filesPath()}/${g.grant!.file.fileId}/confirm`)).status).toBe(400);
    }
    const list = (await (await api('businessManager', 'GET', filesPath())).json()) as { files: { fileId: string }[] };
    expect(list.files.map((f) => f.fileId)).not.toContain(a.grant!.file.fileId);
    expect(list.files.map((f) => f.fileId)).not.toContain(b.grant!.file.fileId);
    s3.destroy();
  });

  it('deletes and refuses an object that is not what was asked for (type written around the URL, or content not a PDF)', async () => {
    const s3 = filesS3Client('eu-west-2', platform.s3Endpoint);
    const key = (fileId: string) => `cases/${reference}/case/${reference}/${fileId}`;

    // Type: someone with the bucket's keys writes HTML where the PDF should be.
    const html = new TextEncoder().encode('<script>alert(1)</script>');
    const a = await askToUpload('report.pdf', 'application/pdf', html.length);
    await s3.send(new PutObjectCommand({ Bucket: platform.filesBucket, Key: key(a.grant!.file.fileId), Body: html, ContentType: 'text/html' }));
    const refusedType = await api('businessManager', 'POST', `${filesPath()}/${a.grant!.file.fileId}/confirm`);
    expect(refusedType.status).toBe(400);
    expect(((await refusedType.json()) as { errors: { href: string; text: string }[] }).errors[0]).toMatchObject({ href: '#file', text: expect.stringContaining('not the type') });
    await expect(s3.send(new HeadObjectCommand({ Bucket: platform.filesBucket, Key: key(a.grant!.file.fileId) }))).rejects.toThrow();

    // Content: the right type and size through the URL, but not a PDF inside.
    const fake = new TextEncoder().encode('not a pdf at all');
    const b = await askToUpload('report.pdf', 'application/pdf', fake.length);
    expect((await fetch(b.grant!.upload.url, { method: 'PUT', headers: b.grant!.upload.headers, body: fake })).status).toBe(200);
    const refusedContent = await api('businessManager', 'POST', `${filesPath()}/${b.grant!.file.fileId}/confirm`);
    expect(refusedContent.status).toBe(400);
    await expect(s3.send(new HeadObjectCommand({ Bucket: platform.filesBucket, Key: key(b.grant!.file.fileId) }))).rejects.toThrow();
    // A refused file is never offered for download.
    expect((await api('businessManager', 'POST', `${filesPath()}/${b.grant!.file.fileId}/download`)).status).toBe(404);
    s3.destroy();
  });

  it('refuses a type that is not allowed and a file over 20 MB before any URL is signed', async () => {
    const exe = await askToUpload('setup.exe', 'application/x-msdownload', 1000);
    expect(exe.res.status).toBe(400);
    expect(((await exe.res.json()) as { errors: { text: string }[] }).errors[0]!.text).toBe('The selected file must be a DOCX, PDF, ODT, RTF or TXT');
    const disguised = await askToUpload('report.pdf', 'text/html', 1000);
    expect(disguised.res.status).toBe(400);
    const big = await askToUpload('report.pdf', 'application/pdf', 20 * 1024 * 1024 + 1);
    expect(big.res.status).toBe(400);
    expect(((await big.res.json()) as { errors: { text: string }[] }).errors[0]!.text).toBe('The selected file must be smaller than 20MB');
  });

  it('answers 404 to someone not on the case, and 403 to a reader who may not upload', async () => {
    expect((await api('outsider', 'GET', filesPath())).status).toBe(404);
    expect((await api('outsider', 'POST', filesPath(), { fileName: 'a.pdf', contentType: 'application/pdf', size: 10 })).status).toBe(404);
    const { grant } = await askToUpload('a.txt', 'text/plain', 5);
    expect((await api('outsider', 'POST', `${filesPath()}/${grant!.file.fileId}/download`)).status).toBe(404);
    expect((await api('boardChair', 'POST', filesPath(), { fileName: 'a.pdf', contentType: 'application/pdf', size: 10 })).status).toBe(403);
    // Another case's owner id under this case is no owner at all.
    expect((await api('businessManager', 'GET', `/cases/${reference}/files/case/SCR-2099-9999`)).status).toBe(404);
  });
});
