// Silent printing of the customer receipt (issue 12): the register page has marked the receipt as
// the part to print (its print CSS shows nothing else), and Electron prints it on the chosen printer
// without a dialog, on a page as wide as the roll and as long as the receipt (or A4).
import type { WebContents, WebContentsPrintOptions } from 'electron';
import type { PaperWidth } from '../../shared/counter';

const MICRONS_PER_MM = 1000;
const ROLL_WIDTH_MM: Readonly<Record<Exclude<PaperWidth, 'a4'>, number>> = { '58mm': 58, '80mm': 80 };

export function receiptPrintOptions(page: { paper: PaperWidth; heightMm: number }, printer: string | null): WebContentsPrintOptions {
  const pageSize: WebContentsPrintOptions['pageSize'] =
    page.paper === 'a4' ? 'A4' : { width: ROLL_WIDTH_MM[page.paper] * MICRONS_PER_MM, height: Math.ceil(page.heightMm) * MICRONS_PER_MM };
  return {
    silent: true,
    printBackground: false,
    ...(printer ? { deviceName: printer } : {}),
    margins: { marginType: page.paper === 'a4' ? 'default' : 'none' },
    pageSize,
  };
}

/** Prints the page silently; true when the printer took it. */
export function printSilently(contents: Pick<WebContents, 'print'>, page: { paper: PaperWidth; heightMm: number }, printer: string | null): Promise<boolean> {
  return new Promise((resolve) => {
    contents.print(receiptPrintOptions(page, printer), (success, failureReason) => {
      if (!success) console.warn(`[print] the receipt was not printed: ${failureReason}`);
      resolve(success);
    });
  });
}

/** The printers the system knows, by name; CUPS says which is the default in its options. */
export async function listPrinters(contents: Pick<WebContents, 'getPrintersAsync'>): Promise<{ name: string; isDefault: boolean }[]> {
  return (await contents.getPrintersAsync()).map((printer) => {
    const options = (printer.options ?? {}) as Record<string, unknown>;
    return { name: printer.name, isDefault: options['is-default'] === 'true' || options['printer-is-default'] === true };
  });
}
