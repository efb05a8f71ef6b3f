import { roles } from '@siyu/shared';

/** Role choices for selects; names are translation keys (siyu.roles.<role>). */
export const roleChoices = roles.map((role) => ({ id: role, name: `siyu.roles.${role}` }));
