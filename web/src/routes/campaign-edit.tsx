import { createAsync, useAction, useNavigate, useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { CampaignForm } from '../campaigns/campaign-form.tsx';
import { getCampaign, updateCampaign } from '../campaigns/campaigns.data.ts';
import { Loading } from '../ui/feedback.tsx';

export default function CampaignEditPage() {
  const params = useParams();
  const campaign = createAsync(() => getCampaign(params.id!));
  const update = useAction(updateCampaign);
  const navigate = useNavigate();
  return (
    <section>
      <Show when={campaign()} fallback={<Loading />}>
        {(c) => (
          <>
            <h1>Edit {c().name}</h1>
            {/* Keyed on the version: a conflict reloads the form with the other person's changes. */}
            <Show when={c().version} keyed>
              <CampaignForm
                initial={c()}
                submitLabel="Save changes"
                onSubmit={(input) => update(c().id, c().version, input)}
                onCancel={() => navigate(`/campaigns/${c().id}`)}
              />
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
