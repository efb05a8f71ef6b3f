/** Client-side checks that mirror the contract's schemas (the server checks again). */
import { NewPassword, PASSWORD_MIN_LENGTH, StaffUserCreate, Username } from '@siyu/shared';

const key = (name: string) => `resources.staff-users.validation.${name}`;

export const validateUsername = (value: unknown) =>
  value == null || value === '' || Username.safeParse(value).success ? undefined : key('username');

export const validatePassword = (value: unknown) =>
  value == null || value === '' || NewPassword.safeParse(value).success
    ? undefined
    : { message: key('password_min'), args: { min: PASSWORD_MIN_LENGTH } };

/** A masked number the server sent back (138****1234) is left as it is: it is not re-sent. */
const maskedPhone = /^\d{3}\*{4}\d{4}$/;

export const validatePhone = (value: unknown) =>
  value == null ||
  value === '' ||
  (typeof value === 'string' && maskedPhone.test(value)) ||
  StaffUserCreate.shape.phone.safeParse(value).success
    ? undefined
    : key('phone');
