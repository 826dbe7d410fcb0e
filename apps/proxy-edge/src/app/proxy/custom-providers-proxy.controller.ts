import { All, Controller, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CustomProviderRoutes } from '../routing/custom-provider-routes';
import { ProxyService } from './proxy.service';

@Controller('api/custom/providers')
export class CustomProvidersProxyController {
  constructor(
    private readonly proxy: ProxyService,
    private readonly routes: CustomProviderRoutes,
  ) {}

  @All('*path')
  forward(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.proxy.handle(req, res, this.routes.resolve(req.method, req.url));
  }
}
