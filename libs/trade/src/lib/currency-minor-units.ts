// The minor units of ISO 4217's list one (published 2024-06-25): how many decimal places the
// smallest unit of a currency has. Most have 2; these are the others. currency-minor-units.spec.ts
// checks them against the list as the currency-codes package ships it.
const OTHER_MINOR_UNITS: [number | undefined, string][] = [
  [0, 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'],
  [3, 'BHD IQD JOD KWD LYD OMR TND'],
  [4, 'CLF UYW'],
  // "N.A.": precious metals, bond-market units, the SDR, and the codes for testing and for no currency.
  [undefined, 'XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX'],
];

const MINOR_UNITS = new Map(
  OTHER_MINOR_UNITS.flatMap(([units, codes]) => codes.split(' ').map((code) => [code, units] as const)),
);

/**
 * The decimal places of the smallest unit of an ISO 4217 currency (2 for EUR's cent, 0 for JPY, 3
 * for BHD's fils), or undefined where ISO gives none. Meant for valid codes: any other gets 2, as
 * do SLL and ZWL, withdrawn before the list's issue, which class-validator still accepts.
 */
export const minorUnitsOf = (code: string): number | undefined => (MINOR_UNITS.has(code) ? MINOR_UNITS.get(code) : 2);
