import CalculateIcon from '@mui/icons-material/Calculate';
import { Alert, Card, CardContent, Stack, Typography } from '@mui/material';
import { formatFen, type ProductDetail, provinces, type ShippingFeeQuote } from '@siyu/shared';
import { useState } from 'react';
import {
  AutocompleteInput,
  Button,
  Form,
  NumberInput,
  ReferenceInput,
  required,
  SelectInput,
  useGetOne,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { apiFetch } from '../../providers/http';

const t = (key: string) => `resources.shipping-templates.quote.${key}`;
const provinceChoices = provinces.map((p) => ({ id: p.code, name: p.name }));
const yuan = (fen: number) => formatFen(fen, { symbol: false });

/** The SKUs of the product picked above, by spec and code. */
const SkuSelect = () => {
  const productId = useWatch({ name: 'productId' }) as number | undefined;
  const { data } = useGetOne<ProductDetail>('products', { id: productId ?? 0 }, { enabled: !!productId });
  const choices = (data?.skus ?? []).map((s) => ({
    id: s.id,
    name: [s.specValues.join(' / '), s.code].filter(Boolean).join(' · '),
  }));
  return (
    <SelectInput source="skuId" label={t('sku')} choices={choices} validate={required()} helperText={false} />
  );
};

/**
 * "试算": the fee of some pieces of one SKU sent to a province, under the templates the
 * products use now (POST /api/shipping-templates/quote, the server's own calculation).
 */
export const QuotePanel = () => {
  const translate = useTranslate();
  const [quote, setQuote] = useState<ShippingFeeQuote>();
  const [error, setError] = useState<string>();
  const submit = async (values: Record<string, unknown>) => {
    setError(undefined);
    setQuote(undefined);
    try {
      const { json } = await apiFetch<{ data: ShippingFeeQuote }>('/shipping-templates/quote', {
        method: 'POST',
        body: {
          province: values.province,
          lines: [{ skuId: Number(values.skuId), quantity: Number(values.quantity) }],
        },
      });
      setQuote(json.data);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'ra.notification.http_error');
    }
  };
  const unit = (kind: 'piece' | 'weight') => translate(`resources.shipping-templates.units.${kind}`);
  return (
    <Card sx={{ ml: 2, width: 300, flexShrink: 0 }} data-testid="shipping-quote">
      <CardContent>
        <Typography variant="h6">{translate(t('title'))}</Typography>
        <Typography variant="body2" color="text.secondary">
          {translate(t('help'))}
        </Typography>
        <Form onSubmit={submit} defaultValues={{ quantity: 1 }}>
          <Stack>
            <ReferenceInput source="productId" reference="products">
              <AutocompleteInput
                label={t('product')}
                optionText="title"
                filterToQuery={(q: string) => ({ q })}
                validate={required()}
                helperText={false}
              />
            </ReferenceInput>
            <SkuSelect />
            <NumberInput
              source="quantity"
              label={t('quantity')}
              min={1}
              max={99}
              validate={required()}
              helperText={false}
            />
            <AutocompleteInput
              source="province"
              label={t('province')}
              choices={provinceChoices}
              validate={required()}
              helperText={false}
            />
            <Button type="submit" label={t('submit')} variant="contained">
              <CalculateIcon />
            </Button>
          </Stack>
        </Form>
        {error && (
          <Alert severity="warning" sx={{ mt: 2 }} role="alert">
            {translate(error, { _: error })}
          </Alert>
        )}
        {quote && (
          <Alert severity="info" sx={{ mt: 2 }} data-testid="shipping-quote-result">
            <Typography fontWeight="bold">{translate(t('fee'), { fee: yuan(quote.fee) })}</Typography>
            {quote.groups.map((g) => (
              <Typography key={String(g.templateId)} variant="body2">
                {g.templateName === null
                  ? translate(t('no_template'))
                  : translate(t('group'), {
                      name: g.templateName,
                      units: g.units,
                      unit: unit(g.chargeBy ?? 'piece'),
                      goods: yuan(g.goodsAmount),
                      base: yuan(g.baseFee),
                      surcharge: yuan(g.surcharge),
                    })}
                {g.freeShipping && g.templateName !== null ? ` · ${translate(t('free'))}` : ''}
              </Typography>
            ))}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
};
