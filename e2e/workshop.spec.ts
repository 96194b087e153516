import { expect, test } from './fixtures';
import { RacePage } from './pages/racePage';

const SEED = 'stampede-lock';

test('a teacher and three participants: join, progress live on the dashboard, push a step, race as a class, close the room', async ({ classroom }) => {
  const { dashboard, code } = await classroom.openRoom();
  const [ada, grace, linus] = await classroom.join(code, 'Ada', 'Grace', '<b>Linus</b>');
  const everyone = [ada, grace, linus];

  await expect(dashboard.rows).toHaveCount(3);
  // A name is shown exactly as typed, never as markup.
  await expect(dashboard.row('<b>Linus</b>')).toBeVisible();

  await ada.run('SET cache:data "initial value"', SEED);
  for (let i = 0; i < 5; i += 1) await grace.run('SET cache:data', SEED);
  await expect(dashboard.step('Ada')).toHaveText('2 / 4');
  await expect(dashboard.row('Grace')).toHaveAttribute('data-stuck', 'true');
  await expect(dashboard.row('Grace')).toContainText("(error) ERR wrong number of arguments for 'set' command");

  await dashboard.push('Prevent a cache stampede with a lock', 2);
  // The race starts while the pushed pages may still be loading the editor: everyone is in it all the same.
  for (const participant of everyone) await participant.waitForStep(SEED, 2);

  const raceId = await dashboard.startClassRace(5, 1_000);
  for (const participant of everyone) await participant.waitForRace(raceId);
  const lanes = dashboard.page.getByTestId('race-lanes');
  await expect(lanes).toHaveAttribute('data-clients', '8', { timeout: 20_000 });
  await expect(lanes).toHaveAttribute('data-named-lanes', '3');
  await expect(dashboard.figure('served')).toHaveText('8', { timeout: 20_000 });
  expect(await dashboard.raceLabels(raceId)).toEqual(['<b>Linus</b>', 'Ada', 'Grace']);
  await expect(linus.page.getByTestId('figure-served')).toHaveText('8');

  await dashboard.backToRoom();
  await dashboard.close();
  for (const participant of everyone) await expect(participant.page.getByText('The workshop has ended')).toBeVisible();
});

test('a teacher locks the room against a newcomer and removes a participant, whose room bar says so', async ({ classroom }) => {
  const { dashboard, code } = await classroom.openRoom();
  const [ada, grace] = await classroom.join(code, 'Ada', 'Grace');
  await expect(dashboard.rows).toHaveCount(2);

  await dashboard.setLocked(true);
  const late = await classroom.tryJoin(code, 'Late');
  await expect(late.getByRole('form', { name: 'Join a workshop' }).getByRole('alert')).toHaveText(
    `Workshop ${code} is locked: the teacher is not letting anyone else in. Ask them to unlock it.`,
  );

  await dashboard.remove('Grace');
  await expect(grace.page.getByTestId('room-ended')).toHaveText(`You are no longer in workshop ${code}. Your playground is yours again.`);
  await expect(ada.roomBar).toContainText(code);
  await expect(dashboard.rows).toHaveCount(1);

  await dashboard.setLocked(false);
  await late.getByRole('button', { name: 'Join' }).click();
  await expect(late).toHaveURL(/\/lessons$/, { timeout: 15_000 });
  await expect(dashboard.rows).toHaveCount(2);
});

test('a participant whose editor is still loading and one who opens the page after the announcement race with the class, whose page shows the race keys', async ({
  classroom,
}) => {
  const { dashboard, code } = await classroom.openRoom();
  const [slow, late] = await classroom.join(code, 'Slow', 'Late');
  // Slow's editor (Monaco) does not arrive until the race is over; Late has no page open when it starts.
  const editor = await slow.holdEditor();
  await dashboard.push('Prevent a cache stampede with a lock', 1);
  await editor.requested;
  await late.page.goto('about:blank');

  const raceId = await dashboard.startClassRace(2, 1_000);
  await late.page.goto('/lessons');
  for (const participant of [slow, late]) await participant.waitForRace(raceId);
  await expect(dashboard.figure('served')).toHaveText('4', { timeout: 20_000 });
  expect(await dashboard.raceLabels(raceId)).toEqual(['Late', 'Slow']);
  editor.release();

  // The replay shows the room's cache and lock keys at the playhead (one of each), as the race page does.
  const replay = new RacePage(dashboard.page);
  await expect(replay.keysAtPlayhead('lock')).toHaveAttribute('data-key', `race:${raceId}:lock`);
  await expect(replay.keysAtPlayhead('cache')).toHaveAttribute('data-key', `race:${raceId}:cache`);
});
