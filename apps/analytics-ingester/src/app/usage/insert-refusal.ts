// ClickHouse error codes by which it refuses the rows of an insert for their data: the same rows fail again
// whenever they are sent, so the batch is split until each refused row stands alone (it is dead-lettered).
// Any other error (unreachable, timeouts, memory, too many parts, a missing table, authentication) is about
// ClickHouse itself: the batch is retried as it is, never dead-lettered.
const ROW_REFUSAL_CODES = new Map([
  [6, 'CANNOT_PARSE_TEXT'],
  [25, 'CANNOT_PARSE_ESCAPE_SEQUENCE'], // a lone `\ud800` in a string
  [26, 'CANNOT_PARSE_QUOTED_STRING'],
  [27, 'CANNOT_PARSE_INPUT_ASSERTION_FAILED'],
  [38, 'CANNOT_PARSE_DATE'],
  [41, 'CANNOT_PARSE_DATETIME'],
  [53, 'TYPE_MISMATCH'],
  [69, 'ARGUMENT_OUT_OF_BOUND'],
  [70, 'CANNOT_CONVERT_TYPE'],
  [72, 'CANNOT_PARSE_NUMBER'],
  [117, 'INCORRECT_DATA'],
  [131, 'TOO_LARGE_STRING_SIZE'], // a value longer than its FixedString column
  [190, 'SIZES_OF_ARRAYS_DOESNT_MATCH'],
  [321, 'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE'],
  [349, 'CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN'],
  [376, 'CANNOT_PARSE_UUID'],
  [407, 'DECIMAL_OVERFLOW'],
  [469, 'VIOLATED_CONSTRAINT'],
  [691, 'UNKNOWN_ELEMENT_OF_ENUM'],
]);

// The server's code: on the error the client parsed (current servers), or at the head of the message
// ("Code: 25, e.displayText() = ..." from 18.16, which the client does not parse).
function serverCodeOf(error: unknown): number | null {
  if (!(error instanceof Error)) return null;
  const parsed = Number((error as { code?: unknown }).code);
  if (Number.isInteger(parsed) && parsed > 0) return parsed;
  const match = /^Code: (\d+)[.,]/.exec(error.message);
  return match ? Number(match[1]) : null;
}

// Why ClickHouse refused these rows, or null when the error is about ClickHouse, not the rows.
export function clickHouseRefusalOf(error: unknown): string | null {
  const code = serverCodeOf(error);
  if (code === null || !ROW_REFUSAL_CODES.has(code)) return null;
  return `ClickHouse refused the row (${ROW_REFUSAL_CODES.get(code)}): ${(error as Error).message.trim()}`;
}
