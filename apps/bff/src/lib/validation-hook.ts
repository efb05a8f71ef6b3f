/** The OpenAPIHono defaultHook: any schema failure becomes a 400 VALIDATION_FAILED with fields. */
import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from '../env.js';
import { validationFailed } from './errors.js';
import { fieldsOf } from './zod-fields.js';

// biome-ignore lint/suspicious/noExplicitAny: the hook serves every route, whatever its input type.
export const validationHook: Hook<any, AppEnv, any, any> = (result) => {
  if (!result.success) {
    const where =
      result.target === 'json' ? 'Some fields are not valid.' : `The request ${result.target} is not valid.`;
    throw validationFailed(fieldsOf(result.error), where);
  }
};
