import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { PdfRenderer } from '../../ports/pdf-renderer.js';

/** Where a Node.js Lambda layer's packages are (the layer's `nodejs/node_modules`). */
export const LAYER_NODE_MODULES = '/opt/nodejs/node_modules';

/**
 * A package left out of the bundle: from node_modules where Node finds it
 * (locally; Lambda's own ESM lookup of layers), else from the layer's folder.
 */
async function importPackage<T>(name: string, load: () => Promise<T>, layerNodeModules: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    const entry = createRequire(`${layerNodeModules}/`).resolve(name);
    return (await import(pathToFileURL(entry).href)) as T;
  }
}

type Playwright = typeof import('playwright-core');
type SparticuzChromium = typeof import('@sparticuz/chromium');

/** How to start a Chromium: its executable and the flags it needs there. */
export interface ChromiumLaunch {
  executablePath: string;
  args: string[];
}

/** The machine's own Chromium (locally: Debian's /usr/bin/chromium). */
export function machineChromium(executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'): () => Promise<ChromiumLaunch> {
  return () => Promise.resolve({ executablePath, args: ['--no-sandbox'] });
}

/**
 * The Chromium for AWS Lambda from `@sparticuz/chromium` (x86_64), which the
 * report Lambda gets in a layer (infra/constructs/chromium-layer.ts). The
 * first call in a Lambda's life decompresses it into /tmp (about 210 MB,
 * a few seconds); warm calls find it there. WebGL is not needed to print.
 */
export function lambdaChromium(layerNodeModules = LAYER_NODE_MODULES): () => Promise<ChromiumLaunch> {
  return async () => {
    const { default: chromium } = await importPackage<SparticuzChromium>('@sparticuz/chromium', () => import('@sparticuz/chromium'), layerNodeModules);
    chromium.setGraphicsMode = false;
    return { executablePath: await chromium.executablePath(), args: chromium.args };
  };
}

/**
 * The PDF of a report export, printed by Chromium through playwright-core
 * (Chromium's own print to PDF: selectable, tagged text, the header and
 * footer on every page). Locally it runs the machine's Chromium
 * (`CHROMIUM_PATH`, default /usr/bin/chromium); in AWS, the report Lambda
 * runs `@sparticuz/chromium` from its layer (`PDF_CHROMIUM_LAYER`): see
 * `pdfRendererFor` and the README ("The overview report").
 *
 * The page is given the HTML as content with JavaScript off and every
 * network request refused, so nothing in a report can reach out.
 */
export class ChromiumPdfRenderer implements PdfRenderer {
  private readonly launch: () => Promise<ChromiumLaunch>;

  constructor(
    chromium: string | (() => Promise<ChromiumLaunch>) = machineChromium(),
    private readonly layerNodeModules = LAYER_NODE_MODULES,
  ) {
    this.launch = typeof chromium === 'string' ? machineChromium(chromium) : chromium;
  }

  async render(html: string, chrome: { headerTemplate: string; footerTemplate: string }): Promise<Uint8Array> {
    // Loaded here, not at the top: in AWS playwright-core comes from the layer, not the bundle.
    const playwright = await importPackage<Playwright & { default?: Playwright }>('playwright-core', () => import('playwright-core'), this.layerNodeModules);
    // From the layer it is loaded as CommonJS: its exports are the default export.
    const chromium = playwright.chromium ?? playwright.default?.chromium;
    const browser = await chromium.launch(await this.launch());
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

/**
 * What prints PDFs in this environment: the Chromium `CHROMIUM_PATH` names
 * (locally), else the layer's `@sparticuz/chromium` where the CDK stack set
 * `PDF_CHROMIUM_LAYER` (the report Lambda in AWS), else none: PDF export then
 * answers that it is not available here.
 */
export function pdfRendererFor(
  env: { CHROMIUM_PATH?: string | undefined; PDF_CHROMIUM_LAYER?: 'true' | undefined },
  layerNodeModules = LAYER_NODE_MODULES,
): PdfRenderer | undefined {
  if (env.CHROMIUM_PATH) return new ChromiumPdfRenderer(env.CHROMIUM_PATH);
  if (env.PDF_CHROMIUM_LAYER === 'true') return new ChromiumPdfRenderer(lambdaChromium(layerNodeModules), layerNodeModules);
  return undefined;
}
