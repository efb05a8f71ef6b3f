import englishMessages from 'ra-language-english';
import { describe, expect, it } from 'vitest';
import en, { ownEnglish } from './en';
import zhCN, { ownZhCN } from './zh-CN';

function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`),
  );
}

const expected = [...new Set([...keys(englishMessages), ...keys(ownZhCN)])].sort();

describe('translations', () => {
  it('zh-CN covers every ra.* key of the English pack plus the own keys, nothing else', () => {
    expect(keys(zhCN).sort()).toEqual(expected);
  });

  it('en has the same key set', () => {
    expect(keys(en).sort()).toEqual(expected);
    expect(keys(ownEnglish).sort()).toEqual(keys(ownZhCN).sort());
  });

  it('keeps every placeholder of the English pack in the Chinese one', () => {
    const zhFlat = new Map(keys(zhCN).map((key) => [key, lookup(zhCN, key)]));
    for (const key of keys(englishMessages)) {
      const placeholders = (lookup(englishMessages, key).match(/%\{\w+\}/g) ?? []).filter(
        (p) => p !== '%{smart_count}' && p !== '%{recordRepresentation}',
      );
      for (const placeholder of placeholders) expect(zhFlat.get(key), key).toContain(placeholder);
    }
  });

  it('has no empty Chinese text', () => {
    for (const key of keys(zhCN)) {
      if (key === 'ra.boolean.null') continue;
      expect(lookup(zhCN, key).trim(), key).not.toBe('');
    }
  });
});

function lookup(messages: object, path: string): string {
  let value: unknown = messages;
  for (const part of path.split('.')) value = (value as Record<string, unknown>)[part];
  return String(value);
}
