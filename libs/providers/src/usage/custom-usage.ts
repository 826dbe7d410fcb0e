import type { CustomProviderSnapshot } from '@tollgate/contracts';
import { gjsonText } from '../json/gjson-path';
import type { UsageReader } from '../provider-adapter';
import { FrameCollector } from './stream-collector';

type RouteConfig = CustomProviderSnapshot['route_configs'][number];

// Custom providers report usage in no known shape: the gateway reads the generated text at the route's
// locations (stopping at its stream end word) and estimates.
export function customUsageReader(config: RouteConfig): UsageReader {
  return {
    fromJson: () => null,
    textFromJson: (body) => gjsonText(body, config.response_completion_location),
    streamCollector: () => {
      let ended = false;
      return new FrameCollector({
        text: (_event, data) => {
          if (ended) return '';
          if (config.stream_end_word && data === config.stream_end_word) {
            ended = true;
            return '';
          }
          return gjsonText(
            data,
            config.stream_response_completion_location ?? config.response_completion_location,
          );
        },
      });
    },
  };
}
