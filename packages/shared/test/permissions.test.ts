/**
 * The permission matrix against DESIGN.md's roles table, written out here by hand (not derived
 * from `permissionMatrix`), so a change to the matrix that the table does not allow fails.
 */
import { describe, expect, it } from 'vitest';
import {
  type Action,
  can,
  canAccess,
  permissionsOf,
  type Resource,
  type Role,
  resourceActions,
  resourceFromPath,
  roles,
} from '../src/permissions.js';

/** Every resource and the actions it knows, as the product has them today. */
const ACTIONS = {
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
} as const;

const ALL = 'all';
type Expected = Record<keyof typeof ACTIONS, readonly string[] | typeof ALL>;

/**
 * DESIGN.md "Roles":
 * |                                  | admin | operator                 | customer_service      | manager        |
 * | products, categories, stock      | all   | all                      | read                  | read           |
 * | orders                           | all   | read, ship, note, export | read, note            | read, export   |
 * | refunds                          | all   | read                     | all                   | read           |
 * | members, tags                    | all   | read (masked), tag       | read (masked), reveal | read (masked)  |
 * | coupons                          | all   | all                      | issue to one member   | read           |
 * | dashboards                       | read  | read                     | —                     | read, export   |
 * | staff users, settings, audit log | all   | —                        | —                     | read audit     |
 * Refinements the README states: approving (reviewing) products is an admin's; "tag" and
 * "reveal" are member actions (tags themselves are read-only outside admins); shipping
 * templates follow the catalog; channels are an admin's; jobs (progress of long work) are
 * readable by everyone.
 */
const EXPECTED: Record<Role, Expected> = {
  admin: {
    products: ALL,
    categories: ALL,
    stock: ALL,
    orders: ALL,
    shipping_templates: ALL,
    refunds: ALL,
    members: ALL,
    tags: ALL,
    coupons: ALL,
    dashboards: ['read'],
    channels: ALL,
    staff_users: ALL,
    settings: ALL,
    audit_logs: ALL,
    jobs: ALL,
  },
  operator: {
    products: ['read', 'create', 'edit', 'delete', 'submit', 'shelve', 'import', 'export'],
    categories: ALL,
    stock: ALL,
    orders: ['read', 'ship', 'note', 'export'],
    shipping_templates: ALL,
    refunds: ['read'],
    members: ['read', 'tag'],
    tags: ['read'],
    coupons: ALL,
    dashboards: ['read'],
    channels: [],
    staff_users: [],
    settings: [],
    audit_logs: [],
    jobs: ['read'],
  },
  customer_service: {
    products: ['read'],
    categories: ['read'],
    stock: ['read'],
    orders: ['read', 'note'],
    shipping_templates: ['read'],
    refunds: ALL,
    members: ['read', 'reveal'],
    tags: ['read'],
    coupons: ['read', 'issue'],
    dashboards: [],
    channels: [],
    staff_users: [],
    settings: [],
    audit_logs: [],
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
    channels: [],
    staff_users: [],
    settings: [],
    audit_logs: ['read'],
    jobs: ['read'],
  },
};

function allowed(role: Role, resource: keyof typeof ACTIONS): readonly string[] {
  const grant = EXPECTED[role][resource];
  return grant === ALL ? ACTIONS[resource] : grant;
}

const cases = roles.flatMap((role) =>
  (Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]).flatMap((resource) =>
    ACTIONS[resource].map((action) => ({
      role,
      resource,
      action,
      expected: allowed(role, resource).includes(action),
    })),
  ),
);

describe('permission matrix', () => {
  it('knows exactly the four roles', () => {
    expect([...roles]).toEqual(['admin', 'operator', 'customer_service', 'manager']);
  });

  it('knows exactly the resources and actions listed here (a new one needs a decision in this table)', () => {
    expect(resourceActions).toEqual(ACTIONS);
  });

  it('walks every role × resource × action', () => {
    expect(cases.length).toBe(4 * Object.values(ACTIONS).flat().length);
  });

  it.each(cases)('$role $action $resource → $expected', ({ role, resource, action, expected }) => {
    expect(can(role, resource as Resource, action as Action)).toBe(expected);
  });

  it('never grants an expected action that the resource does not know', () => {
    for (const role of roles) {
      for (const resource of Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]) {
        for (const action of allowed(role, resource)) {
          expect(ACTIONS[resource] as readonly string[]).toContain(action);
        }
      }
    }
  });
});

describe('deny by default', () => {
  it.each(roles)('%s: unknown resources and actions are refused', (role) => {
    expect(can(role, 'nuclear_codes' as Resource, 'read' as Action)).toBe(false);
    expect(can(role, 'orders', 'launch' as Action)).toBe(false);
    expect(can(role, 'orders', '' as Action)).toBe(false);
    expect(can(role, 'settings', 'delete' as Action)).toBe(false);
    expect(can(role, 'audit_logs', 'edit' as Action)).toBe(false);
  });

  it('an "all" grant does not extend to actions the resource does not have', () => {
    expect(can('admin', 'staff_users', 'delete' as Action)).toBe(false);
    expect(can('admin', 'audit_logs', 'edit' as Action)).toBe(false);
    expect(can('admin', 'jobs', 'delete' as Action)).toBe(false);
  });

  it('names inherited from Object.prototype are neither resources nor actions', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(resourceFromPath(name)).toBeUndefined();
      expect(can('admin', name as Resource, 'read' as Action)).toBe(false);
      expect(canAccess('admin', name, 'list')).toBe(false);
      expect(canAccess('admin', 'orders', name)).toBe(false);
    }
  });
});

describe('canAccess (react-admin verbs and kebab-case names)', () => {
  it('maps list and show onto read', () => {
    expect(canAccess('manager', 'audit-logs', 'list')).toBe(true);
    expect(canAccess('manager', 'audit-logs', 'show')).toBe(true);
    expect(canAccess('manager', 'audit-logs', 'edit')).toBe(false);
    expect(canAccess('operator', 'audit-logs', 'list')).toBe(false);
    expect(canAccess('customer_service', 'dashboards', 'list')).toBe(false);
  });

  it('maps kebab-case resource names and actions onto the matrix', () => {
    expect(canAccess('admin', 'staff-users', 'list')).toBe(true);
    expect(canAccess('admin', 'staff-users', 'create')).toBe(true);
    expect(canAccess('admin', 'staff-users', 'reset-password')).toBe(true);
    expect(canAccess('manager', 'staff-users', 'list')).toBe(false);
    expect(canAccess('operator', 'shipping-templates', 'edit')).toBe(true);
    expect(canAccess('manager', 'shipping-templates', 'edit')).toBe(false);
    // The snake_case spelling is accepted too.
    expect(canAccess('admin', 'staff_users', 'show')).toBe(true);
  });

  it('reads the stock ledger with the stock rights', () => {
    for (const role of ['admin', 'operator', 'customer_service', 'manager'] as const) {
      expect(canAccess(role, 'inventory-movements', 'list')).toBe(true);
    }
    expect(canAccess('manager', 'inventory-movements', 'create')).toBe(false);
  });

  it('passes other react-admin verbs through', () => {
    expect(canAccess('operator', 'orders', 'export')).toBe(true);
    expect(canAccess('customer_service', 'orders', 'export')).toBe(false);
    expect(canAccess('manager', 'orders', 'export')).toBe(true);
    expect(canAccess('admin', 'settings', 'edit')).toBe(true);
    expect(canAccess('admin', 'settings', 'delete')).toBe(false);
    expect(canAccess('admin', 'settings', 'create')).toBe(false);
  });

  it('refuses unknown resources and verbs', () => {
    expect(canAccess('admin', 'nope', 'list')).toBe(false);
    expect(canAccess('admin', '', 'list')).toBe(false);
    expect(canAccess('admin', 'orders', 'fly')).toBe(false);
    expect(canAccess('admin', 'orders', '')).toBe(false);
    expect(canAccess('admin', 'Orders', 'list')).toBe(false);
  });

  it('agrees with can() for every role × resource × action', () => {
    for (const { role, resource, action, expected } of cases) {
      expect(canAccess(role, resource.replace(/_/g, '-'), action.replace(/_/g, '-'))).toBe(expected);
    }
  });
});

describe('permissionsOf', () => {
  it.each(roles)('%s: lists exactly the allowed actions, omitting resources with none', (role) => {
    const expected: Record<string, string[]> = {};
    for (const resource of Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]) {
      const actions = ACTIONS[resource].filter((a) => allowed(role, resource).includes(a));
      if (actions.length > 0) expected[resource] = [...actions];
    }
    expect(permissionsOf(role)).toEqual(expected);
  });

  it('gives the manager the audit log but no staff users or settings', () => {
    const set = permissionsOf('manager');
    expect(set.audit_logs).toEqual(['read']);
    expect(set.staff_users).toBeUndefined();
    expect(set.settings).toBeUndefined();
    expect(set.dashboards).toEqual(['read', 'export']);
  });

  it('gives customer service no dashboards', () => {
    expect(permissionsOf('customer_service').dashboards).toBeUndefined();
  });

  it('returns a fresh object each time (callers may not corrupt the matrix)', () => {
    const first = permissionsOf('operator');
    first.orders?.push('edit');
    expect(permissionsOf('operator').orders).toEqual(['read', 'ship', 'note', 'export']);
    expect(can('operator', 'orders', 'edit')).toBe(false);
  });
});
