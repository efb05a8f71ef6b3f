import { describe, expect, it } from 'vitest';
import { maskAddressDetail, maskIdNumber, maskName, maskPhone, phoneTail } from '../src/domain/masking.js';

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mainland mobile number', () => {
    expect(maskPhone('13800001234')).toBe('138****1234');
    expect(maskPhone(' 13912345678 ')).toBe('139****5678');
  });

  it('never shows the middle digits of a longer number', () => {
    const masked = maskPhone('+8613800001234');
    expect(masked).not.toContain('3800001');
    expect(masked?.endsWith('1234')).toBe(true);
  });

  it('keeps only the last 4 digits of a shorter number, and hides very short ones fully', () => {
    expect(maskPhone('88001234')).toBe('****1234');
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('12')).toBe('**');
  });

  it('passes empty values as null', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
    expect(maskPhone('')).toBeNull();
  });
});

describe('maskIdNumber', () => {
  it('keeps the region code and last 4 characters of an 18-character ID', () => {
    expect(maskIdNumber('110101199001011234')).toBe('110101********1234');
    expect(maskIdNumber('11010119900101123X')).toBe('110101********123X');
  });

  it('hides the birth date of a 15-digit ID', () => {
    expect(maskIdNumber('110101900101123')).toBe('110101*****1123');
  });

  it('hides short values completely', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskIdNumber('123')).toBe('***');
  });

  it('passes empty values as null', () => {
    expect(maskIdNumber(null)).toBeNull();
    expect(maskIdNumber('')).toBeNull();
  });
});

describe('maskName', () => {
  it('keeps the family name only', () => {
    expect(maskName('林女士')).toBe('林**');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('张三')).toBe('张*');
  });

  it('leaves a single character as it is', () => {
    expect(maskName('林')).toBe('林');
  });

  it('keeps the first letter of a Latin name', () => {
    expect(maskName('Alice')).toBe('A****');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(maskName('𠮷野家')).toBe('𠮷**');
  });

  it('passes empty values as null', () => {
    expect(maskName(null)).toBeNull();
    expect(maskName(undefined)).toBeNull();
  });
});

describe('maskAddressDetail', () => {
  it('hides the whole street line', () => {
    expect(maskAddressDetail('文三路 1 号')).toBe('****');
    expect(maskAddressDetail('x')).toBe('****');
  });

  it('passes empty values as null', () => {
    expect(maskAddressDetail(null)).toBeNull();
    expect(maskAddressDetail('')).toBeNull();
  });
});

describe('phoneTail', () => {
  it('returns the last four digits', () => {
    expect(phoneTail('13800001234')).toBe('1234');
    expect(phoneTail(null)).toBeNull();
  });
});
