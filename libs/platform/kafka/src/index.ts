export * from './kafka.client';
export * from './kafka.module';
export * from './kafka-event.publisher';
export * from './envelope-batch.consumer';
export * from './topic-provisioner';
export * from './broker-refusal';
export * from './dead-letters.controller';
export * from './dead-letter.replayer';
