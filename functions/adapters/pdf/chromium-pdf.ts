import { chromium } from 'playwright-core';
import type { PdfRenderer } from '../../ports/pdf-renderer.js';

/**
 * The PDF of a report export, printed by Chromium through playwright-core
 * (Chromium's own print to PDF: selectable text, the header and footer on
 * every page). Locally it runs the machine's Chromium (`CHROMIUM_PATH`,
 * default /usr/bin/chromium). In AWS a Lambda has no Chromium: see the
 * README ("The overview report"): PDF export is local-only today.
 *
 * The page is given the HTML as content with JavaScript off and every
 * network request refused, so nothing in a report can reach out.
 */
export class ChromiumPdfRenderer implements PdfRenderer {
  constructor(private readonly executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') {}

  async render(html: string, chrome: { headerTemplate: string; footerTemplate: string }): Promise<Uint8Array> {
    const browser = await chromium.launch({ executablePath: this.executablePath, args: ['--no-sandbox'] });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        ...chrome,
        margin: { top: '25mm', bottom: '22mm', left: '18mm', right: '18mm' },
        tagged: true,
        outline: true,
      });
      return new Uint8Array(pdf);
    } finally {
      await browser.close();
    }
  }
}
