// OpenAI message content (a string or an array of parts) → Anthropic content blocks.
import { invalid, isObject, unsupported, type Json } from './json-shapes';

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

function imageBlock(part: Json, param: string): Json {
  const imageUrl = part['image_url'];
  const url = typeof imageUrl === 'string' ? imageUrl : isObject(imageUrl) ? imageUrl['url'] : undefined;
  if (typeof url !== 'string') throw invalid(`${param}.image_url`, 'image_url.url must be a string');
  const data = DATA_URL.exec(url);
  if (data) return { type: 'image', source: { type: 'base64', media_type: data[1], data: data[2] } };
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw invalid(`${param}.image_url`, 'image_url.url must be an http(s) URL or a base64 data URL');
}

function partBlock(part: unknown, param: string): Json | null {
  if (!isObject(part)) throw invalid(param, 'a content part must be an object');
  switch (part['type']) {
    case 'text':
      if (typeof part['text'] !== 'string') throw invalid(`${param}.text`, 'text must be a string');
      // Anthropic refuses empty text blocks; an empty part says nothing.
      return part['text'] === '' ? null : { type: 'text', text: part['text'] };
    case 'refusal':
      return typeof part['refusal'] === 'string' && part['refusal'] !== ''
        ? { type: 'text', text: part['refusal'] }
        : null;
    case 'image_url':
      return imageBlock(part, param);
    default:
      throw unsupported(
        `${param}.type`,
        `content part type ${JSON.stringify(part['type'])} cannot be sent to Anthropic`,
      );
  }
}

export function contentBlocks(content: unknown, param: string): Json[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalid(param, 'content must be a string or an array of parts');
  return (content as unknown[]).flatMap((part, i): Json[] => {
    const block = partBlock(part, `${param}[${i}]`);
    return block ? [block] : [];
  });
}

// Text only (system prompts and tool results in OpenAI may be parts; their text is what Anthropic takes).
export function contentText(content: unknown, param: string): string {
  return contentBlocks(content, param)
    .map((block) => {
      if (block['type'] !== 'text') throw unsupported(param, 'only text is allowed here');
      return block['text'] as string;
    })
    .join('\n');
}
