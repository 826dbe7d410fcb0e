import { Controller, Get, Module } from '@nestjs/common';
import { DeadLetterCounter } from '@tollgate/platform-bus';

// Dead letters this process has set aside since it started, by topic and cause (logged as they happen too).
// Read by operators and tests until the service exports Prometheus metrics.
@Controller('api/dead-letters')
export class DeadLettersController {
  constructor(private readonly counter: DeadLetterCounter) {}

  @Get()
  list(): ReturnType<DeadLetterCounter['snapshot']> {
    return this.counter.snapshot();
  }
}

// Imported by the services whose consumers dead-letter (the counter itself comes from KafkaModule).
@Module({ controllers: [DeadLettersController] })
export class DeadLettersModule {}
