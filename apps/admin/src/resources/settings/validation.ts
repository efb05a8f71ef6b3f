import { Settings } from '@siyu/shared';

const key = (name: string) => `resources.settings.validation.${name}`;

export const validateTimeZone = (value: unknown) =>
  value == null || value === '' || Settings.shape.timeZone.safeParse(value).success
    ? undefined
    : key('time_zone');

export const validateBasisPoints = (value: unknown) =>
  value == null || Settings.shape.kpiConversionAlertBp.safeParse(value).success ? undefined : key('percent');
