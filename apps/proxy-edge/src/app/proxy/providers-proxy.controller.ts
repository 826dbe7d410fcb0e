import { All, Controller, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProxyService } from './proxy.service';

// Every provider path goes through one handler; the route table decides what is served (404 otherwise).
@Controller('api/providers')
export class ProvidersProxyController {
  constructor(private readonly proxy: ProxyService) {}

  @All('*path')
  forward(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.proxy.handle(req, res);
  }
}
