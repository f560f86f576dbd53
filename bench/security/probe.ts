/**
 * Re-runs issue 8's attacks against an in-process Murmur on each database and prints a table per
 * category: attempts, how many got through, how many crashed (a 5xx or a thrown request), and
 * whether any acknowledged data was lost. Run with `npm run bench:security`
 * (set TEST_DATABASE_URL to include PostgreSQL). Tests prove each fix; this counts them.
 */
import { setImmediate as yieldToJobs } from 'node:timers/promises';
import { type Caller, trpcCall } from '../../test/support/app.ts';
import { type TestDatabaseKind, testDatabaseKinds } from '../../test/support/database.ts';
import { openWorld, type World } from '../../test/support/world.ts';

type Tally = { attempts: number; through: number; crashes: number };
type Attempt = { through: boolean; status: number };

const categories = new Map<string, Tally>();
function count(category: string, attempt: Attempt) {
  const tally = categories.get(category) ?? { attempts: 0, through: 0, crashes: 0 };
  tally.attempts++;
  if (attempt.through) tally.through++;
  if (attempt.status >= 500 || attempt.status === 0) tally.crashes++;
  categories.set(category, tally);
}

async function call(world: World, who: Caller, path: string, input: unknown, kind: 'query' | 'mutation') {
  try {
    const r = await trpcCall(world.app, who, path, input, kind);
    return { status: r.status, data: r.data as unknown };
  } catch {
    return { status: 0, data: undefined };
  }
}

async function probe(kind: TestDatabaseKind) {
  const world = await openWorld(kind, { workers: true, prefix: `probe-${kind}` });
  const { member, viewer, outsider } = world;
  const contact = (await call(world, member, 'contacts.create', { name: 'Ann Vegan' }, 'mutation')).data as {
    id: string;
  };
  const campaign = (await call(world, member, 'campaigns.create', { name: 'Spring' }, 'mutation')).data as {
    id: string;
  };
  const niche = (await call(world, member, 'niches.create', { name: 'Files', platform: 'file' }, 'mutation'))
    .data as { id: string };

  // Access control: an outsider reads and writes the member's workspace by id.
  const foreign: [string, unknown, 'query' | 'mutation'][] = [
    ['contacts.byId', { id: contact.id }, 'query'],
    ['contacts.update', { id: contact.id, name: 'Owned' }, 'mutation'],
    ['contacts.remove', { id: contact.id }, 'mutation'],
    ['contacts.timeline', { id: contact.id }, 'query'],
    ['campaigns.byId', { id: campaign.id }, 'query'],
    ['campaigns.remove', { id: campaign.id }, 'mutation'],
    ['deals.board', { campaignId: campaign.id }, 'query'],
    ['niches.byId', { id: niche.id }, 'query'],
    ['niches.remove', { id: niche.id }, 'mutation'],
    ['niches.score', { id: niche.id }, 'mutation'],
  ];
  for (const [path, input, k] of foreign) {
    const r = await call(world, outsider, path, input, k);
    count('cross-workspace', { through: r.status === 200, status: r.status });
  }
  for (const path of [`/api/niches/${niche.id}/export?format=csv&part=accounts`]) {
    const r = await world.app.request(path, { headers: { cookie: outsider.cookie! } });
    count('cross-workspace', { through: r.status === 200, status: r.status });
  }

  // Control: the same reads by the member succeed, so a 0 above means refused, not broken.
  for (const [path, input, k] of foreign.filter(([, , k]) => k === 'query')) {
    const r = await call(world, member, path, input, k);
    count('control: member reads own data', { through: r.status === 200, status: r.status });
  }

  // The viewer role writes nothing.
  const writes: [string, unknown][] = [
    ['contacts.create', { name: 'Viewer made' }],
    ['contacts.update', { id: contact.id, name: 'Viewer changed' }],
    ['contacts.remove', { id: contact.id }],
    ['campaigns.create', { name: 'Viewer campaign' }],
    ['campaigns.remove', { id: campaign.id }],
    ['niches.create', { name: 'Viewer niche', platform: 'file' }],
    ['niches.remove', { id: niche.id }],
    ['stages.create', { name: 'Viewer stage' }],
    ['apiKeys.create', { name: 'viewer key', role: 'viewer' }],
    ['workspaces.invite', { email: 'friend@probe.test', role: 'owner' }],
  ];
  for (const [path, input] of writes) {
    const r = await call(world, viewer, path, input, 'mutation');
    count('viewer writes', { through: r.status === 200, status: r.status });
  }

  // NUL bytes and lone surrogates in input: refused with 400, never a 500.
  for (const bad of ['a\u0000b', 'x\ud800y', '\udc00', 'ok\u0000']) {
    for (const [path, input, k] of [
      ['contacts.list', { search: bad }, 'query'],
      ['contacts.create', { name: bad }, 'mutation'],
      ['campaigns.create', { name: bad }, 'mutation'],
      ['niches.create', { name: bad, platform: 'file' }, 'mutation'],
      ['workspaces.create', { name: bad }, 'mutation'],
      ['auth.signIn', { email: `a${bad}@b.test`, password: bad }, 'mutation'],
    ] as const) {
      const r = await call(world, member, path, input, k);
      count('NUL and surrogates', { through: r.status === 200, status: r.status });
    }
  }

  // Crafted cursors and ids.
  for (const cursor of ['%%%', Buffer.from('["a","b"]').toString('base64url'), 'A'.repeat(400)]) {
    const r = await call(world, member, 'contacts.list', { cursor }, 'query');
    count('crafted cursors and ids', { through: r.status === 200, status: r.status });
  }
  for (const id of ['not-a-uuid', "1' or '1'='1", '../../etc/passwd']) {
    const r = await call(world, member, 'contacts.byId', { id }, 'query');
    count('crafted cursors and ids', { through: r.status === 200, status: r.status });
    const file = await world.app.request(`/api/niches/${encodeURIComponent(id)}/export`, {
      headers: { cookie: member.cookie! },
    });
    count('crafted cursors and ids', { through: file.status === 200, status: file.status });
  }

  // Hostile files: each must end "failed" with a message (or "ready"), never crash or hang.
  const files: [string, BlobPart][] = [
    ['nul.csv', 'source,target\na\u0000b,c\nc,d\n'],
    ['quote.csv', `source,target\n"a,b\n${'c,d\n'.repeat(20_000)}`],
    ['utf16.csv', Buffer.from('\ufeffsource,target\na,b\n', 'utf16le')],
    ['latin1.csv', Buffer.from('source,target\ncaf\xe9,b\n', 'latin1')],
    ['wide.csv', `${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',')}\n`],
    ['empty.csv', ''],
  ];
  for (const [name, body] of files) {
    const fileNiche = (
      await call(world, member, 'niches.create', { name: `F ${name}`, platform: 'file' }, 'mutation')
    ).data as { id: string };
    const form = new FormData();
    form.append('edges', new Blob([body]), name);
    const r = await world.app.request(`/api/niches/${fileNiche.id}/import`, {
      method: 'POST',
      headers: { cookie: member.cookie!, 'x-murmur-client': 'probe' },
      body: form,
    });
    let status = r.status;
    if (r.status === 200) {
      for (let i = 0; i < 3000; i++) {
        const view = (await call(world, member, 'niches.byId', { id: fileNiche.id }, 'query')).data as {
          status: string;
        };
        if (view.status === 'ready' || view.status === 'failed') break;
        await yieldToJobs();
        if (i === 2999) status = 0; // stuck
      }
    }
    const health = await world.app.request('/healthz');
    count('hostile files', { through: false, status: health.status !== 200 ? 500 : status === 0 ? 0 : 200 });
  }

  // Oversized: a 100-call batch.
  const batch = Array.from({ length: 100 }, () => 'contacts.list').join(',');
  const big = await world.app.request(`/trpc/${batch}?batch=1`, {
    headers: { cookie: member.cookie!, 'x-murmur-client': 'probe' },
  });
  count('oversized input', { through: big.status === 200, status: big.status });

  // CSRF: a cookie write without our client header, and a bogus bearer beside a good cookie.
  const noHeader = await world.app.request('/trpc/contacts.create', {
    method: 'POST',
    headers: { cookie: member.cookie!, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'CSRF' }),
  });
  count('CSRF', { through: noHeader.status === 200, status: noHeader.status });
  const bogus = await world.app.request('/trpc/contacts.create', {
    method: 'POST',
    headers: { cookie: member.cookie!, authorization: 'Bearer a b', 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'CSRF bearer' }),
  });
  count('CSRF', { through: bogus.status === 200, status: bogus.status });

  // Account takeover: the outsider, owner of their own workspace, invites the member's email and
  // tries to set a password for it through the link; then signs in with that password.
  const memberEmail = `probe-${kind}-member@agency.test`;
  const planted = 'attacker chosen password';
  const old = await call(
    world,
    outsider,
    'workspaces.addMember',
    { email: memberEmail, role: 'owner', name: 'x', password: planted },
    'mutation',
  );
  count('account takeover', { through: old.status === 200, status: old.status === 404 ? 404 : old.status });
  const invite = (
    await call(world, outsider, 'workspaces.invite', { email: memberEmail, role: 'owner' }, 'mutation')
  ).data as { token: string } | undefined;
  const accept = await call(
    world,
    {},
    'auth.acceptInvitation',
    { token: invite?.token ?? 'x', password: planted, name: 'x' },
    'mutation',
  );
  count('account takeover', { through: accept.status === 200, status: accept.status });
  const takeover = await call(
    world,
    {},
    'auth.signIn',
    { email: memberEmail, password: planted },
    'mutation',
  );
  count('account takeover', { through: takeover.status === 200, status: takeover.status });

  // Sign-in guessing in parallel: how many guesses reach the password check, and does the
  // right one get in among them?
  const email = `probe-${kind}-member@agency.test`;
  const guesses = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      call(
        world,
        {},
        'auth.signIn',
        { email, password: i === 30 ? 'long enough password' : `wrong ${i}` },
        'mutation',
      ),
    ),
  );
  for (const g of guesses) count('parallel sign-in guesses', { through: g.status === 200, status: g.status });

  // Nothing the member acknowledged is gone.
  const kept = (await call(world, member, 'contacts.byId', { id: contact.id }, 'query')).data as {
    name: string;
  };
  const lost = kept?.name === 'Ann Vegan' ? 0 : 1;
  await world.close();
  return lost;
}

for (const kind of testDatabaseKinds) {
  categories.clear();
  const lost = await probe(kind);
  console.log(`\n${kind}: data lost: ${lost}`);
  console.log('| category | attempts | got through | crashes |\n| --- | --- | --- | --- |');
  for (const [name, t] of categories)
    console.log(`| ${name} | ${t.attempts} | ${t.through} | ${t.crashes} |`);
}
