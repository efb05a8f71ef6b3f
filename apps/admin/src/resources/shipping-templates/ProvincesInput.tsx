import { provinces } from '@siyu/shared';
import { AutocompleteArrayInput, type Validator } from 'react-admin';

const choices = provinces.map((p) => ({ id: p.code, name: p.name }));

/** Provinces picked by name (typing 新疆 finds 新疆维吾尔自治区), stored by code. */
export const ProvincesInput = (props: {
  source: string;
  label?: string;
  validate?: Validator | Validator[];
  helperText?: string | false;
}) => <AutocompleteArrayInput choices={choices} sx={{ minWidth: 360 }} {...props} />;

export const provinceName = (code: string) => provinces.find((p) => p.code === code)?.name ?? code;
