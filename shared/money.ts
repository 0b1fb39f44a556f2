// Money is never a float: fiat is integer minor units plus an ISO 4217 code, crypto stays a decimal string.

/** ISO 4217 codes whose minor unit is not 2 decimals. */
const EXPONENT_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** Active ISO 4217 codes with two decimals (fund and metal codes left out: a shop does not price in them). */
const TWO_DECIMAL_CODES =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD ' +
  'GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD ' +
  'MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP ' +
  'PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS ' +
  'TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VED VES WST XCD YER ZAR ZMW ZWG';

const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...TWO_DECIMAL_CODES.split(' ').map((code) => [code, 2] as const),
  ...Object.entries(EXPONENT_EXCEPTIONS),
]);

export function isKnownCurrency(code: string): boolean {
  return EXPONENTS.has(code);
}

export function currencyExponent(code: string): number {
  const exponent = EXPONENTS.get(code);
  if (exponent === undefined) throw new Error(`Unknown currency code: ${code}`);
  return exponent;
}

export const KNOWN_CURRENCIES: readonly string[] = [...EXPONENTS.keys()].sort();

/** The known codes grouped by exponent (2, then 0, 3 and 4: the order they first appear in KNOWN_CURRENCIES). */
export const CURRENCIES_BY_EXPONENT: ReadonlyMap<number, readonly string[]> = KNOWN_CURRENCIES.reduce((map, code) => {
  const exponent = currencyExponent(code);
  map.set(exponent, [...(map.get(exponent) ?? []), code]);
  return map;
}, new Map<number, string[]>());

/** The largest amount the counter accepts, in minor units; keeps every value a safe integer. */
export const MAX_AMOUNT_MINOR = 99_999_999_999;

export type ParseResult = { ok: true; minor: number } | { ok: false; message: string };

/**
 * Parses a decimal amount typed by a person ("12.5", "12.50", "1,5" is refused) into minor units,
 * refusing more decimals than the currency has. Never goes through a float.
 */
export function parseAmount(text: string, currency: string): ParseResult {
  const exponent = currencyExponent(currency);
  const match = /^(\d{1,15})(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return { ok: false, message: `"${text}" is not an amount: use digits and at most one decimal point` };
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) {
    return {
      ok: false,
      message:
        exponent === 0
          ? `${currency} has no decimals`
          : `${currency} has at most ${exponent} decimal${exponent === 1 ? '' : 's'}`,
    };
  }
  const digits = whole + fraction.padEnd(exponent, '0');
  const minor = Number(BigInt(digits));
  if (minor <= 0) return { ok: false, message: 'The amount must be more than zero' };
  if (minor > MAX_AMOUNT_MINOR) return { ok: false, message: 'The amount is too large' };
  return { ok: true, minor };
}

/** An integer count of 10^-scale units → plain decimal text with exactly `scale` decimals (1250n, 2 → "12.50"). */
export function scaledToDecimal(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${body}` : body;
}

/** Minor units → plain decimal text with exactly the currency's decimals ("12.50", "1000", "1.250"). */
export function minorToDecimal(minor: number, currency: string): string {
  return scaledToDecimal(BigInt(minor), currencyExponent(currency));
}

/** Human formatting for screens and receipts: "EUR 12.50". Grouping is left to the locale-free code. */
export function formatMoney(minor: number, currency: string): string {
  return `${currency} ${minorToDecimal(minor, currency)}`;
}

/** An exact decimal: value = digits × 10^-scale. */
export interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

const DECIMAL_PATTERN = /^(-?)(\d{1,40})(?:\.(\d{1,40}))?$/;

/** Parses a decimal string such as "1.580437" exactly; null when it is not one. */
export function parseDecimal(text: string): Decimal | null {
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return null;
  const fraction = match[3] ?? '';
  const magnitude = BigInt((match[2] ?? '0') + fraction);
  return { digits: match[1] === '-' ? -magnitude : magnitude, scale: fraction.length };
}

/** Compares two exact decimals: -1, 0 or 1. */
export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const left = a.digits * 10n ** BigInt(scale - a.scale);
  const right = b.digits * 10n ** BigInt(scale - b.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Minor units as an exact decimal of the currency's scale. */
export function minorToExact(minor: number, currency: string): Decimal {
  return { digits: BigInt(minor), scale: currencyExponent(currency) };
}

/**
 * A decimal string → minor units when it is exactly representable in the currency ("1.450" EUR → 145);
 * null when it carries a non-zero digit beyond the currency's decimals or is not a decimal.
 */
export function decimalToMinor(text: string, currency: string): number | null {
  const parsed = parseDecimal(text);
  if (!parsed) return null;
  const exponent = currencyExponent(currency);
  if (parsed.scale <= exponent) {
    const minor = parsed.digits * 10n ** BigInt(exponent - parsed.scale);
    return minor <= BigInt(Number.MAX_SAFE_INTEGER) && minor >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : null;
  }
  const divisor = 10n ** BigInt(parsed.scale - exponent);
  if (parsed.digits % divisor !== 0n) return null;
  const minor = parsed.digits / divisor;
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) && minor >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : null;
}

/**
 * The contract demands fiatAmount as a JSON number. Minor units → the number whose shortest
 * decimal form is exactly the amount (1450 EUR minor → 14.5); this is the only float in the app.
 */
export function minorToJsonNumber(minor: number, currency: string): number {
  return Number(minorToDecimal(minor, currency));
}
