// Events published before money became nano-dollars carry micro-dollar fields (costMicroUsd,
// admission.reservedMicroUsd). They are still in Kafka and may be redelivered: they are read as the same
// amounts in nano-dollars, exactly (a micro-dollar is 1,000 nano-dollars), never dropped.
const NANO_PER_MICRO = 1000;

type Fields = Record<string, unknown>;
const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// An integer micro-dollar amount in nano-dollars; anything else is passed on for the schema to refuse.
const nanoOf = (micro: unknown): unknown =>
  Number.isSafeInteger(micro) && Number.isSafeInteger((micro as number) * NANO_PER_MICRO)
    ? (micro as number) * NANO_PER_MICRO
    : micro;

function renamed(fields: Fields, from: string, to: string): Fields {
  if (!(from in fields) || to in fields) return fields;
  const { [from]: micro, ...rest } = fields;
  return { ...rest, [to]: nanoOf(micro) };
}

// A usage event's payload with its micro-dollar fields, if any, as nano-dollar fields.
export function upgradeMicroDollarPayload(payload: unknown): unknown {
  if (!isFields(payload)) return payload;
  const upgraded = renamed(payload, 'costMicroUsd', 'costNanoUsd');
  const admission = upgraded['admission'];
  return isFields(admission)
    ? { ...upgraded, admission: renamed(admission, 'reservedMicroUsd', 'reservedNanoUsd') }
    : upgraded;
}
