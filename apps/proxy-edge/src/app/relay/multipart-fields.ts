// How much of a multipart upload is read before the request is authorized: its small text fields (model,
// size, quality, n) come before the file in every official SDK's uploads. The head is kept and forwarded;
// the rest streams through unread.
export const UPLOAD_HEAD_BYTES = 64 * 1024;

const FIELD =
  /content-disposition:\s*form-data;\s*name="([^"]+)"\r\n(?:[^\r\n]+\r\n)*\r\n([^\r]{0,256})\r\n--/gi;

export function isMultipart(contentType: string): boolean {
  return /^multipart\/form-data\b/i.test(contentType);
}

// The text fields found in an upload's head, read once (linear in the head's length); the first value of
// a name wins.
export function multipartFields(head: Buffer): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, name, value] of head.toString('latin1').matchAll(FIELD)) {
    if (name && value !== undefined && !(name in fields)) fields[name] = value;
  }
  return fields;
}
