// axe-core (issue 12) on every screen of the counter in real Chromium: the register, payment,
// paid, review and a stopped sale, the owner's history, day close and settings, and the customer
// display idle and paying, at 1280×800 and at 390×844. No violation of any rule axe runs by default.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chargeTyped, counterRig, payOnPhone } from '../helpers/counter-rig';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const rig = counterRig();

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** axe's violations on the page as it is now, as "rule (impact): targets". */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[]; passes: unknown[] }> } }).axe;
    const { violations: found, passes } = await axe.run(document);
    return { found, passed: passes.length };
  })) as { found: Violation[]; passed: number };
  // axe did look: a screen checks dozens of rules (landmarks, names, contrast, focus …).
  expect(result.passed).toBeGreaterThan(15);
  return result.found.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core)', () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    it(`finds nothing on any screen at ${viewport.width}×${viewport.height}`, async () => {
      const current = await rig.start();
      // The page's CSP forbids evaluating a script it did not serve; axe is the test's, not the page's.
      const context = await rig.browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      const found: Record<string, string[]> = {};
      const check = async (screen: string) => {
        found[screen] = await violations(page);
      };
      await page.goto(current.cashierUrl);
      await page.getByText('Sandbox — no real money', { exact: true }).first().waitFor();
      await check('register');

      const display = await context.newPage();
      await display.goto(current.displayUrl);
      await display.getByRole('heading', { name: 'Tea House' }).waitFor();
      found['display idle'] = await violations(display);

      const paid = await chargeTyped(page, current, '12.50');
      await check('payment');
      await display.getByRole('img', { name: /QR/ }).waitFor();
      found['display paying'] = await violations(display);
      await payOnPhone(context, paid.paymentPage as string, 'Simulate payment');
      await page.getByRole('heading', { name: 'Paid' }).waitFor({ timeout: 10_000 });
      await check('paid');
      await page.getByRole('button', { name: 'New sale', exact: true }).click();

      const under = await chargeTyped(page, current, '3');
      await payOnPhone(context, under.paymentPage as string, /^Simulate underpayment/);
      await page.getByRole('heading', { name: 'Needs review' }).waitFor({ timeout: 10_000 });
      await check('review');
      await page.getByRole('button', { name: 'New sale', exact: true }).click();

      await chargeTyped(page, current, '7');
      await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      await page.getByRole('heading', { name: 'Sale cancelled' }).waitFor();
      await check('cancelled');

      const ready = {
        History: () => page.getByRole('table', { name: 'Sales history' }).getByRole('cell').first(),
        'Day close': () => page.getByRole('article', { name: 'Day close report' }),
        Settings: () => page.getByText('At the counter', { exact: true }),
      };
      for (const [view, shown] of Object.entries(ready)) {
        await page.getByRole('button', { name: view, exact: true }).click();
        await shown().waitFor();
        await check(view);
      }
      await context.close();
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((screen) => [screen, []])));
    }, 180_000);
  }
});
