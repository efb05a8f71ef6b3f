import { Labeled, Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField } from '../../ui/DateTimeField';
import { ActorRoleField, AuditActionField } from './AuditActionField';
import { AuditLogDetail } from './AuditLogDetail';

const AuditLogShow = () => (
  <Show>
    <SimpleShowLayout>
      <DateTimeField source="at" />
      <TextField source="actorName" />
      <Labeled source="actorRole">
        <ActorRoleField />
      </Labeled>
      <Labeled source="action">
        <AuditActionField />
      </Labeled>
      <TextField source="resource" />
      <TextField source="resourceId" />
      <TextField source="ip" />
      <TextField source="requestId" />
      <AuditLogDetail />
    </SimpleShowLayout>
  </Show>
);

export default AuditLogShow;
