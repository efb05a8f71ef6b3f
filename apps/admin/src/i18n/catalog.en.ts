/** English texts of the catalog screens (same keys as catalog.zh-CN.ts). */
import type { catalogErrorsZhCN, catalogZhCN } from './catalog.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const catalogEnglish: Shape<typeof catalogZhCN> = {
  categories: {
    name: 'Category |||| Categories',
    fields: {
      id: 'ID',
      name: 'Name',
      parentId: 'Parent',
      level: 'Level',
      path: 'Path',
      sortOrder: 'Order',
      enabled: 'Enabled',
      createdAt: 'Created',
      updatedAt: 'Updated',
    },
    tree: {
      label: 'Category tree',
      empty: 'No categories yet. Click "Create" to add the first top-level one.',
      disabled: 'Disabled',
      meta: 'Level %{level} · order %{sortOrder}',
    },
    actions: {
      add_child: 'Add subcategory',
      enable: 'Enable',
      disable: 'Disable',
    },
    messages: {
      enabled: 'Category enabled',
      disabled: 'Category disabled',
      deleted: 'Category deleted',
    },
    helpers: {
      root: '(none: top level)',
      parent: 'Only level 1 or 2 categories can be parents; categories are at most three levels deep',
      sortOrder: 'Smaller numbers come first',
    },
    delete: {
      title: 'Delete category "%{name}"?',
      content:
        'This cannot be undone. A category that still has products or subcategories cannot be deleted.',
    },
  },
  products: {
    name: 'Product |||| Products',
    fields: {
      id: 'ID',
      title: 'Title',
      subtitle: 'Subtitle',
      categoryId: 'Category',
      brand: 'Brand',
      status: 'Status',
      rejectReason: 'Rejection reason',
      specDimensions: 'Specs',
      minPrice: 'Lowest price',
      maxPrice: 'Highest price',
      priceRange: 'Price',
      totalStock: 'Total stock',
      skuCount: 'SKUs',
      lowStockSkuCount: 'Low-stock SKUs',
      description: 'Description',
      descriptionHtml: 'Description',
      skus: 'SKUs',
      createdAt: 'Created',
      updatedAt: 'Updated',
    },
    status: {
      all: 'All',
      draft: 'Draft',
      pending_review: 'Pending review',
      active: 'On shelf',
      inactive: 'Off shelf',
      rejected: 'Rejected',
    },
    filters: {
      q: 'Search title, SKU code or barcode',
      price_gte: 'Min price (¥)',
      price_lte: 'Max price (¥)',
      lowStock: 'Low stock only',
      createdAt_gte: 'Created from',
      createdAt_lte: 'Created until',
    },
    actions: {
      bulk_on_shelf: 'Put on shelf',
      bulk_off_shelf: 'Take off shelf',
      generate_skus: 'Generate SKUs',
    },
    bulk: {
      off_shelf_title: 'Take the selected products off the shelf?',
      off_shelf_content:
        'The selected product will no longer be sold. |||| The %{smart_count} selected products will no longer be sold.',
      result_title: 'Bulk result: %{ok} succeeded, %{failed} failed',
      ok: 'Done',
    },
    empty: {
      title: 'No products yet',
      message: 'Create the first product, fill in its specs, generate its SKUs and submit it for review.',
    },
    messages: {
      low_stock: 'Low stock',
      low_stock_skus: '1 SKU low |||| %{smart_count} SKUs low',
      rejected_because: 'Rejected: %{reason}',
    },
    workflow: {
      submit: 'Submit for review',
      approve: 'Approve',
      reject: 'Reject',
      on_shelf: 'Put on shelf',
      off_shelf: 'Take off shelf',
      revise: 'Back to draft',
      done: {
        submit: 'Submitted for review',
        approve: 'Approved: operators can now put it on the shelf',
        reject: 'Rejected',
        on_shelf: 'The product is on the shelf',
        off_shelf: 'The product is off the shelf',
        revise: 'Back to draft',
      },
      off_shelf_title: 'Take "%{title}" off the shelf?',
      off_shelf_content: 'Customers will no longer be able to buy it; you can put it back later.',
      reject_title: 'Reject "%{title}"',
      reject_reason: 'Reason',
    },
    stock: {
      adjust: 'Adjust stock',
      title: 'Adjust the stock of SKU %{code}',
      content:
        'Current stock: %{stock}. Enter the change (positive to add, negative to remove); stock is never overwritten.',
      delta: 'Change',
      delta_help: 'e.g. 10 or -3',
      delta_invalid: 'Enter a whole number other than 0',
      note: 'Note',
      done: 'Stock adjusted: now %{stock}',
      insufficient: 'Not enough stock: %{stock} left, stock cannot go below 0',
    },
    sku: {
      code: 'SKU code',
      specValues: 'Specs',
      price: 'Price (¥)',
      originalPrice: 'List price (¥)',
      cost: 'Cost (¥)',
      stock: 'Stock',
      weightGrams: 'Weight (g)',
      barcode: 'Barcode',
      lowStockThreshold: 'Low-stock threshold',
      actions: 'Actions',
    },
    sections: {
      specs: 'Specs',
      skus: 'SKUs',
    },
    helpers: {
      specs:
        'Up to %{max} spec dimensions (e.g. colour × size), each with its values, then click "Generate SKUs". Without specs there is a single SKU.',
      edit_skus: 'Change stock with "Adjust stock" on the product page; specs cannot change once created.',
    },
    spec: {
      name: 'Spec name',
      values: 'Values',
      values_help: 'Separated by commas: red, blue, white',
    },
    validation: {
      yuan: 'Enter an amount such as 12 or 12.50 (two decimals at most)',
      max_dimensions: 'At most %{max} spec dimensions',
      sku_code: 'Letters, digits, dots, dashes or underscores; 40 characters at most',
    },
  },
  'inventory-movements': {
    name: 'Stock movement |||| Stock ledger',
    fields: {
      id: 'ID',
      skuId: 'SKU ID',
      productId: 'Product',
      skuCode: 'SKU code',
      delta: 'Change',
      reason: 'Reason',
      stockAfter: 'Stock after',
      actorId: 'Actor ID',
      actorName: 'By',
      reference: 'Reference',
      note: 'Note',
      at: 'Time',
    },
    filters: {
      at_gte: 'From',
      at_lte: 'Until',
    },
    reasons: {
      manual_adjust: 'Manual adjustment',
      import: 'Import',
      order_reserve: 'Order reserved',
      cancel_release: 'Cancellation released',
      refund_restock: 'Refund restocked',
    },
  },
};

export const catalogErrorsEnglish: Shape<typeof catalogErrorsZhCN> = {
  CATEGORY_NOT_EMPTY: 'This category still has products or subcategories and cannot be deleted',
  CATEGORY_TOO_DEEP: 'Categories are at most three levels deep',
  NAME_TAKEN: 'A sibling category already has this name',
  SKU_CODE_TAKEN: 'This SKU code is already in use',
};
