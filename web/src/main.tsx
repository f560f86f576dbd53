import { Route, Router } from '@solidjs/router';
import { lazy } from 'solid-js';
import { render } from 'solid-js/web';
import { AppShell } from './routes/app-shell.tsx';
import * as preload from './routes/route-preloads.ts';
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
const ResetPage = lazy(() => import('./routes/reset.tsx'));
const ReportsPage = lazy(() => import('./routes/reports.tsx'));
const OutreachPage = lazy(() => import('./routes/outreach.tsx'));
const InboxPage = lazy(() => import('./outreach/inbox-list.tsx').then((m) => ({ default: m.InboxPage })));

render(
  () => (
    <Router>
      <Route path="/setup" component={SetupPage} preload={preload.preloadSetup} />
      <Route path="/sign-in" component={SignInPage} preload={preload.preloadSignIn} />
      <Route path="/invite/:token" component={InvitePage} preload={preload.preloadInvite} />
      <Route path="/reset/:token?" component={ResetPage} />
      <Route path="/" component={AppShell} preload={preload.preloadShell}>
        <Route path="/" component={() => <ContactsPage />} preload={preload.preloadContacts} />
        <Route path="/contacts" component={ContactsPage} preload={preload.preloadContacts} />
        <Route path="/contacts/new" component={ContactNewPage} />
        <Route path="/contacts/import" component={ContactsImportPage} />
        <Route path="/contacts/:id" component={ContactPage} preload={preload.preloadContact} />
        <Route path="/contacts/:id/edit" component={ContactEditPage} preload={preload.preloadContactEdit} />
        <Route path="/discover" component={DiscoverPage} preload={preload.preloadDiscover} />
        <Route path="/discover/:id" component={DiscoverNichePage} preload={preload.preloadNiche} />
        <Route path="/campaigns" component={CampaignsPage} preload={preload.preloadCampaigns} />
        <Route path="/campaigns/new" component={CampaignNewPage} preload={preload.preloadCampaignNew} />
        <Route path="/campaigns/:id" component={CampaignPage} preload={preload.preloadCampaign} />
        <Route
          path="/campaigns/:id/edit"
          component={CampaignEditPage}
          preload={preload.preloadCampaignEdit}
        />
        <Route path="/deals/:id" component={DealPage} preload={preload.preloadDeal} />
        <Route path="/outreach" component={OutreachPage} />
        <Route path="/reports" component={ReportsPage} />
        <Route path="/settings" component={SettingsPage} preload={preload.preloadSettings} />
        <Route path="/settings/audit" component={AuditPage} preload={preload.preloadAudit} />
        <Route path="/outreach/inbox" component={InboxPage} />
        <Route
          path="*"
          component={() => <ComingSoon title="Not found" what="There is no page at this address." />}
        />
      </Route>
    </Router>
  ),
  document.getElementById('root')!,
);
