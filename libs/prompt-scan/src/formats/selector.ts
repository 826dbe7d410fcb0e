// A path into a JSON document, written as steps: a member name, EACH (every array item or member value), or
// a test the object reached must pass (such as "its type is tool_result"). Selecting a path gives the
// strings found at its end; anything else there (numbers, objects, arrays) is not prompt text.
import type { JsonNode, JsonObjectNode, JsonStringNode } from '../json/json-node';
import { appendPointer } from '../json/json-pointer';

export const EACH = Symbol('each');
// Every node below (and including) the one reached: the strings anywhere in a body of unknown shape.
export const DEEP = Symbol('deep');
export type ObjectTest = (node: JsonObjectNode) => boolean;
export type SelectorStep = string | typeof EACH | typeof DEEP | ObjectTest;
export type Selector = readonly SelectorStep[];

export interface SelectedString {
  readonly pointer: string;
  readonly node: JsonStringNode;
}

interface Located {
  readonly pointer: string;
  readonly node: JsonNode;
}

export function select(root: JsonNode, selector: Selector): SelectedString[] {
  let reached: Located[] = [{ pointer: '', node: root }];
  for (const step of selector) reached = reached.flatMap((at) => stepFrom(at, step));
  return reached.flatMap(({ pointer, node }) => (node.kind === 'string' ? [{ pointer, node }] : []));
}

function stepFrom(at: Located, step: SelectorStep): Located[] {
  if (step === DEEP) return descendants(at);
  const { pointer, node } = at;
  if (node.kind === 'array') {
    return step === EACH
      ? node.items.map((item, i) => ({ pointer: appendPointer(pointer, i), node: item }))
      : [];
  }
  if (node.kind !== 'object') return [];
  if (typeof step === 'function') return step(node) ? [{ pointer, node }] : [];
  // Every duplicate of a member name is followed: providers' parsers disagree on which one wins.
  return node.members
    .filter((member) => step === EACH || member.key === step)
    .map((member) => ({ pointer: appendPointer(pointer, member.key), node: member.value }));
}

function descendants(at: Located): Located[] {
  const found: Located[] = [];
  const stack: Located[] = [at];
  // Iterative: a body's depth is bounded by the read stage, but a stack of our own costs nothing.
  for (let next = stack.pop(); next; next = stack.pop()) {
    found.push(next);
    const { pointer, node } = next;
    if (node.kind === 'array')
      node.items.forEach((item, i) => stack.push({ pointer: appendPointer(pointer, i), node: item }));
    else if (node.kind === 'object')
      for (const member of node.members)
        stack.push({ pointer: appendPointer(pointer, member.key), node: member.value });
  }
  return found;
}

// The object has a `type` member equal to one of `types` (any duplicate counts, as above).
export function typeIs(...types: string[]): ObjectTest {
  return (node) =>
    node.members.some(
      (member) =>
        member.key === 'type' && member.value.kind === 'string' && types.includes(member.value.value),
    );
}

export function hasMember(name: string): ObjectTest {
  return (node) => node.members.some((member) => member.key === name);
}
