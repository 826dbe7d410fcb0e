// bigint columns arrive as strings from pg; money stays exact as integer micro-dollars.
export const microUsdColumn = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
