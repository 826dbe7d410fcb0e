import { describe, expect, it } from 'vitest';
import { makeRoute } from '@tollgate/testing';
import type { PlannedStep } from '../request/route-run';
import { stepOrder } from './step-order';

const steps = makeRoute({
  steps: [
    { provider: 'openai', model: 'a', weight: 1 },
    { provider: 'openai', model: 'b', weight: 3 },
    { provider: 'openai', model: 'c', weight: 1 },
  ],
}).steps.map((step, index) => ({ index, step }) as PlannedStep);
const models = (order: PlannedStep[]) => order.map((s) => s.step.model);

describe(stepOrder.name, () => {
  it('keeps the route order for fallback', () => {
    expect(models(stepOrder('fallback', steps, () => 0.99))).toEqual(['a', 'b', 'c']);
  });

  it('draws the first step by weight, then falls back through the others in order', () => {
    expect(models(stepOrder('weighted', steps, () => 0))).toEqual(['a', 'b', 'c']);
    expect(models(stepOrder('weighted', steps, () => 0.5))).toEqual(['b', 'a', 'c']);
    expect(models(stepOrder('weighted', steps, () => 0.9))).toEqual(['c', 'a', 'b']);
  });

  it('spreads the first step in proportion to the weights', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const firsts = Array.from({ length: 5000 }, () => stepOrder('weighted', steps, random)[0]?.step.model);
    const share = firsts.filter((m) => m === 'b').length / firsts.length;
    expect(share).toBeGreaterThan(0.55);
    expect(share).toBeLessThan(0.65);
  });
});
