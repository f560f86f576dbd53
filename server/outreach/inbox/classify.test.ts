import { describe, expect, it } from 'vitest';
import { classify, normalizeSubject } from './classify.ts';
import { headerFields } from './delivery-status.ts';
import { splitQuoted } from './quoted-text.ts';

const kindOf = (headers: string, subject = 'Hello') =>
  classify(`${headers}\r\n\r\nbody`, headerFields(headers), subject).kind;

describe('classify', () => {
  it('takes RFC 3834 Auto-Submitted other than "no", X-Autoreply and Precedence as automatic', () => {
    expect(kindOf('Auto-Submitted: auto-replied')).toBe('auto_reply');
    expect(kindOf('Auto-Submitted: auto-generated; owner-email="a@b.test"')).toBe('auto_reply');
    expect(kindOf('Auto-Submitted: no')).toBe('personal');
    expect(kindOf('X-Autoreply: yes')).toBe('auto_reply');
    for (const p of ['auto_reply', 'bulk', 'list']) expect(kindOf(`Precedence: ${p}`)).toBe('auto_reply');
    expect(kindOf('Precedence: first-class')).toBe('personal');
  });

  it('recognises out-of-office subjects in several languages', () => {
    for (const subject of [
      'Out of Office: Spring launch',
      'Automatic reply: Spring launch',
      'Abwesenheitsnotiz: Spring launch',
      'Automatische Antwort: Spring launch',
      'Réponse automatique : Spring launch',
      'Respuesta automática: Spring launch',
      'Risposta automatica: Spring launch',
      'Automatisch antwoord: Spring launch',
      'Autosvar: Spring launch',
      'Автоответ: Spring launch',
      '自動返信: Spring launch',
    ]) {
      expect(kindOf('From: a@b.test', subject), subject).toBe('auto_reply');
    }
    expect(kindOf('From: a@b.test', 'Re: out of budget for the office party?')).toBe('personal');
  });

  it('treats a delayed delivery report as automatic mail, not a bounce', () => {
    const report = [
      'Content-Type: multipart/report; report-type=delivery-status; boundary="x"',
      '',
      '--x',
      'Content-Type: text/plain',
      '',
      'Still trying.',
      '--x',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.test',
      '',
      'Final-Recipient: rfc822; slow@example.com',
      'Action: delayed',
      'Status: 4.4.7',
      '--x--',
    ].join('\r\n');
    const head = report.split('\r\n\r\n')[0];
    expect(classify(report, headerFields(head), 'Delayed Mail').kind).toBe('auto_reply');
  });

  it('strips reply and forward prefixes in several languages from subjects', () => {
    expect(normalizeSubject('RE: AW: Fwd: [Team]  Spring   Launch')).toBe('spring launch');
    expect(normalizeSubject('SV: VS: Re[2]: Spring launch')).toBe('spring launch');
  });
});

describe('splitQuoted', () => {
  it('splits at an attribution line, also when wrapped over two lines', () => {
    expect(splitQuoted('Yes!\n\nOn Tue, 1 Dec 2026, Mia <mia@a.test> wrote:\n> Hi')).toEqual({
      body: 'Yes!',
      quoted: 'On Tue, 1 Dec 2026, Mia <mia@a.test> wrote:\n> Hi',
    });
    expect(
      splitQuoted('Gerne.\n\nAm Di., 1. Dez. 2026 um 09:00 Uhr schrieb Mia <\nmia@a.test>:\n> Hallo').body,
    ).toBe('Gerne.');
    expect(splitQuoted('Oui.\n\nLe mar. 1 déc. 2026 à 09:00, Mia <mia@a.test> a écrit :\n> Salut').body).toBe(
      'Oui.',
    );
  });

  it("splits at Outlook's header block and separator", () => {
    const outlook =
      'Sure.\n\n________________________________\nFrom: Mia <mia@a.test>\nSent: Tuesday\nTo: Ada\nSubject: Hi';
    expect(splitQuoted(outlook).body).toBe('Sure.');
    expect(splitQuoted('Ok\n-----Original Message-----\nFrom: Mia').body).toBe('Ok');
    expect(
      splitQuoted('Ok\n\nFrom: Mia <mia@a.test>\nSent: Tuesday\nTo: Ada\nSubject: Hi\n\nHello').body,
    ).toBe('Ok');
  });

  it('collapses trailing ">" lines but keeps inline answers between quotes', () => {
    expect(splitQuoted('Thanks\n> old\n> older\n')).toEqual({ body: 'Thanks', quoted: '> old\n> older' });
    const inline = '> Can you post on Friday?\nYes.\n> And the fee?\n500';
    expect(splitQuoted(inline)).toEqual({ body: inline, quoted: '' });
  });
});
