import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineElement } from './define-element.js';

describe('defineElement', () => {
  afterEach(() => vi.restoreAllMocks());

  it('defines a tag once and warns, in development, when another copy defines it again', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    class First extends HTMLElement {
      static readonly version = '0.0.1';
    }
    class Second extends HTMLElement {}
    defineElement('omni-test-two-versions', First);
    defineElement('omni-test-two-versions', Second);
    defineElement('omni-test-two-versions', Second);
    expect(customElements.get('omni-test-two-versions')).toBe(First);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/<omni-test-two-versions> is already defined by another copy of @omni-checkout\/elements \(0\.0\.1\)/);
    expect(warn.mock.calls[0]![0]).toMatch(/two-versions: https:\/\/.*#two-versions/);
  });

  it('does not warn when the same class is defined twice (the define module imported twice)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    class Same extends HTMLElement {}
    defineElement('omni-test-same', Same);
    defineElement('omni-test-same', Same);
    expect(warn).not.toHaveBeenCalled();
  });
});
