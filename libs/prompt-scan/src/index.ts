export * from './prompt-text.exception';
export type { JsonNode } from './json/json-node';
export { parseLocatedJson, MAX_JSON_DEPTH } from './json/located-json.parser';
export { PROMPT_FORMATS, type PromptFormat } from './formats/prompt-format';
export { promptFormatOfRoute } from './formats/prompt-format-routes';
export { extractPromptTexts, promptTextsOf, type PromptText } from './formats/extract-prompt-texts';
export { rewritePrompt, planRewrite, type TextRedaction, type RawEdit } from './rewrite/rewrite-prompt';
