/**
 * What each page reads, started as soon as the router knows where it is going (on link hover
 * and on navigation), while the page's lazily loaded code is still on its way. Each preload
 * calls the same queries with the same arguments as the page's createAsync, so the page finds
 * them in flight or cached. They live here, not in the page modules, because importing a page
 * module for its preload would pull the page into the main bundle.
 */
import type { RoutePreloadFunc } from '@solidjs/router';
import { getMe, getSetupStatus } from '../auth/auth.data.ts';
import { canAdmin } from '../auth/session.ts';
import {
  getCampaign,
  getCampaigns,
  getCampaignTimeline,
  getOwners,
  getStages,
} from '../campaigns/campaigns.data.ts';
import { getContact, getContactDeals, getContacts, getContactTimeline } from '../contacts/contacts.data.ts';
import { getBoard, getDeal, getDealTimeline } from '../deals/deals.data.ts';
import { getCrawlProgress, getNiche, getNiches } from '../discover/discover.data.ts';
import {
  getApiKeys,
  getAudit,
  getInvitationByToken,
  getInvitations,
  getMembers,
} from '../settings/settings.data.ts';

/** A search parameter as the pages read it (the first value when repeated). */
function param(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export const preloadSetup: RoutePreloadFunc = () => {
  void getSetupStatus();
};
export const preloadSignIn: RoutePreloadFunc = () => {
  void getSetupStatus();
};
export const preloadShell: RoutePreloadFunc = () => {
  void getMe();
};

export const preloadContacts: RoutePreloadFunc = ({ location }) => {
  void getContacts(param(location.query.q) ?? '', param(location.query.after));
};
export const preloadContact: RoutePreloadFunc = ({ params }) => {
  void getContact(params.id!);
  void getContactDeals(params.id!);
  void getContactTimeline(params.id!);
};
export const preloadContactEdit: RoutePreloadFunc = ({ params }) => {
  void getContact(params.id!);
};

export const preloadDiscover: RoutePreloadFunc = () => {
  void getNiches();
};
export const preloadNiche: RoutePreloadFunc = ({ params }) => {
  void getNiche(params.id!);
  void getCrawlProgress(params.id!);
};

export const preloadCampaigns: RoutePreloadFunc = ({ location }) => {
  void getCampaigns(param(location.query.status) ?? '', param(location.query.q) ?? '');
};
export const preloadCampaignNew: RoutePreloadFunc = () => {
  void getOwners();
};
export const preloadCampaign: RoutePreloadFunc = ({ params, location }) => {
  void getBoard(params.id!, param(location.query.owner) ?? '', param(location.query.tag) ?? '');
  void getOwners();
  if (param(location.query.view) === 'timeline') void getCampaignTimeline(params.id!);
};
export const preloadCampaignEdit: RoutePreloadFunc = ({ params }) => {
  void getCampaign(params.id!);
  void getOwners();
};
export const preloadDeal: RoutePreloadFunc = ({ params }) => {
  void getDeal(params.id!);
  void getDealTimeline(params.id!);
  void getStages();
  void getOwners();
};

export const preloadSettings: RoutePreloadFunc = () => {
  // Members, invitations and keys are for admins only: ask only when the answer can be read.
  void getMe()
    .then((me) => {
      if (!canAdmin(me)) return;
      void getMembers();
      void getInvitations();
      void getApiKeys();
      void getStages();
    })
    .catch(() => {});
};
export const preloadAudit: RoutePreloadFunc = ({ location }) => {
  void getAudit(param(location.query.entity) ?? '', param(location.query.after)).catch(() => {});
};
export const preloadInvite: RoutePreloadFunc = ({ params }) => {
  void getInvitationByToken(params.token ?? '').catch(() => {});
};
