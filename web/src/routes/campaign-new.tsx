import { useAction, useNavigate } from '@solidjs/router';
import { CampaignForm } from '../campaigns/campaign-form.tsx';
import { createCampaign } from '../campaigns/campaigns.data.ts';

export default function CampaignNewPage() {
  const create = useAction(createCampaign);
  const navigate = useNavigate();
  return (
    <section>
      <h1>New campaign</h1>
      <CampaignForm submitLabel="Create campaign" onSubmit={create} onCancel={() => navigate('/campaigns')} />
    </section>
  );
}
