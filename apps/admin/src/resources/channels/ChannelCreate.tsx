import { ChannelKey, type ChannelWithSecret } from '@siyu/shared';
import { useState } from 'react';
import { BooleanInput, Create, maxLength, required, SimpleForm, TextInput, useRedirect } from 'react-admin';
import { SecretDialog } from './SecretDialog';

const validateKey = (value: unknown) =>
  value && !ChannelKey.safeParse(value).success ? 'resources.channels.helpers.key' : undefined;

// A stable object: react-admin resets the form when its defaultValues change identity.
const defaultValues = { enabled: true };

/** The answer to create carries the secret: it is shown once, then the list opens. */
const ChannelCreate = () => {
  const [created, setCreated] = useState<ChannelWithSecret>();
  const redirect = useRedirect();
  return (
    <>
      <Create mutationOptions={{ onSuccess: (data: ChannelWithSecret) => setCreated(data) }}>
        <SimpleForm defaultValues={defaultValues}>
          <TextInput
            source="key"
            validate={[required(), validateKey]}
            helperText="resources.channels.helpers.key"
            autoComplete="off"
          />
          <TextInput source="name" validate={[required(), maxLength(50)]} />
          <BooleanInput source="enabled" helperText="resources.channels.helpers.enabled" />
        </SimpleForm>
      </Create>
      <SecretDialog channel={created} onClose={() => redirect('list', 'channels')} />
    </>
  );
};

export default ChannelCreate;
