import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod, type Type } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { HealthModule } from '@tollgate/platform-observability';
import { CustomProvidersController } from '../custom-providers/custom-providers.controller';
import { KeysController, KeysV2Controller } from '../keys/keys.controller';
import { PoliciesController } from '../policies/policies.controller';
import { ProviderSettingsController } from '../provider-settings/provider-settings.controller';
import { PricingController } from '../pricing/pricing.controller';
import { EventsController, ReportingController } from '../reporting/reporting.controller';
import { RoutesController } from '../routes/routes.controller';
import { UsersController } from '../users/users.controller';
import { API_CATALOG } from './api-catalog';
import { DocsController } from './docs.controller';
import { buildOpenApiDocument } from './openapi-document';

const healthControllers = (Reflect.getMetadata('controllers', HealthModule) as Type[] | undefined) ?? [];
const CONTROLLERS: Type[] = [
  ...healthControllers,
  KeysController,
  KeysV2Controller,
  ProviderSettingsController,
  CustomProvidersController,
  RoutesController,
  PoliciesController,
  UsersController,
  ReportingController,
  EventsController,
  PricingController,
  DocsController,
];

// Every (method, path) the controllers serve, read from Nest's own route metadata.
function servedRoutes(): string[] {
  const routes: string[] = [];
  for (const controller of CONTROLLERS) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const proto = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      // A handler may serve several paths (an alias).
      const subs = [Reflect.getMetadata(PATH_METADATA, handler) ?? '/'].flat() as string[];
      for (const sub of subs) {
        const path = `/${[base, sub]
          .map((p) => p.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/')}`.replace(/[:*](\w+)/g, '{$1}');
        routes.push(`${RequestMethod[method].toLowerCase()} ${path}`);
      }
    }
  }
  return routes.sort();
}

describe('API_CATALOG', () => {
  it('documents exactly the routes the controllers serve', () => {
    expect(healthControllers.length).toBeGreaterThan(0);
    expect(API_CATALOG.map((op) => `${op.method} ${op.path}`).sort()).toEqual(servedRoutes());
  });
});

describe(buildOpenApiDocument.name, () => {
  const document = buildOpenApiDocument() as {
    openapi: string;
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content: { 'application/json': { schema: Record<string, unknown> } } };
          responses: Record<string, unknown>;
        }
      >
    >;
  };

  it('is OpenAPI 3.1 with every catalogued operation', () => {
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.values(document.paths).reduce(
      (n, methods) => n + Object.keys(methods).length,
      0,
    );
    expect(operations).toBe(API_CATALOG.length);
  });

  it('describes request bodies from the validation schemas (required fields, enums)', () => {
    const createKey =
      document.paths['/api/key-management/keys']?.['put']?.requestBody?.content['application/json'].schema;
    expect(createKey?.['required']).toEqual(expect.arrayContaining(['name', 'key']));
    const createRoute = document.paths['/api/routes']?.['post']?.requestBody?.content['application/json']
      .schema as {
      properties: { retryStrategy: { enum?: string[] } };
    };
    expect(createRoute.properties.retryStrategy.enum).toEqual(['', 'constant', 'exponential']);
  });

  it('documents 401 and 429 on protected endpoints and not on health', () => {
    expect(Object.keys(document.paths['/api/routes']?.['post']?.responses ?? {})).toEqual([
      '200',
      '400',
      '401',
      '409',
      '429',
    ]);
    expect(Object.keys(document.paths['/api/health']?.['get']?.responses ?? {})).toEqual(['200']);
  });
});
