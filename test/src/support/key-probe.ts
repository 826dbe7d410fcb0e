// Asks the proxy whether it knows a key without reaching any provider: a body that is not JSON is refused
// with 400 after authentication, and with 401 before it when the key is unknown or revoked.
export async function probeKey(proxyUrl: string, key: string): Promise<'accepted' | 'rejected'> {
  const res = await fetch(`${proxyUrl}/api/providers/openai/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: 'not json',
  });
  await res.arrayBuffer();
  if (res.status === 400) return 'accepted';
  if (res.status === 401) return 'rejected';
  throw new Error(`unexpected status ${res.status} from the key probe`);
}

// Polls until the proxy's answer for `key` becomes `wanted`; returns how long that took.
export async function msUntil(
  proxyUrl: string,
  key: string,
  wanted: 'accepted' | 'rejected',
  timeoutMs = 5_000,
): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if ((await probeKey(proxyUrl, key)) === wanted) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the proxy did not report ${wanted} for the key within ${timeoutMs} ms`);
}
