import { useAction, useNavigate } from '@solidjs/router';
import { ContactForm } from '../contacts/contact-form.tsx';
import { createContact } from '../contacts/contacts.data.ts';

export default function ContactNewPage() {
  const create = useAction(createContact);
  const navigate = useNavigate();
  return (
    <section>
      <h1>New contact</h1>
      <ContactForm submitLabel="Create contact" onSubmit={create} onCancel={() => navigate('/contacts')} />
    </section>
  );
}
