// RFC 6901: '~' and '/' inside a member name are escaped, so every pointer names exactly one place.
export function appendPointer(pointer: string, token: string | number): string {
  return `${pointer}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
