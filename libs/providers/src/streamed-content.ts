import { EVENT_STREAM_CONTENT_TYPE } from './bedrock/event-stream-frames';

// A streamed answer: server-sent events, or AWS's binary event-stream (Bedrock's response streams). Its usage
// is read frame by frame as it passes; it is never buffered whole.
export function isStreamedContentType(contentType: string): boolean {
  return contentType.includes('text/event-stream') || contentType.includes(EVENT_STREAM_CONTENT_TYPE);
}
