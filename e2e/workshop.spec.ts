import { expect, test } from '@playwright/test';
import { Playground } from './pages/playground';
import { Participant, TeacherDashboard } from './pages/workshop';

const SEED = 'stampede-lock';

test('a teacher and three participants: join, progress live on the dashboard, push a step, race as a class, close the room', async ({ browser }) => {
  const { dashboard, code } = await TeacherDashboard.open(browser);
  const names = ['Ada', 'Grace', '<b>Linus</b>'];
  const [ada, grace, linus] = await Promise.all(names.map((name) => Participant.join(browser, code, name)));

  await expect(dashboard.rows).toHaveCount(3);
  // A name is shown exactly as typed, never as markup.
  await expect(dashboard.row('<b>Linus</b>')).toBeVisible();

  await ada!.run('SET cache:data "initial value"', SEED);
  for (let i = 0; i < 5; i += 1) await grace!.run('SET cache:data', SEED);
  await expect(dashboard.row('Ada').getByTestId('participant-step')).toHaveText('2 / 4');
  await expect(dashboard.row('Grace')).toHaveAttribute('data-stuck', 'true');
  await expect(dashboard.row('Grace')).toContainText("(error) ERR wrong number of arguments for 'set' command");

  await dashboard.push('Prevent a cache stampede with a lock', 2);
  for (const participant of [ada!, grace!, linus!]) {
    await expect(participant.page).toHaveURL(new RegExp(`/lessons/${SEED}/2$`), { timeout: 15_000 });
    // The pushed page loads the editor. While Monaco is parsed, on a busy machine for up to 45 s,
    // the page cannot answer the race's announcement in time, which no learner looking at a loaded
    // page would meet.
    await expect(new Playground(participant.page).editor.locator('.monaco-editor')).toBeVisible({ timeout: 45_000 });
  }

  const raceId = await dashboard.startClassRace(5, 1_000);
  for (const participant of [ada!, grace!, linus!]) {
    await expect(participant.page).toHaveURL(new RegExp(`/workshop/race/${raceId}$`), { timeout: 15_000 });
    await expect(participant.page.getByTestId('race-seat')).toContainText('You are client #');
  }
  const lanes = dashboard.page.getByTestId('race-lanes');
  await expect(lanes).toHaveAttribute('data-clients', '8', { timeout: 20_000 });
  await expect(lanes).toHaveAttribute('data-named-lanes', '3');
  await expect(dashboard.page.getByTestId('figure-served')).toHaveText('8', { timeout: 20_000 });
  const race = await (await dashboard.page.request.get(`/api/sim/${raceId}?events=none`)).json();
  expect(Object.values(race.labels).sort()).toEqual(['<b>Linus</b>', 'Ada', 'Grace']);
  await expect(linus!.page.getByTestId('figure-served')).toHaveText('8');

  await dashboard.page.goto(`/teach/${code}`);
  await dashboard.close();
  for (const participant of [ada!, grace!, linus!]) await expect(participant.page.getByText('The workshop has ended')).toBeVisible();
});

test('a teacher locks the room against a newcomer and removes a participant, whose room bar says so', async ({ browser }) => {
  const { dashboard, code } = await TeacherDashboard.open(browser);
  const [ada, grace] = await Promise.all(['Ada', 'Grace'].map((name) => Participant.join(browser, code, name)));
  await expect(dashboard.rows).toHaveCount(2);

  await dashboard.setLocked(true);
  const late = await Participant.tryJoin(browser, code, 'Late');
  await expect(late.getByRole('form', { name: 'Join a workshop' }).getByRole('alert')).toHaveText(`Workshop ${code} is locked: the teacher is not letting anyone else in. Ask them to unlock it.`);

  await dashboard.remove('Grace');
  await expect(grace!.page.getByTestId('room-ended')).toHaveText(`You are no longer in workshop ${code}. Your playground is yours again.`);
  await expect(ada!.page.getByTestId('room-bar')).toContainText(code);
  await expect(dashboard.rows).toHaveCount(1);

  await dashboard.setLocked(false);
  await late.getByRole('button', { name: 'Join' }).click();
  await expect(late).toHaveURL(/\/lessons$/, { timeout: 15_000 });
  await expect(dashboard.rows).toHaveCount(2);
});
