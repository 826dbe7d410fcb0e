import type { MeteringCase } from '../metering-case';

// Per-unit prices (prices.extra.json): images by quality and size, speech by input character (code point),
// transcription and translation by audio minute; token-priced image and transcription models by their tokens.
export const IMAGES_AUDIO_CASES: MeteringCase[] = [
  {
    name: 'images dall-e-3 with default size and quality',
    provider: 'openai',
    usageFormat: 'responses',
    unit: 'images',
    request: {
      model: 'dall-e-3',
      prompt: 'A lighthouse at dusk, watercolour',
    },
    response: {
      json: {
        created: 1763979085,
        data: [
          {
            revised_prompt:
              'A watercolour painting of a tall white lighthouse on a rocky shore at dusk, warm orange sky reflected in calm water.',
            url: 'https://oaidalleapiprodscus.blob.core.windows.net/private/org-puraPaQNd7cCAUCjjsI0qePp/user-4hV3iyvsPBwMy1FQXkdCaxFc/img-HsLJvyQSpRGxSUFGzxMd2Cds.png?st=2026-11-30T09%3A12%3A44Z&se=2026-11-30T11%3A12%3A44Z&sp=r&sv=2024-08-04&sr=b&rscd=inline&rsct=image/png&sig=nYBNoFzj55xQyIaLN5TTdcTwBXbkznyAbxXt4PtjENw%3D',
          },
        ],
      },
    },
    expected: {
      priceEntry: 'dall-e-3',
      costNanoUsd: 40_000_000,
      promptTokens: 0,
      completionTokens: 0,
    },
    working: 'dall-e-3 standard|1024x1024: 1 image(s) × $0.04 = 40000 µ$ = 40000000 n$',
  },
  {
    name: 'images dall-e-3 standard 1792x1024',
    provider: 'openai',
    usageFormat: 'responses',
    unit: 'images',
    request: {
      model: 'dall-e-3',
      prompt: 'Panorama of a mountain village',
      size: '1792x1024',
      quality: 'standard',
    },
    response: {
      json: {
        created: 1763828155,
        data: [
          {
            revised_prompt:
              'A wide panoramic view of a small alpine village with wooden chalets beneath snow-capped peaks.',
            url: 'https://oaidalleapiprodscus.blob.core.windows.net/private/org-JcGS6DkZaaRAdd0ZjQGgMmv4/user-qZoswqPrp8CSxXGenMYUpa0x/img-EX1BBPk8lVI8pn3QJCX1I2hD.png?st=2026-11-30T09%3A12%3A44Z&se=2026-11-30T11%3A12%3A44Z&sp=r&sv=2024-08-04&sr=b&rscd=inline&rsct=image/png&sig=I1SBNkp0CfkmxFcEv7fmerCSXd6yGen6nvVpTwTgRhS%3D',
          },
        ],
      },
    },
    expected: {
      priceEntry: 'dall-e-3',
      costNanoUsd: 80_000_000,
      promptTokens: 0,
      completionTokens: 0,
    },
    working: 'dall-e-3 standard|1792x1024: 1 image(s) × $0.08 = 80000 µ$ = 80000000 n$',
  },
  {
    name: 'images dall-e-3 hd 1024x1792',
    provider: 'openai',
    usageFormat: 'responses',
    unit: 'images',
    request: {
      model: 'dall-e-3',
      prompt: 'Poster of a jazz festival',
      size: '1024x1792',
      quality: 'hd',
      style: 'vivid',
    },
    response: {
      json: {
        created: 1763881439,
        data: [
          {
            revised_prompt:
              'A vivid vertical poster for a jazz festival featuring a saxophonist silhouetted against neon city lights.',
            url: 'https://oaidalleapiprodscus.blob.core.windows.net/private/org-eTqzqQiorZg1HeywVLz6WoId/user-Q7rAQWpOQ3aQfzpYOy2xBLQW/img-iWxXlTjXJYf3TfvL5iQvJLCG.png?st=2026-11-30T09%3A12%3A44Z&se=2026-11-30T11%3A12%3A44Z&sp=r&sv=2024-08-04&sr=b&rscd=inline&rsct=image/png&sig=X9C4VNFouCFRRS5NUMydotCYYbE5qi0Xf6LOo9h4hM0%3D',
          },
        ],
      },
    },
    expected: {
      priceEntry: 'dall-e-3',
      costNanoUsd: 120_000_000,
      promptTokens: 0,
      completionTokens: 0,
    },
    working: 'dall-e-3 hd|1024x1792: 1 image(s) × $0.12 = 120000 µ$ = 120000000 n$',
  },
  {
    name: 'images dall-e-3 hd 1024x1024',
    provider: 'openai',
    usageFormat: 'responses',
    unit: 'images',
    request: {
      model: 'dall-e-3',
      prompt: 'Isometric cosy library',
      quality: 'hd',
      response_format: 'b64_json',
    },
    response: {
      json: {
        created: 1763926374,
        data: [
          {
            revised_prompt:
              'An isometric illustration of a cosy two-storey library with a spiral staircase and warm lamps.',
            b64_json: 'iVBORw0KGgoAAAANSUhEUgAAQwJycbeaYpQ0U2Sw9r0UfNzBClzqez1gpo8ajH79',
          },
        ],
      },
    },
    expected: {
      priceEntry: 'dall-e-3',
      costNanoUsd: 80_000_000,
      promptTokens: 0,
      completionTokens: 0,
    },
    working: 'dall-e-3 hd|1024x1024: 1 image(s) × $0.08 = 80000 µ$ = 80000000 n$',
  },
  {
    name: 'images dall-e-2 256x256, n = 3',
    provider: 'openai',
    usageFormat: 'responses',
    unit: 'images',
    request: {
      model: 'dall-e-2',
      prompt: 'A red fox icon, flat design',
      size: '256x256',
      n: 3,
    },
    response: {
      json: {
        created: 1763824704,
        data: [
          {
            url: 'https://oaidalleapiprodscus.blob.core.windows.net/private/org-RUnqP9zF0LGhlCbkQtNauWxY/user-PMUbwht1tJHZGAaAlZZCIOG9/img-HCemW7TFbviNx4iWVsOjcd5R.png?st=2026-11-30T09%3A12%3A44Z&se=2026-11-30T11%3A12%3A44Z&sp=r&sv=2024-08-04&sr=b&rscd=inline&rsct=image/png&sig=qkG7QkNFmXbswiYCBsXLXfSFbykcVbIhTKdvU7DXL0X%3D',
          },
          {
            url: 'https://oaidalleapiprodscus.blob.core.windows.net/private/org-b9cSUMNVkeuPpjdi2zP9vgtp/user-efE2u3mAgtNcjKb1rm01UTYj/img-fMslVZDYcbOieMhWlJRWH26C.png?st=2026-11-30T09%3A12%3A44Z&se=2026-11-30T11%3A12%3A44Z&sp=r&sv=2024-08-04&sr=b&rscd=inline&rsct=image/png&sig=ENTD6l7XR1ULZQF677kwCF00XTPf83TBiKiXHNEmUFx%3D',
          },
          {
            url: 'https://oaidalleapiprodscus.blob.core.windows.net/private/org-npgXmTwaKPKpLv0Cho2Hvwts/user-mD6JBlEhEXug1zGiOz2qOmeq/img-EtePEFwfojFcEhNUdRiMFiif.png?st=2026-11-30T09%3A12%3A44Z&se=2026-11-30T11%3A12%3A44Z&sp=r&sv=2024-08-04&sr=b&rscd=inline&rsct=image/png&sig=r750xlT9Lk6Wp3BNSD9Db4NiAIHhVSssMGVMPEa93mA%3D',
          },
        ],
      },
    },
    expected: {
      priceEntry: 'dall-e-2',
      costNanoUsd: 48_000_000,
      promptTokens: 0,
      completionTokens: 0,
    },
    working: 'dall-e-2 standard|256x256: 3 image(s) × $0.016 = 48000 µ$ = 48000000 n$',
  },
  {
    name: 'images dall-e-2 512x512 b64_json, n = 2',
    provider: 'openai',
    usageFormat: 'responses',
    unit: 'images',
    request: {
      model: 'dall-e-2',
      prompt: 'Pixel-art treasure chest',
      size: '512x512',
      n: 2,
      response_format: 'b64_json',
    },
    response: {
      json: {
        created: 1763911249,
        data: [
          {
            b64_json: 'iVBORw0KGgoAAAANSUhEUgAAaeB2bPT4k7doE3ZHq3F2aiYAuIUgvZspsal9IVft',
          },
          {
            b64_json: 'iVBORw0KGgoAAAANSUhEUgAADwmB4DryHctg3D6HP7tH2c2hpUq1nGng9Y7UW3sY',
          },
        ],
      },
    },
    expected: {
      priceEntry: 'dall-e-2',
      costNanoUsd: 36_000_000,
      promptTokens: 0,
      completionTokens: 0,
    },
    working: 'dall-e-2 standard|512x512: 2 image(s) × $0.018 = 36000 µ$ = 36000000 n$',
  },
  {
    name: 'images dall-e-2 default size, n = 4',
    provider: 'openai',
    usageFormat: 'responses',
    unit: 'images',
    request: {
      model: 'dall-e-2',
      prompt: 'Sketch of a bicycle',
      n: 4,
    },
    response: {
      json: {
        created: 1763978463,
        data: [
          {
            url: 'https://oaidalleapiprodscus.blob.core.windows.net/private/org-S6tErFVRbL5g4O3w77OOxmP8/user-vPNkFb0pgyvGzIz5913faZGk/img-kt0L93Z4fXUmLgKWvkLQjbgv.png?st=2026-11-30T09%3A12%3A44Z&se=2026-11-30T11%3A12%3A44Z&sp=r&sv=2024-08-04&sr=b&rscd=inline&rsct=image/png&sig=n1nh9miocmxqEvvy4Av75jGQ7DXC4Ca9lxEKamftqHh%3D',
          },
          {
            url: 'https://oaidalleapiprodscus.blob.core.windows.net/private/org-4Hi8my2nluC0XhPOwqRe1Bzg/user-tcyDzC5hNb0qWcm2i9L0wwyN/img-YwNzFEIqciAYcDMhVCrzS8PV.png?st=2026-11-30T09%3A12%3A44Z&se=2026-11-30T11%3A12%3A44Z&sp=r&sv=2024-08-04&sr=b&rscd=inline&rsct=image/png&sig=n8pEtEkoYDfdVkL4B7imAC3XEiGGM9l2LNq3wQFm4Si%3D',
          },
          {
            url: 'https://oaidalleapiprodscus.blob.core.windows.net/private/org-T9o7ZHVxxOfWBANCX3Vfpv4j/user-vkjbHZb9lpK52gruhtcYNbad/img-paZHoo8QhXDhdRQmYDbN2yl9.png?st=2026-11-30T09%3A12%3A44Z&se=2026-11-30T11%3A12%3A44Z&sp=r&sv=2024-08-04&sr=b&rscd=inline&rsct=image/png&sig=gn5aKpQ2KQrcrGHAWnJcZKcMd0o9JBPABhtrrLx1MaO%3D',
          },
          {
            url: 'https://oaidalleapiprodscus.blob.core.windows.net/private/org-HXJ4AsVFy0HAMLg2Gt1LjvUH/user-rReC7uP2V0pHzHIog5tyOrON/img-jnXi9sIW97snVBMK61XTQDAN.png?st=2026-11-30T09%3A12%3A44Z&se=2026-11-30T11%3A12%3A44Z&sp=r&sv=2024-08-04&sr=b&rscd=inline&rsct=image/png&sig=UpgSs0XuJtKiyZBp5NRGCDyAjHkqZNy5Q6KxDXXmlWl%3D',
          },
        ],
      },
    },
    expected: {
      priceEntry: 'dall-e-2',
      costNanoUsd: 80_000_000,
      promptTokens: 0,
      completionTokens: 0,
    },
    working: 'dall-e-2 standard|1024x1024: 4 image(s) × $0.02 = 80000 µ$ = 80000000 n$',
  },
  {
    name: 'images gpt-image-1 billed by its reported tokens',
    provider: 'openai',
    usageFormat: 'responses',
    unit: 'images',
    request: {
      model: 'gpt-image-1',
      prompt: 'A sticker of a smiling avocado',
      size: '1024x1024',
      quality: 'medium',
    },
    response: {
      json: {
        created: 1763806667,
        background: 'opaque',
        data: [
          {
            b64_json: 'iVBORw0KGgoAAAANSUhEUgAAMaE32dJ2sNNfhKHFdKzkmo9k5hsylg0VI2iW337a',
          },
        ],
        output_format: 'png',
        quality: 'medium',
        size: '1024x1024',
        usage: {
          input_tokens: 50,
          input_tokens_details: {
            image_tokens: 0,
            text_tokens: 50,
          },
          output_tokens: 1056,
          total_tokens: 1106,
        },
      },
    },
    expected: {
      priceEntry: 'gpt-image-1',
      costNanoUsd: 42_490_000,
      promptTokens: 50,
      completionTokens: 1056,
    },
    working:
      'gpt-image-1 reports token usage, billed per token: in 50 × 5 + out 1056 × 40 = 250 + 42240 = 42490 µ$ = 42490000 n$',
  },
  {
    name: 'speech tts-1, ASCII input',
    provider: 'openai',
    usageFormat: 'none',
    unit: 'speech_characters',
    request: {
      model: 'tts-1',
      input: 'The quick brown fox jumps over the lazy dog.',
      voice: 'alloy',
    },
    response: {
      json: null,
    },
    expected: {
      priceEntry: 'tts-1',
      costNanoUsd: 660_000,
      promptTokens: 0,
      completionTokens: 0,
    },
    working: 'tts-1: 44 characters (code points) × 15 µ$ = 660 µ$ = 660000 n$',
  },
  {
    name: 'speech tts-1-hd, accented and emoji input counts code points',
    provider: 'openai',
    usageFormat: 'none',
    unit: 'speech_characters',
    request: {
      model: 'tts-1-hd',
      input: 'Grüß Gott! Ça va? Señor Müller 👋',
      voice: 'alloy',
      response_format: 'opus',
    },
    response: {
      json: null,
    },
    expected: {
      priceEntry: 'tts-1-hd',
      costNanoUsd: 960_000,
      promptTokens: 0,
      completionTokens: 0,
    },
    working: 'tts-1-hd: 32 characters (code points) × 30 µ$ = 960 µ$ = 960000 n$',
  },
  {
    name: 'speech tts-1, Japanese text with a variation selector',
    provider: 'openai',
    usageFormat: 'none',
    unit: 'speech_characters',
    request: {
      model: 'tts-1',
      input: '今日はいい天気ですね。☀️ 散歩に行きましょう！',
      voice: 'nova',
      speed: 1.1,
    },
    response: {
      json: null,
    },
    expected: {
      priceEntry: 'tts-1',
      costNanoUsd: 360_000,
      promptTokens: 0,
      completionTokens: 0,
    },
    working: 'tts-1: 24 characters (code points) × 15 µ$ = 360 µ$ = 360000 n$',
  },
  {
    name: 'speech tts-1-hd, long paragraph',
    provider: 'openai',
    usageFormat: 'none',
    unit: 'speech_characters',
    request: {
      model: 'tts-1-hd',
      input:
        'Welcome to the quarterly all-hands. Today we will cover three topics: the product roadmap for next year, the results of the customer satisfaction survey, and the new on-call rotation. Please hold your questions until the end.',
      voice: 'alloy',
      response_format: 'mp3',
    },
    response: {
      json: null,
    },
    expected: {
      priceEntry: 'tts-1-hd',
      costNanoUsd: 6_750_000,
      promptTokens: 0,
      completionTokens: 0,
    },
    working: 'tts-1-hd: 225 characters (code points) × 30 µ$ = 6750 µ$ = 6750000 n$',
  },
  {
    name: 'transcription whisper-1 json with usage seconds',
    provider: 'openai',
    usageFormat: 'responses',
    unit: 'audio_minutes',
    request: {
      model: 'whisper-1',
      response_format: 'json',
    },
    response: {
      json: {
        text: 'Hi, this is Dana from accounts. Please call me back about invoice 2291.',
        usage: {
          type: 'duration',
          seconds: 9,
        },
      },
    },
    expected: {
      priceEntry: 'whisper-1',
      costNanoUsd: 900_000,
      promptTokens: 0,
      completionTokens: 0,
    },
    working: 'whisper-1: usage.seconds 9 s / 60 × $0.006/min = 900 µ$ = 900000 n$',
  },
  {
    name: 'transcription whisper-1 verbose_json duration',
    provider: 'openai',
    usageFormat: 'responses',
    unit: 'audio_minutes',
    request: {
      model: 'whisper-1',
      response_format: 'verbose_json',
      'timestamp_granularities[]': 'segment',
    },
    response: {
      json: {
        task: 'transcribe',
        language: 'english',
        duration: 8.470000267028809,
        text: 'The stale smell of old beer lingers. It takes heat to bring out the odor.',
        segments: [
          {
            id: 0,
            seek: 0,
            start: 0.0,
            end: 3.319999933242798,
            text: ' The stale smell of old beer lingers.',
            tokens: [50364, 440, 342, 1220, 4316, 295, 1331, 8795, 287, 1680, 13, 50530],
            temperature: 0.0,
            avg_logprob: -0.2860786020755768,
            compression_ratio: 1.2363636493682861,
            no_speech_prob: 0.00985979475080967,
          },
          {
            id: 1,
            seek: 0,
            start: 3.319999933242798,
            end: 8.470000267028809,
            text: ' It takes heat to bring out the odor.',
            tokens: [50530, 467, 2516, 3738, 281, 1565, 484, 264, 20465, 13, 50788],
            temperature: 0.0,
            avg_logprob: -0.2860786020755768,
            compression_ratio: 1.2363636493682861,
            no_speech_prob: 0.00985979475080967,
          },
        ],
      },
    },
    expected: {
      priceEntry: 'whisper-1',
      costNanoUsd: 847_000,
      promptTokens: 0,
      completionTokens: 0,
    },
    working:
      'whisper-1: duration 8.470000267028809 s / 60 × $0.006/min = 847.0000267028809 µ$ = 847000.0267028809 n$ → 847000 n$',
  },
  {
    name: 'translation whisper-1 verbose_json duration',
    provider: 'openai',
    usageFormat: 'responses',
    unit: 'audio_minutes',
    request: {
      model: 'whisper-1',
      response_format: 'verbose_json',
    },
    response: {
      json: {
        task: 'translate',
        language: 'german',
        duration: 61.25,
        text: 'Good morning, everyone. The train to Munich is delayed by about twenty minutes.',
        segments: [],
      },
    },
    expected: {
      priceEntry: 'whisper-1',
      costNanoUsd: 6_125_000,
      promptTokens: 0,
      completionTokens: 0,
    },
    working: 'whisper-1: duration 61.25 s / 60 × $0.006/min = 6125 µ$ = 6125000 n$',
  },
  {
    name: 'transcription whisper-1, twelve and a half minutes',
    provider: 'openai',
    usageFormat: 'responses',
    unit: 'audio_minutes',
    request: {
      model: 'whisper-1',
      response_format: 'json',
      language: 'en',
    },
    response: {
      json: {
        text: 'Okay, let us get started with the weekly sync…',
        usage: {
          type: 'duration',
          seconds: 754,
        },
      },
    },
    expected: {
      priceEntry: 'whisper-1',
      costNanoUsd: 75_400_000,
      promptTokens: 0,
      completionTokens: 0,
    },
    working: 'whisper-1: usage.seconds 754 s / 60 × $0.006/min = 75400 µ$ = 75400000 n$',
  },
  {
    name: 'transcription gpt-4o-transcribe billed by its reported tokens',
    provider: 'openai',
    usageFormat: 'responses',
    unit: 'audio_minutes',
    request: {
      model: 'gpt-4o-transcribe',
      response_format: 'json',
    },
    response: {
      json: {
        text: 'Please leave the parcel with the neighbour at number twelve.',
        usage: {
          type: 'tokens',
          input_tokens: 14,
          input_token_details: {
            text_tokens: 0,
            audio_tokens: 14,
          },
          output_tokens: 45,
          total_tokens: 59,
        },
      },
    },
    expected: {
      priceEntry: 'gpt-4o-transcribe',
      costNanoUsd: 534_000,
      promptTokens: 14,
      completionTokens: 45,
    },
    working:
      'gpt-4o-transcribe reports token usage, billed per token: in 14 × 6 + out 45 × 10 = 84 + 450 = 534 µ$ = 534000 n$',
  },
];
