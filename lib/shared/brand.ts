// Next bundles route handlers and pages separately, each with its own copy of a class, so plain
// `instanceof` fails for an object made by another bundle's copy. A registry-wide symbol
// (`Symbol.for`) set on every instance lets `Symbol.hasInstance` hold across copies.

/** True when `value` carries `brand`, whichever bundle's copy of the class made it. */
export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
