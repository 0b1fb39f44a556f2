// HTML for the sandbox gateway's payment pages. Pure string building: every value that came from a
// request is escaped, and there is no script at all (the CSP below forbids it anyway).

/** No scripts, no external loads; images only as the inline QR; forms post only back to the sandbox. */
export const SANDBOX_PAGE_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'self'";

export interface PaymentPageView {
  invoiceId: string;
  fiatText: string;
  fiatCode: string;
  cryptoText: string;
  halfCryptoText: string;
  token: string;
  network: string;
  address: string;
  qrDataUrl: string;
  expiresAt: string;
  expired: boolean;
  simulations: readonly { kind: SimulationKind; at: string; outcome: string }[];
}

export type SimulationKind = 'full' | 'under';

export interface SimulationView {
  invoiceId: string;
  kind: SimulationKind;
  paidText: string;
  token: string;
  /** What the counter's webhook answered, or why the notice could not be delivered. */
  outcome: { delivered: true; status: number; answer: string } | { delivered: false; reason: string };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
  body { font: 16px/1.45 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
  main { max-width: 34rem; margin: 2rem auto; background: #fff; border-radius: 12px; padding: 1.5rem 2rem;
         box-shadow: 0 2px 12px rgb(0 0 0 / 8%); }
  .sandbox { background: #fff3c4; border: 2px dashed #c99a00; border-radius: 8px; padding: .6rem 1rem;
             font-weight: 700; text-align: center; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; }
  dt { color: #5b6475; } dd { margin: 0; overflow-wrap: anywhere; }
  .amount { font-size: 1.6rem; font-weight: 700; }
  .qr { display: block; margin: 1rem auto; width: 240px; height: 240px; image-rendering: pixelated; }
  .expired { color: #a4161a; font-weight: 700; }
  form { display: inline-block; margin: .5rem .5rem 0 0; }
  button { font: inherit; padding: .6rem 1.2rem; border-radius: 8px; border: 0; cursor: pointer;
           background: #1f6feb; color: #fff; }
  button.secondary { background: #e8ebf0; color: #1d2330; }
  code { font-size: .9em; }`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="sandbox">Sandbox — no real money. Nothing on this page moves funds.</p>
${body}
</main>
</body>
</html>
`;
}

function simulateForm(invoiceId: string, kind: SimulationKind, label: string, secondary: boolean): string {
  const action = `/pay/${encodeURIComponent(invoiceId)}/simulate`;
  return `<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="kind" value="${kind}">
<button type="submit"${secondary ? ' class="secondary"' : ''}>${escapeHtml(label)}</button>
</form>`;
}

export function renderPaymentPage(view: PaymentPageView): string {
  const crypto = `${view.cryptoText} ${view.token}`;
  const history = view.simulations.length
    ? `<h2>Simulated payments</h2><ul>${view.simulations
        .map((entry) => `<li>${escapeHtml(entry.at)}: ${entry.kind === 'full' ? 'full payment' : 'underpayment'} — ${escapeHtml(entry.outcome)}</li>`)
        .join('')}</ul>`
    : '';
  const body = `<h1>Pay ${escapeHtml(view.fiatText)} ${escapeHtml(view.fiatCode)}</h1>
<p>Send exactly</p>
<p class="amount">${escapeHtml(crypto)}</p>
<img class="qr" src="${escapeHtml(view.qrDataUrl)}" alt="QR code of the receiving address ${escapeHtml(view.address)}">
<dl>
<dt>Amount</dt><dd>${escapeHtml(view.fiatText)} ${escapeHtml(view.fiatCode)}</dd>
<dt>Crypto</dt><dd>${escapeHtml(crypto)}</dd>
<dt>Network</dt><dd>${escapeHtml(view.network)}</dd>
<dt>Address</dt><dd><code>${escapeHtml(view.address)}</code></dd>
<dt>Expires</dt><dd${view.expired ? ' class="expired"' : ''}>${escapeHtml(view.expiresAt)}${view.expired ? ' (expired)' : ''}</dd>
<dt>Invoice</dt><dd><code>${escapeHtml(view.invoiceId)}</code></dd>
</dl>
<p>These buttons send the counter the payment notice a real gateway would send.</p>
${simulateForm(view.invoiceId, 'full', 'Simulate payment', false)}
${simulateForm(view.invoiceId, 'under', `Simulate underpayment (${view.halfCryptoText} ${view.token})`, true)}
${history}`;
  return layout(`Sandbox payment ${view.invoiceId}`, body);
}

export function renderSimulationPage(view: SimulationView): string {
  const what = `${view.kind === 'full' ? 'A payment' : 'An underpayment'} of ${view.paidText} ${view.token}`;
  const result = view.outcome.delivered
    ? `<p>The counter answered <strong>HTTP ${view.outcome.status}</strong>${
        view.outcome.answer ? `: <code>${escapeHtml(view.outcome.answer)}</code>` : ''
      }</p>`
    : `<p class="expired">The notice could not be delivered: ${escapeHtml(view.outcome.reason)}</p>`;
  const back = `/pay/${encodeURIComponent(view.invoiceId)}`;
  const body = `<h1>Notice sent</h1>
<p>${escapeHtml(what)} was reported to the counter.</p>
${result}
<p><a href="${escapeHtml(back)}">Back to the payment page</a></p>`;
  return layout('Sandbox notice sent', body);
}

export function renderNotFoundPage(): string {
  return layout('Invoice not found', '<h1>Invoice not found</h1><p>This sandbox gateway has no such invoice. Sandbox invoices live only while the app runs.</p>');
}
