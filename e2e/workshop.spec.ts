import { expect, test } from '@playwright/test';
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
  // The race starts while the pushed pages may still be loading the editor: everyone is in it all the same.
  for (const participant of [ada!, grace!, linus!]) await expect(participant.page).toHaveURL(new RegExp(`/lessons/${SEED}/2$`), { timeout: 15_000 });

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
  await expect(late.getByRole('form', { name: 'Join a workshop' }).getByRole('alert')).toHaveText(
    `Workshop ${code} is locked: the teacher is not letting anyone else in. Ask them to unlock it.`,
  );

  await dashboard.remove('Grace');
  await expect(grace!.page.getByTestId('room-ended')).toHaveText(`You are no longer in workshop ${code}. Your playground is yours again.`);
  await expect(ada!.page.getByTestId('room-bar')).toContainText(code);
  await expect(dashboard.rows).toHaveCount(1);

  await dashboard.setLocked(false);
  await late.getByRole('button', { name: 'Join' }).click();
  await expect(late).toHaveURL(/\/lessons$/, { timeout: 15_000 });
  await expect(dashboard.rows).toHaveCount(2);
});

test('a participant whose editor is still loading and one who opens the page after the announcement race with the class, whose page shows the race keys', async ({
  browser,
}) => {
  const { dashboard, code } = await TeacherDashboard.open(browser);
  const [slow, late] = await Promise.all(['Slow', 'Late'].map((name) => Participant.join(browser, code, name)));
  // Slow's editor (Monaco) does not arrive until the race is over; Late has no page open when it starts.
  const editor = await slow!.holdEditor();
  await dashboard.push('Prevent a cache stampede with a lock', 1);
  await editor.requested;
  await late!.page.goto('about:blank');

  const raceId = await dashboard.startClassRace(2, 1_000);
  await late!.page.goto('/lessons');
  for (const participant of [slow!, late!]) {
    await expect(participant.page).toHaveURL(new RegExp(`/workshop/race/${raceId}$`), { timeout: 15_000 });
    await expect(participant.page.getByTestId('race-seat')).toContainText('You are client #');
  }
  await expect(dashboard.page.getByTestId('figure-served')).toHaveText('4', { timeout: 20_000 });
  const race = await (await dashboard.page.request.get(`/api/sim/${raceId}?events=none`)).json();
  expect(Object.values(race.labels).sort()).toEqual(['Late', 'Slow']);
  editor.release();

  // The replay shows the room's cache and lock keys at the playhead, as the race page does.
  await expect(dashboard.page.locator('[data-testid="key-at-playhead"][data-role="lock"]')).toHaveAttribute('data-key', `race:${raceId}:lock`);
  await expect(dashboard.page.locator('[data-testid="key-at-playhead"][data-role="cache"]')).toHaveAttribute('data-key', `race:${raceId}:cache`);
});
