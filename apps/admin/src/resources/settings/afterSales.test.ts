import { describe, expect, it } from 'vitest';
import zhCN from '../../i18n/zh-CN';
import {
  formatYuanSetting,
  settingsToSave,
  validateReasonCode,
  validateReasonList,
  validateReturnPhone,
  validateYuanSetting,
} from './afterSales';

const exists = (key: string) =>
  typeof key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], zhCN) ===
  'string';

describe('after-sales settings', () => {
  it('shows the limits in yuan and saves them in fen', () => {
    expect(formatYuanSetting(50_000)).toBe('500.00');
    expect(
      settingsToSave({ refundApprovalLimit: '600.5', bulkApproveMaxAmount: 5000, shopName: 'x' }),
    ).toEqual({
      refundApprovalLimit: 60_050,
      bulkApproveMaxAmount: 5000,
      shopName: 'x',
    });
    expect(settingsToSave({ rejectReasonTemplates: ['  已协商 '] })).toEqual({
      rejectReasonTemplates: ['已协商'],
    });
  });

  it('refuses amounts that are not yuan', () => {
    expect(validateYuanSetting('12.345')).toBe('resources.settings.validation.yuan');
    expect(validateYuanSetting('-1')).toBe('resources.settings.validation.yuan');
    expect(validateYuanSetting('99999999999')).toBe('resources.settings.validation.yuan');
    expect(validateYuanSetting('500')).toBeUndefined();
    expect(validateYuanSetting(50_000)).toBeUndefined();
  });

  it('checks reason codes and their uniqueness', () => {
    expect(validateReasonCode('quality')).toBeUndefined();
    expect(validateReasonCode('Quality!')).toBe('resources.settings.validation.reason_code');
    expect(validateReasonList([{ code: 'a1' }, { code: 'a1' }])).toBe(
      'resources.settings.validation.reason_codes_unique',
    );
    expect(validateReasonList([])).toBe('resources.settings.validation.reasons_empty');
    expect(validateReasonList([{ code: 'a1' }, { code: 'b2' }])).toBeUndefined();
    expect(validateReturnPhone('0571-88880000')).toBeUndefined();
    expect(validateReturnPhone('call me')).toBe('resources.settings.validation.return_phone');
  });

  it('has a text for every message', () => {
    for (const key of ['yuan', 'reason_code', 'reason_codes_unique', 'reasons_empty', 'return_phone'])
      expect(exists(`resources.settings.validation.${key}`), key).toBe(true);
  });
});
