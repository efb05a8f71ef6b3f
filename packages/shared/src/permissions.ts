/**
 * The one source of who may do what (DESIGN.md "Roles"). Deny by default: an action that is
 * not listed for a role is refused by the BFF and hidden by the SPA.
 */
import { z } from 'zod';

export const roles = ['admin', 'operator', 'customer_service', 'manager'] as const;
export const Role = z.enum(roles).meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

/** Every resource of the product and the actions it knows, including those built later. */
export const resourceActions = {
  products: ['read', 'create', 'edit', 'delete', 'submit', 'review', 'shelve', 'import', 'export'],
  categories: ['read', 'create', 'edit', 'delete'],
  stock: ['read', 'adjust', 'import'],
  orders: ['read', 'edit', 'ship', 'note', 'export', 'reveal', 'cancel'],
  shipping_templates: ['read', 'create', 'edit', 'delete'],
  refunds: ['read', 'create', 'edit', 'approve', 'reject', 'note', 'export'],
  members: ['read', 'edit', 'tag', 'reveal', 'export'],
  tags: ['read', 'create', 'edit', 'delete', 'recompute'],
  coupons: ['read', 'create', 'edit', 'delete', 'issue', 'push'],
  dashboards: ['read', 'export'],
  channels: ['read', 'create', 'edit', 'delete'],
  staff_users: ['read', 'create', 'edit', 'reset_password'],
  settings: ['read', 'edit'],
  audit_logs: ['read', 'purge'],
  jobs: ['read'],
} as const satisfies Record<string, readonly string[]>;

export type Resource = keyof typeof resourceActions;
export type Action<R extends Resource = Resource> = (typeof resourceActions)[R][number];
export const resources = Object.keys(resourceActions) as Resource[];

type Grants = { [R in Resource]?: readonly Action<R>[] | 'all' };

const all = 'all' as const;

/** roles × resources × actions, as the DESIGN.md table has it. */
export const permissionMatrix: Record<Role, Grants> = {
  admin: {
    products: all,
    categories: all,
    stock: all,
    orders: all,
    shipping_templates: all,
    refunds: all,
    members: all,
    tags: all,
    coupons: all,
    // The table gives admins "read" on dashboards; exporting is the managers' work.
    dashboards: ['read'],
    channels: all,
    staff_users: all,
    settings: all,
    audit_logs: all,
    jobs: all,
  },
  operator: {
    // Operators run the catalog but do not review their own submissions: approval is an admin's.
    products: ['read', 'create', 'edit', 'delete', 'submit', 'shelve', 'import', 'export'],
    categories: all,
    stock: all,
    orders: ['read', 'ship', 'note', 'export'],
    shipping_templates: all,
    refunds: ['read'],
    members: ['read', 'tag'],
    tags: ['read'],
    coupons: all,
    dashboards: ['read'],
    jobs: ['read'],
  },
  customer_service: {
    products: ['read'],
    categories: ['read'],
    stock: ['read'],
    orders: ['read', 'note'],
    shipping_templates: ['read'],
    refunds: all,
    members: ['read', 'reveal'],
    tags: ['read'],
    coupons: ['read', 'issue'],
    jobs: ['read'],
  },
  manager: {
    products: ['read'],
    categories: ['read'],
    stock: ['read'],
    orders: ['read', 'export'],
    shipping_templates: ['read'],
    refunds: ['read'],
    members: ['read'],
    tags: ['read'],
    coupons: ['read'],
    dashboards: ['read', 'export'],
    audit_logs: ['read'],
    jobs: ['read'],
  },
};

export function can<R extends Resource>(role: Role, resource: R, action: Action<R>): boolean {
  // Object.hasOwn: names inherited from Object.prototype ('constructor', '__proto__') are no grants.
  if (!Object.hasOwn(resourceActions, resource) || !Object.hasOwn(permissionMatrix, role)) return false;
  const grants = permissionMatrix[role];
  const grant = (Object.hasOwn(grants, resource) ? grants[resource] : undefined) as
    | readonly string[]
    | 'all'
    | undefined;
  if (grant === undefined) return false;
  if (grant === 'all') return (resourceActions[resource] as readonly string[]).includes(action);
  return grant.includes(action);
}

/** What a role may do, resource by resource: sent to the SPA with the session user. */
export type PermissionSet = { [R in Resource]?: Action<R>[] };

export function permissionsOf(role: Role): PermissionSet {
  const set: Record<string, string[]> = {};
  for (const resource of resources) {
    const actions = (resourceActions[resource] as readonly string[]).filter((a) =>
      can(role, resource, a as Action<typeof resource>),
    );
    if (actions.length > 0) set[resource] = actions;
  }
  return set as PermissionSet;
}

/**
 * react-admin asks with its own verbs (list, show, create, edit, delete, export) and with
 * resource names as they appear in URLs (kebab-case); both are mapped onto the matrix here.
 */
const raVerbs: Record<string, string> = { list: 'read', show: 'read' };

/** URL resources whose rights are another resource's: the stock ledger is read with `stock`. */
const resourceAliases: Record<string, Resource> = { inventory_movements: 'stock' };

export function resourceFromPath(name: string): Resource | undefined {
  const key = name.replace(/-/g, '_');
  if (Object.hasOwn(resourceAliases, key)) return resourceAliases[key];
  return Object.hasOwn(resourceActions, key) ? (key as Resource) : undefined;
}

export function canAccess(role: Role, resourceName: string, raAction: string): boolean {
  const resource = resourceFromPath(resourceName);
  if (!resource) return false;
  const action = Object.hasOwn(raVerbs, raAction)
    ? (raVerbs[raAction] as string)
    : raAction.replace(/-/g, '_');
  if (!(resourceActions[resource] as readonly string[]).includes(action)) return false;
  return can(role, resource, action as Action<typeof resource>);
}
