/** English texts of the order screens (same keys as orders.zh-CN.ts). */
import type { ordersErrorsZhCN, ordersZhCN } from './orders.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const ordersEnglish: Shape<typeof ordersZhCN> = {
  channels: {
    name: 'Channel |||| Channels',
    fields: {
      id: 'ID',
      key: 'Key',
      name: 'Name',
      enabled: 'Enabled',
      createdAt: 'Created',
      updatedAt: 'Updated',
    },
    filters: { q: 'Search name or key' },
    helpers: {
      key: 'Lower-case letters, digits and -, 3 to 40; the storefront sends it as X-Channel-Key; it cannot change later',
      enabled: "A disabled channel's requests are all refused",
    },
    secret: {
      title: 'Channel secret',
      warning:
        "The secret is shown this once and cannot be seen again. Copy it now into the storefront's server configuration; never into the mini-program's own code.",
      label: 'Secret (%{key})',
      copy: 'Copy',
      copied: 'Copied to the clipboard',
      copy_failed: 'Could not copy: select the text and copy it by hand',
      close: 'I have saved it',
    },
    rotate: {
      action: 'New secret',
      title: 'Issue a new secret for "%{name}"?',
      content:
        'The old secret stops working at once: the storefront must switch to the new one to go on ordering and reporting.',
      done: 'A new secret was issued',
    },
    empty: 'No channels yet',
  },
  members: {
    name: 'Member |||| Members',
    fields: {
      id: 'ID',
      channelId: 'Channel',
      openid: 'OpenID',
      nickname: 'Nickname',
      phone: 'Phone',
      registeredAt: 'Registered',
      createdAt: 'Created',
      updatedAt: 'Updated',
      registeredAt_gte: 'Registered from',
      registeredAt_lte: 'Registered until',
    },
    filters: { q: 'Nickname / phone last 4 / OpenID' },
  },
  'shipping-templates': {
    name: 'Shipping template |||| Shipping templates',
    fields: {
      id: 'ID',
      name: 'Name',
      chargeBy: 'Charged by',
      defaultRule: 'Default rate',
      regionRules: 'Regional rates',
      provinces: 'Regions',
      firstUnits: 'First units',
      firstFee: 'First fee (¥)',
      additionalUnits: 'Each further',
      additionalFee: 'Further fee (¥)',
      freeShippingThreshold: 'Free shipping from (¥)',
      remoteProvinces: 'Remote regions',
      remoteSurcharge: 'Remote surcharge (¥)',
      undeliverableProvinces: 'Not delivered to',
      productCount: 'Products',
      updatedAt: 'Updated',
    },
    charge_by: {
      piece: 'By piece',
      weight: 'By weight',
    },
    units: {
      piece: ' pc',
      weight: ' g',
    },
    helpers: {
      first: 'first %{units}%{unit} ¥%{fee}',
      rule: 'first %{firstUnits}%{unit} ¥%{firstFee}, each further %{additionalUnits}%{unit} ¥%{additionalFee}',
      free_threshold: 'Goods worth this much ship free (the remote surcharge still applies); blank: never',
      weight_units: 'By weight, units are grams (1 kg = 1000 g)',
      region_rules: 'Listed regions use their own rate; all others the default',
      no_template: 'None: the product ships free',
    },
    filters: {
      q: 'Search by name',
    },
    sections: {
      default_rule: 'Default rate',
      region_rules: 'Regional rates',
      extras: 'Free shipping and remote regions',
    },
    quote: {
      title: 'Try a shipping fee',
      help: "Uses each product's current shipping template",
      product: 'Product',
      sku: 'SKU',
      quantity: 'Quantity',
      province: 'Ship to province',
      submit: 'Quote',
      fee: 'Shipping ¥%{fee}',
      free: 'Free shipping',
      group: '%{name}: %{units}%{unit}, goods ¥%{goods}, fee ¥%{base}, remote surcharge ¥%{surcharge}',
      no_template: 'No shipping template (ships free)',
    },
    product_field: 'Shipping template',
    empty_free: 'None (ships free)',
  },
};

export const ordersErrorsEnglish: Shape<typeof ordersErrorsZhCN> = {
  CHANNEL_KEY_TAKEN: 'Another channel already has this key',
  CHANNEL_UNKNOWN: 'No channel has this key',
  CHANNEL_DISABLED: 'This channel is disabled',
  SIGNATURE_INVALID: 'The signature does not match',
  TIMESTAMP_INVALID: 'The timestamp is malformed',
  TIMESTAMP_STALE: "The timestamp is more than 300 s away from the server's clock",
  IDEMPOTENCY_KEY_REUSED: 'This idempotency key was used for another request',
  IDEMPOTENCY_IN_FLIGHT: 'A request with this idempotency key is still running: retry in a moment',
  SHIPPING_TEMPLATE_IN_USE: 'Products still use this shipping template: give them another one first',
  UNDELIVERABLE_REGION: 'This region is not delivered to',
};
