/** Request parts shared by several routes' OpenAPI definitions. */
import { z } from 'zod';

export const IfMatchHeader = z.object({
  'if-match': z
    .string()
    .optional()
    .meta({ description: 'The version being edited; required (428 without it, 409 when stale).' }),
});
