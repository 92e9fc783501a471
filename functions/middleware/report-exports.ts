import type { Context } from 'aws-lambda';
import { ConfigError } from '../config/env.js';
import { tracer } from '../adapters/aws/clients.js';
import { filesS3Client } from '../adapters/aws/s3-file-store.js';
import { S3ReportExports } from '../adapters/aws/s3-report-exports.js';
import type { PdfRenderer } from '../ports/pdf-renderer.js';
import type { ReportExportObjects } from '../ports/report-store.js';
import { dependencies } from './dependencies.js';

/**
 * Only the report's Lambda imports this (its PDF printer is not in the other bundles).
 *
 * Where the report's exports go (the files bucket, the case's space) and
 * what prints its PDFs (`pdfRendererFor`: the Chromium CHROMIUM_PATH names,
 * locally; the layer's @sparticuz/chromium where PDF_CHROMIUM_LAYER is set,
 * in AWS; otherwise none, and PDF export answers that it is not available here).
 */
export async function reportExportDependencies(context: Context): Promise<{ objects: ReportExportObjects; pdf?: PdfRenderer }> {
  const d = dependencies(context);
  const bucket = d.env.FILES_BUCKET;
  if (!bucket) throw new ConfigError('FILES_BUCKET is not set: the report Lambda needs the bucket of case files for its exports');
  const objects = new S3ReportExports(tracer.captureAWSv3Client(filesS3Client(d.env.AWS_REGION, d.env.S3_ENDPOINT)), bucket);
  if (!d.env.CHROMIUM_PATH && !d.env.PDF_CHROMIUM_LAYER) return { objects };
  const { pdfRendererFor } = await import('../adapters/pdf/chromium-pdf.js');
  const pdf = pdfRendererFor(d.env);
  return pdf ? { objects, pdf } : { objects };
}

