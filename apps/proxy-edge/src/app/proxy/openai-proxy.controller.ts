import { Controller, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { openAiAdapter } from '@tollgate/providers';
import { ProxyService } from './proxy.service';

@Controller('api/providers/openai/v1')
export class OpenAiProxyController {
  constructor(private readonly proxy: ProxyService) {}

  @Post('chat/completions')
  chatCompletions(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.proxy.handle(req, res, { adapter: openAiAdapter, upstreamPath: '/v1/chat/completions' });
  }
}
