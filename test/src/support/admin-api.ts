export const E2E_ADMIN_PASS = 'e2e-admin-pass-0123456789';

// A thin client of the admin API for tests: fails loudly with the response body on any non-2xx.
export class AdminApi {
  constructor(
    private readonly baseUrl: string,
    private readonly adminPass: string = E2E_ADMIN_PASS,
  ) {}

  async createProviderSetting(body: unknown): Promise<{ id: string; provider: string }> {
    return this.send('PUT', '/api/provider-settings', body);
  }

  async createKey(body: unknown): Promise<{ keyId: string; key: string }> {
    return this.send('PUT', '/api/key-management/keys', body);
  }

  async createRoute(body: unknown): Promise<{ id: string }> {
    return this.send('POST', '/api/routes', body);
  }

  async raw(
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': this.adminPass, ...headers },
      body,
    });
  }

  private async send<T>(method: string, path: string, body: unknown): Promise<T> {
    const res = await this.raw(method, path, JSON.stringify(body));
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }
}
