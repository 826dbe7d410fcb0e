// Money is integer nano-dollars (1e-9 USD) wherever it is stored or sent: events, Redis counters, ClickHouse.
// Prices are turned into integer pico-dollars (1e-12 USD) per unit, a request's cost is summed exactly
// (BigInt, no float rounding on the way) and rounded once, to the nano-dollar.
export const NANO_PER_MICRO = 1_000;
export const NANO_PER_USD = 1_000_000_000;
const PICO_PER_NANO = 1000n;

// The most one request can be billed or reserved: 2^53 - 1 nano-dollars (about $9.007 million), the largest
// amount a JSON number, a Lua number and a JavaScript number all hold exactly.
export const MAX_NANO_USD = Number.MAX_SAFE_INTEGER;

// An amount outside what the gateway can count exactly (not finite, negative, or past MAX_NANO_USD).
export class MoneyRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = MoneyRangeError.name;
  }
}

// A price scaled to integer pico-dollars per unit; `scale` is pico-dollars per price unit (1e6 for USD per
// 1M units, 1e12 for USD per unit).
export function picoOf(price: number, scale: number): bigint {
  const pico = Math.round(price * scale);
  if (!Number.isSafeInteger(pico) || pico < 0)
    throw new MoneyRangeError(`price ${price} is not a finite, non-negative amount the gateway can count`);
  return BigInt(pico);
}

// A count of units (tokens, characters, images, milliseconds) as the exact integer it must be.
export function unitsOf(count: number): bigint {
  if (!Number.isSafeInteger(count) || count < 0)
    throw new MoneyRangeError(`${count} is not a whole, non-negative number of units`);
  return BigInt(count);
}

// Pico-dollars (divided by `per`, e.g. milliseconds per minute) to nano-dollars, rounded once: half up for a
// cost, up for a reservation (never undercounts).
export function nanoFromPico(pico: bigint, rounding: 'half_up' | 'up', per = 1n): number {
  if (pico < 0n) throw new MoneyRangeError(`a cost cannot be negative (${pico} pico-dollars)`);
  const divisor = PICO_PER_NANO * per;
  const whole = pico / divisor;
  const rest = pico % divisor;
  const nano = whole + ((rounding === 'up' ? rest > 0n : rest * 2n >= divisor) ? 1n : 0n);
  if (nano > BigInt(MAX_NANO_USD))
    throw new MoneyRangeError(`${nano} nano-dollars is more than one request can be billed`);
  return Number(nano);
}

// Derived figures for the APIs that speak in micro-dollars or dollars (BricksLLM's costInMicroDollars and
// cost_in_usd): exact decimals of the nano-dollar amount, as close as a JSON number gets.
export const microFromNano = (nano: number): number => nano / NANO_PER_MICRO;
export const usdFromNano = (nano: number): number => nano / NANO_PER_USD;

// Micro-dollar amounts from before nano-dollars (old events, old counters, limits configured in micro-dollars).
export function nanoFromMicro(micro: number): number {
  const nano = micro * NANO_PER_MICRO;
  if (!Number.isSafeInteger(nano) || nano < 0)
    throw new MoneyRangeError(`${micro} micro-dollars is not an amount the gateway can count`);
  return nano;
}
