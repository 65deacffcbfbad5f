import { getEntry } from '@unknot/core';
import { describe, expect, it } from 'vitest';
import { DiaryPage } from './pages/diary-page.ts';
import { HomePage } from './pages/home-page.ts';
import { SessionPage } from './pages/session-page.ts';
import { api } from './support/api.ts';
import { hasChromium } from './support/browser.ts';
import { throughSelfCareCheck, waitUntilSent } from './support/flows.ts';
import { slow, useSuite } from './support/suite.ts';

describe.skipIf(!hasChromium)('the self-care path', slow, () => {
  const suite = useSuite();

  it('check → plan → the ice timer (prompts, pause, resume, finish) → log pain → the diary keeps it after a reload', async () => {
    const { page } = suite.app;
    // A controllable clock that otherwise runs in real time: the timer is driven from absolute time, so jumping
    // the clock forward is what a phone left in a pocket for twenty minutes looks like to it.
    await page.clock.install();
    await throughSelfCareCheck(page, suite.url);

    // The plan knows the person: ice is offered in the first two days, with its timer.
    await page.goto(`${suite.url}/plan`);
    await page.getByRole('heading', { level: 1, name: 'Your plan' }).waitFor();
    const ice = getEntry('tx-ice');
    if (!ice) throw new Error('tx-ice is in the knowledge base');
    await page.getByRole('heading', { name: ice.title }).first().waitFor();

    const home = new HomePage(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
    await home.waitFor();
    await home.startTimer(ice.title);

    // The protocol's prompts come first; the timer cannot start before they are acknowledged.
    const session = new SessionPage(page);
    expect(await session.prompts()).toEqual([
      'Wrap the cold pack in a thin towel or cloth; never put ice on bare skin (frostbite risk).',
      'Remove early if the skin goes numb, white or blotchy.',
      'Do not fall asleep with the pack on.',
    ]);
    expect(await session.startButton().isDisabled()).toBe(true);
    await session.acknowledgePrompts();
    await session.start();
    expect(await session.countdown()).toMatch(/^(20:00|19:5\d)$/);
    const firstStep = await session.stepName();

    // Paused, the countdown stands still.
    await session.pause();
    const paused = await session.countdown();
    await page.clock.fastForward('00:05');
    expect(await session.countdown()).toBe(paused);
    await session.resume();

    // Twenty minutes later (the tab asleep all along), the player is on the next step.
    await page.clock.fastForward('20:05');
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid="step-name"]')?.textContent !== name,
      firstStep,
    );
    expect(await session.stepName()).toMatch(/Pack off/);

    // And an hour later it is done, and the session is logged.
    await page.clock.fastForward('01:00:00');
    await session.waitForStatus('done');
    await page.getByText('Session saved.').waitFor();
    await page.getByRole('link', { name: 'Back to today' }).click();

    // One tap logs the pain; after a reload the diary still shows it, and the server has it.
    await home.waitFor();
    await home.logPain(3);
    await waitUntilSent(page);
    await page.reload();
    await home.waitFor();
    const diary = new DiaryPage(page);
    await diary.open();
    expect(await diary.pains()).toEqual([3]);

    const [episode] = await api.episodes(suite.url);
    if (!episode) throw new Error('the episode reached the server');
    expect(episode.location).toBe('lower');
    expect((await api.diary(suite.url, episode.id)).map((e) => e.pain)).toEqual([3]);
    const sessions = await api.sessions(suite.url, episode.id);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ protocolId: 'tx-ice', stoppedEarly: false, stepsCompleted: 3 });
    const assessments = await api.assessments(suite.url, episode.id);
    expect(assessments.map((a) => a.result.disposition)).toEqual(['self_care']);

    // The summary for a doctor links to what the server makes of it: the PDF and the FHIR file are real.
    await page.getByRole('link', { name: 'Summary for your doctor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Summary for your doctor' }).waitFor();
    const pdfHref = await page.getByRole('link', { name: 'Download as PDF' }).getAttribute('href');
    const pdf = await page.request.get(`${suite.url}${pdfHref ?? ''}`);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const fhirHref = await page.getByRole('link', { name: /FHIR/ }).getAttribute('href');
    const fhir = (await (await page.request.get(`${suite.url}${fhirHref ?? ''}`)).json()) as {
      resourceType: string;
    };
    expect(fhir.resourceType).toBe('Bundle');
    expect(suite.app.errors).toEqual([]);
  });

  it('an exercise asks the pain before and after; a rise of 2 stops it for now, on Today and in the player', async () => {
    const { page } = suite.app;
    await page.clock.install();
    await throughSelfCareCheck(page, suite.url);
    const stretch = getEntry('ex-gentle-stretching');
    if (!stretch) throw new Error('ex-gentle-stretching is in the knowledge base');
    const home = new HomePage(page);
    await home.startTimer(stretch.title);

    const session = new SessionPage(page);
    await session.acknowledgePrompts();
    // An exercise cannot start before the pain is rated.
    expect(await session.startButton().isDisabled()).toBe(true);
    await page
      .getByRole('group', { name: /^Before you start: how bad is the pain/ })
      .getByRole('radio', { name: '3', exact: true })
      .check();
    await session.start();
    await page.clock.fastForward('05:00');
    await session.waitForStatus('done');
    await page
      .getByRole('group', { name: /^How bad is the pain now/ })
      .getByRole('radio', { name: '6', exact: true })
      .check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Session saved.').waitFor();
    // core's afterExercise: a rise of 2 or more ends this exercise for the day, and names its source.
    await page.locator('.session-end .card-caution').waitFor();

    await page.getByRole('link', { name: 'Back to today' }).click();
    await home.waitFor();
    await page.getByRole('heading', { name: `Stop for now: ${stretch.title}` }).waitFor();
    expect(await page.getByRole('link', { name: `Start ${stretch.title}` }).count()).toBe(0);
    await page.goto(`${suite.url}/session/ex-gentle-stretching`);
    await page.getByRole('heading', { level: 1, name: 'Not today' }).waitFor();
    expect(await page.getByRole('timer').count()).toBe(0);

    await waitUntilSent(page);
    const [episode] = await api.episodes(suite.url);
    if (!episode) throw new Error('the episode reached the server');
    expect(await api.sessions(suite.url, episode.id)).toMatchObject([
      { protocolId: 'ex-gentle-stretching', painBefore: 3, painAfter: 6, stoppedEarly: false },
    ]);
  });
});
