import * as z from 'zod';

/**
 * Attached files (issue 10): what may be uploaded, checked the same way in
 * the browser (before anything is sent) and by the API (before a URL is
 * signed). A type is allowed by its extension AND its content type; the
 * bytes are checked again once stored (functions/domain/files/files.ts).
 */

/** The largest file accepted: 20 MB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Each allowed extension, its canonical content type (signed into the upload and served on download) and the types browsers report for it. */
export const allowedFileTypes = {
  docx: {
    label: 'Word document (DOCX)',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    accepts: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  },
  pdf: { label: 'PDF', contentType: 'application/pdf', accepts: ['application/pdf'] },
  odt: { label: 'OpenDocument text (ODT)', contentType: 'application/vnd.oasis.opendocument.text', accepts: ['application/vnd.oasis.opendocument.text'] },
  rtf: { label: 'Rich text (RTF)', contentType: 'application/rtf', accepts: ['application/rtf', 'text/rtf'] },
  txt: { label: 'Plain text (TXT)', contentType: 'text/plain', accepts: ['text/plain'] },
} as const;

export type FileExtension = keyof typeof allowedFileTypes;
export const fileExtensions = Object.keys(allowedFileTypes) as FileExtension[];

/** For an `<input type="file" accept>`: extensions and content types. */
export const fileAcceptAttribute = [...fileExtensions.map((e) => `.${e}`), ...new Set(fileExtensions.flatMap((e) => allowedFileTypes[e].accepts))].join(',');

const TYPE_MESSAGE = 'The selected file must be a DOCX, PDF, ODT, RTF or TXT';
const NAME_LIMIT = 120;

/**
 * A file name safe to keep and to offer back: no folders (a path keeps its
 * last part), no control characters or characters that file systems refuse,
 * no leading dots, spaces collapsed, at most 120 characters with the
 * extension kept. Empty when nothing usable is left.
 */
export function safeFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/[<>:"|?*]/g, '').replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '');
  if (cleaned.length <= NAME_LIMIT) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 6 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, NAME_LIMIT - ext.length).trimEnd() + ext;
}

/** The lower-case extension of a file name, if it is one of the allowed ones. */
export function extensionOf(fileName: string): FileExtension | undefined {
  const match = /\.([A-Za-z0-9]+)$/.exec(fileName);
  const ext = match?.[1]?.toLowerCase();
  return ext && (fileExtensions as string[]).includes(ext) ? (ext as FileExtension) : undefined;
}

/**
 * The canonical content type for a name and the type the browser reported,
 * or undefined when they are not an allowed pair. A browser that reports
 * nothing (or the generic octet-stream) is judged by the extension alone;
 * the stored bytes are checked later in any case.
 */
export function contentTypeFor(fileName: string, reported: string): string | undefined {
  const ext = extensionOf(fileName);
  if (!ext) return undefined;
  const type = reported.split(';')[0]?.trim().toLowerCase() ?? '';
  const spec = allowedFileTypes[ext];
  if (type === '' || type === 'application/octet-stream') return spec.contentType;
  return (spec.accepts as readonly string[]).includes(type) ? spec.contentType : undefined;
}

/** Human size: "1.5 MB", "300 KB", "12 bytes". */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

/** Asking to upload one file: its name, the type the browser reported and its size in bytes. The field is `file`. */
export const uploadRequestSchema = z
  .object({
    fileName: z.string().max(1000, 'The file name must be 1000 characters or fewer'),
    contentType: z.string().max(200),
    size: z.number().int().min(0),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['file'], message });
    const name = safeFileName(v.fileName);
    if (name === '') return issue('Select a file');
    if (!contentTypeFor(name, v.contentType)) return issue(TYPE_MESSAGE);
    if (v.size === 0) return issue('The selected file is empty');
    if (v.size > MAX_FILE_BYTES) return issue('The selected file must be smaller than 20MB');
  });

export type UploadRequest = z.infer<typeof uploadRequestSchema>;

/** The kinds of thing a file can be attached to; each has its rule of who may read and upload (functions/domain/file-owners.ts). */
export const fileOwnerKinds = ['case', 'contribution', 'action'] as const;
export type FileOwnerKind = (typeof fileOwnerKinds)[number];

/** An owner id: letters, digits and hyphens (a case reference, a contribution id). */
export const FILE_OWNER_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;
export const FILE_ID_PATTERN = /^[a-f0-9-]{36}$/;

// ---------------------------------------------------------------- what the API answers

export const fileViewSchema = z.object({
  fileId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  status: z.enum(['pending', 'stored', 'refused']).meta({ description: 'pending: a URL was given, not confirmed yet; stored: checked and kept; refused: deleted (see `refusedReason`)' }),
  uploadedAt: z.string().meta({ description: 'When the upload was asked for (ISO 8601)' }),
  uploadedBy: z.string().meta({ description: 'Who asked for it (their email address)' }),
  storedAt: z.string().optional(),
  refusedReason: z.string().optional(),
});
export type FileView = z.infer<typeof fileViewSchema>;

export const fileListSchema = z.object({ files: z.array(fileViewSchema), maxBytes: z.number().int(), accept: z.string(), mayUpload: z.boolean() });

export const uploadGrantSchema = z.object({
  file: fileViewSchema,
  upload: z.object({
    url: z.string().meta({ description: 'Presigned S3 URL: PUT the bytes here with exactly `headers`' }),
    method: z.literal('PUT'),
    headers: z.record(z.string(), z.string()),
    expiresAt: z.string().meta({ description: 'The URL stops working after this (5 minutes)' }),
  }),
});

export const downloadGrantSchema = z.object({
  url: z.string().meta({ description: 'Presigned S3 URL answering the file as an attachment' }),
  expiresAt: z.string().meta({ description: 'The URL stops working after this (1 minute)' }),
});
