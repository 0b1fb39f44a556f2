// The customer's receipt (issue 12): opened from the Paid screen, printed on one page of the shop's
// paper (a 58 or 80 mm roll as long as the receipt, or A4). Electron prints it silently on the
// chosen printer; a browser through its print dialog. The page size is set through the CSS object
// model (an adopted style sheet), which the page's CSP allows, unlike a <style> element.
import { create } from 'zustand';
import type { Receipt } from '../shared/api';
import type { PaperWidth } from '../shared/counter';
import type { PosError } from '../shared/result';
import { installedBridge, pos } from './bridge/installed';
import { useCounter } from './store';

export interface CustomerReceiptState {
  saleId: string | null;
  receipt: Receipt | null;
  error: PosError | null;
  /** Print as soon as it is on screen (auto-print), then close. */
  printOnShow: boolean;
  outcome: 'printed' | 'not-printed' | null;
}

const CLOSED: CustomerReceiptState = { saleId: null, receipt: null, error: null, printOnShow: false, outcome: null };
export const useCustomerReceipt = create<CustomerReceiptState>()(() => CLOSED);

const MM_PER_CSS_PX = 25.4 / 96;
const PRINT_PART = 'customer-receipt';
export const ROLL_WIDTH_MM: Readonly<Record<PaperWidth, number | null>> = { '58mm': 58, '80mm': 80, a4: null };

export async function openCustomerReceipt(saleId: string, printOnShow = false): Promise<void> {
  useCustomerReceipt.setState({ ...CLOSED, saleId, printOnShow });
  const result = await pos().getReceipt({ saleId });
  if (useCustomerReceipt.getState().saleId !== saleId) return;
  useCustomerReceipt.setState(result.ok ? { receipt: result.value } : { error: result.error });
}

export function closeCustomerReceipt(): void {
  useCustomerReceipt.setState(CLOSED);
}

const autoPrinted = new Set<string>();

/** Auto-print (Electron only: a browser cannot print without its dialog): once per sale. */
export function autoPrintReceipt(saleId: string): void {
  const prefs = useCounter.getState().status?.counter;
  if (!prefs?.autoPrint || installedBridge().carrier !== 'ipc' || autoPrinted.has(saleId)) return;
  autoPrinted.add(saleId);
  void openCustomerReceipt(saleId, true);
}

/** The @page rule for this receipt: the roll's width and the receipt's own length, or A4. */
export function pageRule(paper: PaperWidth, heightMm: number): string {
  const width = ROLL_WIDTH_MM[paper];
  return width === null ? '@page { size: A4; margin: 12mm; }' : `@page { size: ${width}mm ${Math.ceil(heightMm)}mm; margin: 0; }`;
}

/** Prints the receipt on screen (`element`) on one page of the shop's paper. */
export async function printCustomerReceipt(element: HTMLElement): Promise<void> {
  const paper = useCounter.getState().status?.counter.paperWidth ?? '80mm';
  const heightMm = Math.max(40, element.scrollHeight * MM_PER_CSS_PX + 4);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(pageRule(paper, heightMm));
  const root = document.documentElement;
  root.dataset.printing = PRINT_PART;
  root.dataset.paper = paper;
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  try {
    if (installedBridge().carrier === 'ipc') {
      const result = await pos().printReceipt({ paper, heightMm: Math.min(2000, heightMm) });
      useCustomerReceipt.setState({ outcome: result.ok && result.value.printed ? 'printed' : 'not-printed' });
    } else {
      window.print();
    }
  } finally {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
    delete root.dataset.printing;
    delete root.dataset.paper;
  }
}
