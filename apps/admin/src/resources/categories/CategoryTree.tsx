import AddIcon from '@mui/icons-material/Add';
import { Box, Chip, ListItem, ListItemText, List as MuiList, Typography } from '@mui/material';
import type { Category } from '@siyu/shared';
import { MAX_CATEGORY_LEVEL } from '@siyu/shared';
import { useMemo } from 'react';
import {
  EditButton,
  Link,
  RecordContextProvider,
  useCanAccess,
  useListContext,
  useTranslate,
} from 'react-admin';
import { DeleteCategoryButton } from './DeleteCategoryButton';
import { ToggleEnabledButton } from './ToggleEnabledButton';
import { flattenTree } from './tree';

/** The flat rows drawn as an indented tree, with each row's actions. */
export const CategoryTree = () => {
  const { data, isPending } = useListContext<Category>();
  const translate = useTranslate();
  const { canAccess: canEdit } = useCanAccess({ resource: 'categories', action: 'edit' });
  const { canAccess: canCreate } = useCanAccess({ resource: 'categories', action: 'create' });
  const { canAccess: canDelete } = useCanAccess({ resource: 'categories', action: 'delete' });
  const nodes = useMemo(() => flattenTree(data ?? []), [data]);
  if (isPending) return null;
  if (nodes.length === 0)
    return (
      <Typography sx={{ p: 2 }} color="text.secondary">
        {translate('resources.categories.tree.empty')}
      </Typography>
    );
  return (
    <MuiList dense aria-label={translate('resources.categories.tree.label')}>
      {nodes.map(({ category, depth }) => (
        <RecordContextProvider key={category.id} value={category}>
          <ListItem
            divider
            sx={{ pl: 2 + depth * 4 }}
            data-testid={`category-${category.id}`}
            secondaryAction={
              <Box sx={{ display: 'flex', gap: 1 }}>
                {canCreate && category.level < MAX_CATEGORY_LEVEL ? (
                  <Link to={`/categories/create?parentId=${category.id}`}>
                    <Chip
                      size="small"
                      icon={<AddIcon />}
                      clickable
                      label={translate('resources.categories.actions.add_child')}
                    />
                  </Link>
                ) : null}
                {canEdit ? <EditButton /> : null}
                {canEdit ? <ToggleEnabledButton /> : null}
                {canDelete ? <DeleteCategoryButton /> : null}
              </Box>
            }
          >
            <ListItemText
              primary={
                <Box component="span" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                  <span style={{ fontWeight: depth === 0 ? 600 : 400 }}>{category.name}</span>
                  {!category.enabled ? (
                    <Chip size="small" label={translate('resources.categories.tree.disabled')} />
                  ) : null}
                </Box>
              }
              secondary={translate('resources.categories.tree.meta', {
                level: category.level,
                sortOrder: category.sortOrder,
              })}
            />
          </ListItem>
        </RecordContextProvider>
      ))}
    </MuiList>
  );
};
