import { Route, Router } from '@solidjs/router';
import { lazy } from 'solid-js';
import { render } from 'solid-js/web';
import { getBoard } from './deals/deals.data.ts';
import { AppShell } from './routes/app-shell.tsx';
import { SetupPage } from './routes/setup.tsx';
import { SignInPage } from './routes/sign-in.tsx';
import { ComingSoon } from './ui/feedback.tsx';
import './styles.css';

const ContactsPage = lazy(() => import('./routes/contacts.tsx'));
const ContactPage = lazy(() => import('./routes/contact.tsx'));
const ContactNewPage = lazy(() => import('./routes/contact-new.tsx'));
const ContactEditPage = lazy(() => import('./routes/contact-edit.tsx'));
const SettingsPage = lazy(() => import('./routes/settings.tsx'));
const DiscoverPage = lazy(() => import('./routes/discover.tsx'));
const DiscoverNichePage = lazy(() => import('./routes/discover-niche.tsx'));
const CampaignsPage = lazy(() => import('./routes/campaigns.tsx'));
const CampaignPage = lazy(() => import('./routes/campaign.tsx'));
const CampaignNewPage = lazy(() => import('./routes/campaign-new.tsx'));
const CampaignEditPage = lazy(() => import('./routes/campaign-edit.tsx'));
const DealPage = lazy(() => import('./routes/deal.tsx'));
const ContactsImportPage = lazy(() => import('./routes/contacts-import.tsx'));
const AuditPage = lazy(() => import('./routes/settings-audit.tsx'));
const InvitePage = lazy(() => import('./routes/invite.tsx'));

render(
  () => (
    <Router>
      <Route path="/setup" component={SetupPage} />
      <Route path="/sign-in" component={SignInPage} />
      <Route path="/invite/:token" component={InvitePage} />
      <Route path="/" component={AppShell}>
        <Route path="/" component={() => <ContactsPage />} />
        <Route path="/contacts" component={ContactsPage} />
        <Route path="/contacts/new" component={ContactNewPage} />
        <Route path="/contacts/import" component={ContactsImportPage} />
        <Route path="/contacts/:id" component={ContactPage} />
        <Route path="/contacts/:id/edit" component={ContactEditPage} />
        <Route path="/discover" component={DiscoverPage} />
        <Route path="/discover/:id" component={DiscoverNichePage} />
        <Route path="/campaigns" component={CampaignsPage} />
        <Route path="/campaigns/new" component={CampaignNewPage} />
        <Route
          path="/campaigns/:id"
          component={CampaignPage}
          preload={({ params, location }) =>
            getBoard(params.id!, String(location.query.owner ?? ''), String(location.query.tag ?? ''))
          }
        />
        <Route path="/campaigns/:id/edit" component={CampaignEditPage} />
        <Route path="/deals/:id" component={DealPage} />
        <Route
          path="/outreach"
          component={() => <ComingSoon title="Outreach" what="Email influencers from Murmur." />}
        />
        <Route
          path="/reports"
          component={() => <ComingSoon title="Reports" what="Measure reach and word-of-mouth spread." />}
        />
        <Route path="/settings" component={SettingsPage} />
        <Route path="/settings/audit" component={AuditPage} />
        <Route
          path="*"
          component={() => <ComingSoon title="Not found" what="There is no page at this address." />}
        />
      </Route>
    </Router>
  ),
  document.getElementById('root')!,
);
