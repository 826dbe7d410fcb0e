import type { MeteringCase } from '../metering-case';

// Embeddings: prompt tokens only.
export const EMBEDDINGS_CASES: MeteringCase[] = [
  {
    name: 'embeddings text-embedding-3-small, one short input costs 0.16 micro-dollars (was rounded to zero)',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'text-embedding-3-small',
      input: 'The food was delicious and the waiter…',
    },
    response: {
      json: {
        object: 'list',
        data: [
          {
            object: 'embedding',
            index: 0,
            embedding: [0.0023064255, -0.009327292, -0.0028842222],
          },
        ],
        model: 'text-embedding-3-small',
        usage: {
          prompt_tokens: 8,
          total_tokens: 8,
        },
      },
    },
    expected: {
      priceEntry: 'text-embedding-3-small',
      costNanoUsd: 160,
      promptTokens: 8,
      completionTokens: 0,
    },
    working: 'text-embedding-3-small, µ$/token: in 8 × 0.02 = 0.16 µ$ = 160 n$',
  },
  {
    name: 'embeddings text-embedding-3-small, input array, half a micro-dollar kept exact',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'text-embedding-3-small',
      input: ['chunk 1 of the handbook…', 'chunk 2 of the handbook…', 'chunk 3 of the handbook…'],
    },
    response: {
      json: {
        object: 'list',
        data: [
          {
            object: 'embedding',
            index: 0,
            embedding: [0.011, -0.024, 0.007],
          },
          {
            object: 'embedding',
            index: 1,
            embedding: [0.019, 0.003, -0.015],
          },
          {
            object: 'embedding',
            index: 2,
            embedding: [-0.002, 0.031, 0.012],
          },
        ],
        model: 'text-embedding-3-small',
        usage: {
          prompt_tokens: 2175,
          total_tokens: 2175,
        },
      },
    },
    expected: {
      priceEntry: 'text-embedding-3-small',
      costNanoUsd: 43_500,
      promptTokens: 2175,
      completionTokens: 0,
    },
    working: 'text-embedding-3-small, µ$/token: in 2175 × 0.02 = 43.5 µ$ = 43500 n$',
  },
  {
    name: 'embeddings text-embedding-3-large',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'text-embedding-3-large',
      input: ['a long legal clause…', 'another long legal clause…'],
      encoding_format: 'base64',
    },
    response: {
      json: {
        object: 'list',
        data: [
          {
            object: 'embedding',
            index: 0,
            embedding: 'AAAAAIDcFL0AAAAAQJ6Buw==',
          },
          {
            object: 'embedding',
            index: 1,
            embedding: 'AAAAAAB4ZrwAAAAAIE3WOw==',
          },
        ],
        model: 'text-embedding-3-large',
        usage: {
          prompt_tokens: 5120,
          total_tokens: 5120,
        },
      },
    },
    expected: {
      priceEntry: 'text-embedding-3-large',
      costNanoUsd: 665_600,
      promptTokens: 5120,
      completionTokens: 0,
    },
    working: 'text-embedding-3-large, µ$/token: in 5120 × 0.13 = 665.6 µ$ = 665600 n$',
  },
  {
    name: 'embeddings text-embedding-3-large with dimensions, 6.5 micro-dollars kept exact',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'text-embedding-3-large',
      input: 'Quarterly revenue grew 12 percent year over year, driven by subscriptions.',
      dimensions: 256,
    },
    response: {
      json: {
        object: 'list',
        data: [
          {
            object: 'embedding',
            index: 0,
            embedding: [-0.0412, 0.0178, 0.0093],
          },
        ],
        model: 'text-embedding-3-large',
        usage: {
          prompt_tokens: 50,
          total_tokens: 50,
        },
      },
    },
    expected: {
      priceEntry: 'text-embedding-3-large',
      costNanoUsd: 6500,
      promptTokens: 50,
      completionTokens: 0,
    },
    working: 'text-embedding-3-large, µ$/token: in 50 × 0.13 = 6.5 µ$ = 6500 n$',
  },
  {
    name: 'embeddings text-embedding-ada-002',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'text-embedding-ada-002',
      input: 'legacy index rebuild batch…',
    },
    response: {
      json: {
        object: 'list',
        data: [
          {
            object: 'embedding',
            index: 0,
            embedding: [-0.006929283, -0.005336422, -4.547e-5],
          },
        ],
        model: 'text-embedding-ada-002-v2',
        usage: {
          prompt_tokens: 1000,
          total_tokens: 1000,
        },
      },
    },
    expected: {
      priceEntry: 'text-embedding-ada-002',
      costNanoUsd: 100_000,
      promptTokens: 1000,
      completionTokens: 0,
    },
    working: 'text-embedding-ada-002, µ$/token: in 1000 × 0.1 = 100 µ$ = 100000 n$',
  },
  {
    name: 'azure embeddings text-embedding-3-small priced by the response model',
    provider: 'azure',
    usageFormat: 'openai',
    request: {
      input: ['support article 1…', 'support article 2…'],
    },
    response: {
      json: {
        object: 'list',
        data: [
          {
            object: 'embedding',
            index: 0,
            embedding: [0.0101, -0.0203, 0.0055],
          },
          {
            object: 'embedding',
            index: 1,
            embedding: [0.0044, 0.0312, -0.0187],
          },
        ],
        model: 'text-embedding-3-small',
        usage: {
          prompt_tokens: 3300,
          total_tokens: 3300,
        },
      },
    },
    expected: {
      priceEntry: 'azure/text-embedding-3-small',
      costNanoUsd: 66_000,
      promptTokens: 3300,
      completionTokens: 0,
    },
    working:
      'azure prices the response model text-embedding-3-small; azure/text-embedding-3-small, µ$/token: in 3300 × 0.02 = 66 µ$ = 66000 n$',
  },
  {
    name: 'azure embeddings text-embedding-3-large deployment, fractional',
    provider: 'azure',
    usageFormat: 'openai',
    request: {
      model: 'embed-large-prod',
      input: 'Where is my parcel?',
    },
    response: {
      json: {
        object: 'list',
        data: [
          {
            object: 'embedding',
            index: 0,
            embedding: [0.0217, -0.0132, 0.0009],
          },
        ],
        model: 'text-embedding-3-large',
        usage: {
          prompt_tokens: 777,
          total_tokens: 777,
        },
      },
    },
    expected: {
      priceEntry: 'azure/text-embedding-3-large',
      costNanoUsd: 101_010,
      promptTokens: 777,
      completionTokens: 0,
    },
    working:
      'azure prices the response model text-embedding-3-large (request names deployment embed-large-prod); azure/text-embedding-3-large, µ$/token: in 777 × 0.13 = 101.01 µ$ = 101010 n$',
  },
  {
    name: 'deepinfra embeddings priced by embeddingsCostPerModel',
    provider: 'deepinfra',
    usageFormat: 'openai',
    costMap: {
      embeddingsCostPerModel: {
        'BAAI/bge-large-en-v1.5': 1e-5,
      },
    },
    request: {
      model: 'BAAI/bge-large-en-v1.5',
      input: ['doc one…', 'doc two…', 'doc three…'],
      encoding_format: 'float',
    },
    response: {
      json: {
        object: 'list',
        data: [
          {
            object: 'embedding',
            index: 0,
            embedding: [0.031, -0.012, 0.004],
          },
          {
            object: 'embedding',
            index: 1,
            embedding: [0.027, 0.001, -0.019],
          },
          {
            object: 'embedding',
            index: 2,
            embedding: [-0.008, 0.022, 0.013],
          },
        ],
        model: 'BAAI/bge-large-en-v1.5',
        usage: {
          prompt_tokens: 15000,
          total_tokens: 15000,
          estimated_cost: 0.00015,
        },
      },
    },
    expected: {
      priceEntry: 'costMap/BAAI/bge-large-en-v1.5',
      costNanoUsd: 150_000,
      promptTokens: 15000,
      completionTokens: 0,
    },
    working:
      'costMap BAAI/bge-large-en-v1.5: 0.00001 / 0 USD per 1K = 0.01 / 0 µ$/token; costMap/BAAI/bge-large-en-v1.5, µ$/token: in 15000 × 0.01 = 150 µ$ = 150000 n$',
  },
];
