import { createAsync, useAction, useNavigate, useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { ContactForm } from '../contacts/contact-form.tsx';
import { getContact, type PlatformOption, updateContact } from '../contacts/contacts.data.ts';
import { Loading } from '../ui/feedback.tsx';

export default function ContactEditPage() {
  const params = useParams();
  const contact = createAsync(() => getContact(params.id!));
  const update = useAction(updateContact);
  const navigate = useNavigate();
  return (
    <section>
      <Show when={contact()} fallback={<Loading />}>
        {(c) => (
          <>
            <h1>Edit {c().name}</h1>
            <ContactForm
              initial={{
                ...c(),
                socialAccounts: c().socialAccounts.map((a) => ({
                  platform: a.platform as PlatformOption,
                  handle: a.handle,
                })),
              }}
              submitLabel="Save changes"
              onSubmit={(input) => update(c().id, input)}
              onCancel={() => navigate(`/contacts/${c().id}`)}
            />
          </>
        )}
      </Show>
    </section>
  );
}
