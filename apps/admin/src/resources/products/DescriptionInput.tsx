import { Skeleton } from '@mui/material';
import { lazy, Suspense } from 'react';
import { Labeled } from 'react-admin';

// The editor (tiptap, ProseMirror) is heavy: its own chunk, loaded when a product form opens.
const RichDescriptionInput = lazy(() => import('./RichDescriptionInput'));

const label = 'resources.products.fields.description';

/** The product description (`descriptionHtml`) as rich text; the server sanitises what it gets. */
export const DescriptionInput = () => (
  <Suspense
    fallback={
      <Labeled label={label} fullWidth>
        <Skeleton variant="rounded" height={120} />
      </Labeled>
    }
  >
    <RichDescriptionInput source="descriptionHtml" label={label} />
  </Suspense>
);
