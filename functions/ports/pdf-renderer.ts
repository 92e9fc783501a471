/**
 * Makes a PDF from printable HTML, with a header and footer printed on every
 * page (Chromium's print templates: `pageNumber` and `totalPages` spans).
 */
export interface PdfRenderer {
  render(html: string, chrome: { headerTemplate: string; footerTemplate: string }): Promise<Uint8Array>;
}
