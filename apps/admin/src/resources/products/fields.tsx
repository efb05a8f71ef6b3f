import { Chip, Typography } from '@mui/material';
import { formatFen, type Product, type ProductStatus, type Sku } from '@siyu/shared';
import { useRecordContext, useTranslate } from 'react-admin';

const statusColors: Record<ProductStatus, 'default' | 'warning' | 'success' | 'secondary' | 'error'> = {
  draft: 'default',
  pending_review: 'warning',
  active: 'success',
  inactive: 'secondary',
  rejected: 'error',
};

export const ProductStatusField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Product>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      color={statusColors[record.status]}
      label={translate(`resources.products.status.${record.status}`)}
    />
  );
};

/** An amount in fen shown as ¥1,234.50; blank when absent. */
export const FenField = ({ source }: { source: string; label?: string }) => {
  const record = useRecordContext<Record<string, unknown>>();
  const value = record?.[source];
  return <span>{typeof value === 'number' ? formatFen(value) : '—'}</span>;
};

export const PriceRangeField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Product>();
  if (!record || record.minPrice === null) return <span>—</span>;
  const min = formatFen(record.minPrice);
  return (
    <span>
      {record.maxPrice === null || record.maxPrice === record.minPrice
        ? min
        : `${min} – ${formatFen(record.maxPrice)}`}
    </span>
  );
};

export const TotalStockField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Product>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <span>
      {record.totalStock}
      {record.lowStockSkuCount > 0 ? (
        <Chip
          size="small"
          color="warning"
          sx={{ ml: 1 }}
          label={translate('resources.products.messages.low_stock_skus', {
            smart_count: record.lowStockSkuCount,
          })}
        />
      ) : null}
    </span>
  );
};

/** A SKU's stock, highlighted when at or under its low-stock threshold. */
export const SkuStockField = (_props: { source?: string; label?: string }) => {
  const sku = useRecordContext<Sku>();
  const translate = useTranslate();
  if (!sku) return null;
  const low = sku.stock <= sku.lowStockThreshold;
  return (
    <Typography
      component="span"
      variant="body2"
      color={low ? 'error' : 'inherit'}
      fontWeight={low ? 600 : 400}
      title={low ? translate('resources.products.messages.low_stock') : undefined}
    >
      {sku.stock}
      {low ? ` (${translate('resources.products.messages.low_stock')})` : ''}
    </Typography>
  );
};

export const SpecValuesField = (_props: { source?: string; label?: string }) => {
  const sku = useRecordContext<Sku>();
  if (!sku) return null;
  return <span>{sku.specValues.length > 0 ? sku.specValues.join(' / ') : '—'}</span>;
};
