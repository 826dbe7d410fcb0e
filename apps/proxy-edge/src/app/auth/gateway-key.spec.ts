import { describe, expect, it } from 'vitest';
import { gatewayKeyOf } from './gateway-key';

describe(gatewayKeyOf.name, () => {
  it('prefers x-api-key, then api-key, then the Authorization token', () => {
    expect(gatewayKeyOf({ 'x-api-key': 'a', 'api-key': 'b', authorization: 'Bearer c' })).toBe('a');
    expect(gatewayKeyOf({ 'api-key': 'b', authorization: 'Bearer c' })).toBe('b');
    expect(gatewayKeyOf({ authorization: 'Bearer c' })).toBe('c');
    expect(gatewayKeyOf({ authorization: 'Basic  d ' })).toBe('d');
  });

  it('finds no key in empty or one-word headers', () => {
    expect(gatewayKeyOf({})).toBeNull();
    expect(gatewayKeyOf({ authorization: 'Bearer' })).toBeNull();
    expect(gatewayKeyOf({ 'x-api-key': '  ' })).toBeNull();
  });
});
