import type { RouteSnapshot } from '@tollgate/contracts';
import type { PlannedStep } from '../request/route-run';

// The order the steps are tried in: fallback keeps the route's order; weighted draws the first step by
// weight (load balancing), then falls back through the others in the route's order.
export function stepOrder(
  strategy: RouteSnapshot['strategy'],
  steps: readonly PlannedStep[],
  random: () => number = Math.random,
): PlannedStep[] {
  if (strategy !== 'weighted' || steps.length < 2) return [...steps];
  const total = steps.reduce((sum, s) => sum + s.step.weight, 0);
  let draw = random() * total;
  const first = steps.find((s) => (draw -= s.step.weight) < 0) ?? steps[steps.length - 1];
  return first ? [first, ...steps.filter((s) => s !== first)] : [...steps];
}
