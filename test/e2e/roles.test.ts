// Roles in real Chromium against browser mode: the owner sets a PIN, the Settings screen then asks
// for it, a cashier is added and signs in at the register, her name is on the receipt, and Void goes
// through only once the owner's PIN is given.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Sale } from '../../shared/sale';
import { callApi } from '../helpers/browser-mode';
import { counterRig } from '../helpers/counter-rig';
import { makeSale } from '../helpers/owner-sales';

const OWNER_PIN = '4815';
const ANA_PIN = '2468';

const rig = counterRig();

const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true });

describe('roles at the counter', () => {
  it("asks for the owner's PIN on Settings and for Void, and puts the signed-in cashier on the receipt", async () => {
    const mode = await rig.startWith(['--currency', 'EUR']);
    const page = await rig.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(mode.cashierUrl);
    await page.getByText('Sandbox — no real money', { exact: true }).waitFor();

    // No PIN yet: Settings opens for whoever is there. The owner sets one.
    await nav(page, 'Settings').click();
    const access = page.getByRole('group', { name: 'Owner PIN and cashiers' });
    await access.getByLabel('Owner PIN', { exact: true }).fill(OWNER_PIN);
    await access.getByLabel('Repeat the PIN', { exact: true }).fill(OWNER_PIN);
    await access.getByRole('button', { name: 'Set owner PIN' }).click();
    await access.getByText('The owner’s PIN is saved.').waitFor();
    // This window set it, so it stays unlocked until the owner locks it.
    await page.getByRole('group', { name: 'Signed in' }).getByRole('button', { name: 'Lock' }).click();

    // Locked: the Settings screen asks for the PIN instead of showing the settings.
    await nav(page, 'History').click();
    await nav(page, 'Settings').click();
    await page.getByText('Settings are for the owner only.').waitFor();
    expect(await page.getByLabel('Shop name').count()).toBe(0);
    await page.getByLabel('PIN', { exact: true }).fill('0000');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('Wrong PIN.').waitFor();
    await page.getByLabel('PIN', { exact: true }).fill(OWNER_PIN);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByLabel('Shop name').waitFor();

    // A cashier.
    await access.getByRole('button', { name: 'Add cashier' }).click();
    await access.getByLabel('Cashier 1 name').fill('Ana');
    await access.getByLabel('Cashier 1 PIN').fill(ANA_PIN);
    await access.getByRole('button', { name: 'Save cashiers' }).click();
    await access.getByText(/Cashiers saved/).waitFor();
    await page.getByRole('group', { name: 'Signed in' }).getByRole('button', { name: 'Lock' }).click();

    // The register asks for a cashier PIN before the keypad.
    await nav(page, 'Sell').click();
    await page.getByRole('heading', { name: 'Cashier sign-in' }).waitFor();
    expect(await page.getByRole('button', { name: 'Charge', exact: true }).count()).toBe(0);
    for (const digit of ANA_PIN) await page.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Cashier: Ana').waitFor();
    await makeSale(rig.browser, page, '6.40', 'paid');
    const [sale] = await callApi<Sale[]>(mode, 'listSales', {});
    expect(sale).toMatchObject({ status: 'paid', cashier: 'Ana', amountMinor: 640 });

    // Her name is on the receipt.
    await nav(page, 'History').click();
    const row = page.getByRole('table', { name: 'Sales history' }).getByRole('row').filter({ hasText: 'EUR 6.40' });
    await row.getByRole('button', { name: 'Receipt' }).click();
    const receipt = page.getByRole('dialog', { name: 'Receipt' });
    const article = receipt.getByRole('article', { name: 'Receipt' });
    await article.waitFor();
    expect(await text(article)).toMatch(/Cashier\s*Ana/);

    // Void: locked, so the owner's PIN is asked; giving up leaves the sale as it was.
    await receipt.getByRole('button', { name: 'Void sale' }).click();
    const voiding = page.getByRole('dialog', { name: /Void sale/ });
    await voiding.getByLabel('Reason', { exact: true }).fill('Wrong amount keyed');
    await voiding.getByRole('button', { name: 'Confirm' }).click();
    const unlock = page.getByRole('dialog', { name: 'Owner’s PIN' });
    await unlock.waitFor();
    await unlock.getByRole('button', { name: 'Cancel' }).click();
    await voiding.getByText(/Only the owner can do this/).waitFor();
    expect((await callApi<Sale>(mode, 'getSale', { saleId: sale?.id })).status).toBe('paid');
    // Again, with the PIN: the void goes through.
    await voiding.getByRole('button', { name: 'Confirm' }).click();
    await unlock.getByLabel('PIN', { exact: true }).fill(OWNER_PIN);
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await voiding.waitFor({ state: 'detached' });
    await expect.poll(async () => (await callApi<Sale>(mode, 'getSale', { saleId: sale?.id })).status).toBe('voided');
    await expect.poll(async () => text(article)).toMatch(/Voided/);
    expect(await text(receipt.getByRole('region', { name: 'Owner actions taken' }))).toMatch(/owner voided: Wrong amount keyed · Owner/);
    await page.close();
  }, 90_000);
});
