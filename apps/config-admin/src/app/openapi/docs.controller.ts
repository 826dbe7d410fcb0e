import { Controller, Get, Header } from '@nestjs/common';
import { API_CATALOG } from './api-catalog';
import { buildOpenApiDocument } from './openapi-document';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

@Controller('api')
export class DocsController {
  private readonly document = buildOpenApiDocument();

  @Get('docs-json')
  json(): Record<string, unknown> {
    return this.document;
  }

  // A self-contained page (no CDN: the gateway may run without internet access).
  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    const rows = API_CATALOG.map(
      (op) =>
        `<tr><td><code>${op.method.toUpperCase()}</code></td><td><code>${escapeHtml(op.path)}</code></td><td>${escapeHtml(op.summary)}</td></tr>`,
    ).join('\n');
    return `<!doctype html><html><head><meta charset="utf-8"><title>Tollgate admin API</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}td{padding:.2rem .8rem;border-bottom:1px solid #ddd}</style></head>
<body><h1>Tollgate admin API</h1><p>OpenAPI 3.1: <a href="/api/docs-json">/api/docs-json</a>. Send <code>X-API-KEY</code>.</p>
<table>${rows}</table></body></html>`;
  }
}
