// OpenAI function tools and tool_choice → Anthropic tools and tool_choice.
import { invalid, isObject, unsupported, type Json } from './json-shapes';

export function translateTools(tools: unknown): Json[] | undefined {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) throw invalid('tools', 'tools must be an array');
  return tools.map((tool: unknown, i) => {
    if (!isObject(tool) || tool['type'] !== 'function') {
      throw unsupported(`tools[${i}].type`, 'only function tools can be sent to Anthropic');
    }
    const fn = tool['function'];
    if (!isObject(fn) || typeof fn['name'] !== 'string')
      throw invalid(`tools[${i}].function.name`, 'a tool needs a name');
    const out: Json = {
      name: fn['name'],
      // A function without parameters takes none; Anthropic requires the schema.
      input_schema: isObject(fn['parameters']) ? fn['parameters'] : { type: 'object', properties: {} },
    };
    if (typeof fn['description'] === 'string') out['description'] = fn['description'];
    return out;
  });
}

function choiceOf(toolChoice: unknown): Json | undefined {
  if (toolChoice === undefined || toolChoice === null) return undefined;
  if (toolChoice === 'auto') return { type: 'auto' };
  if (toolChoice === 'none') return { type: 'none' };
  if (toolChoice === 'required') return { type: 'any' };
  if (isObject(toolChoice) && toolChoice['type'] === 'function') {
    const fn = toolChoice['function'];
    if (isObject(fn) && typeof fn['name'] === 'string') return { type: 'tool', name: fn['name'] };
  }
  throw invalid('tool_choice', 'tool_choice must be auto, none, required or a named function');
}

// parallel_tool_calls: false is Anthropic's disable_parallel_tool_use, which lives on tool_choice
// (and means nothing when no tool may be called).
export function translateToolChoice(toolChoice: unknown, parallelToolCalls: unknown): Json | undefined {
  const choice = choiceOf(toolChoice) ?? (parallelToolCalls === false ? { type: 'auto' } : undefined);
  if (choice && parallelToolCalls === false && choice['type'] !== 'none')
    choice['disable_parallel_tool_use'] = true;
  return choice;
}
