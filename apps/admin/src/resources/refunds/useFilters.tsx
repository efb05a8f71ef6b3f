/** The queue's filters (status, type, reason, amount in yuan, member, order no, assignee, keyword). */
import { afterSalesStatuses, afterSalesTypes, type StaffUser } from '@siyu/shared';
import {
  AutocompleteInput,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextInput,
  useCanAccess,
  useGetIdentity,
  useGetList,
  useTranslate,
} from 'react-admin';
import { formatYuanFilter, parseYuanFilter } from './amount';
import { useCaseOptions } from './queries';

const t = (key: string) => `resources.refunds.filters.${key}`;

/** Who handles cases: customer service and admins. */
const handlesCases = (user: StaffUser) => user.role === 'customer_service' || user.role === 'admin';

/** Mine and unassigned always; the named colleagues only for whoever may read the staff list. */
const useAssigneeChoices = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { canAccess } = useCanAccess({ resource: 'staff-users', action: 'list' });
  const { data: staff } = useGetList<StaffUser>(
    'staff-users',
    { pagination: { page: 1, perPage: 100 }, sort: { field: 'displayName', order: 'ASC' }, filter: {} },
    { enabled: canAccess === true },
  );
  const me = typeof identity?.id === 'number' ? identity.id : undefined;
  const choices = [
    ...(me === undefined ? [] : [{ id: me, name: translate('resources.refunds.assignee.me') }]),
    { id: 0, name: translate('resources.refunds.assignee.none') },
    ...(staff ?? [])
      .filter((user) => handlesCases(user) && user.id !== me)
      .map((user) => ({ id: user.id, name: user.displayName })),
  ];
  return choices;
};

export const useQueueFilters = () => {
  const translate = useTranslate();
  const { data: options } = useCaseOptions();
  const assignees = useAssigneeChoices();
  const search = translate(t('q'));
  return [
    <SearchInput
      key="q"
      source="q"
      alwaysOn
      placeholder={search}
      inputProps={{ 'aria-label': search }}
      sx={{ minWidth: 440 }}
    />,
    <SelectInput
      key="status"
      source="status"
      label={t('status')}
      choices={afterSalesStatuses.map((id) => ({ id, name: `resources.refunds.status.${id}` }))}
    />,
    <SelectInput
      key="type"
      source="type"
      label={t('type')}
      choices={afterSalesTypes.map((id) => ({ id, name: `resources.refunds.type.${id}` }))}
    />,
    <SelectInput
      key="reasonCode"
      source="reasonCode"
      label={t('reasonCode')}
      choices={(options?.reasons ?? []).map((r) => ({ id: r.code, name: r.label }))}
      translateChoice={false}
    />,
    <TextInput
      key="requestedAmount_gte"
      source="requestedAmount_gte"
      label={t('requestedAmount_gte')}
      parse={parseYuanFilter}
      format={formatYuanFilter}
    />,
    <TextInput
      key="requestedAmount_lte"
      source="requestedAmount_lte"
      label={t('requestedAmount_lte')}
      parse={parseYuanFilter}
      format={formatYuanFilter}
    />,
    <ReferenceInput key="memberId" source="memberId" reference="members">
      <AutocompleteInput
        label={t('member')}
        optionText={(m: { nickname?: string | null; phone?: string | null }) =>
          [m.nickname, m.phone].filter(Boolean).join(' · ') || '—'
        }
        filterToQuery={(q: string) => ({ q })}
      />
    </ReferenceInput>,
    <TextInput key="orderNo" source="orderNo" label={t('orderNo')} />,
    <SelectInput
      key="assigneeId"
      source="assigneeId"
      label={t('assignee')}
      choices={assignees}
      translateChoice={false}
    />,
  ];
};
