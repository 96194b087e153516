import { expect, test } from './fixtures';

test('a learner types the four seed steps and sees what redis-cli prints', async ({ playground }) => {
  await playground.type(
    ['SET cache:data "initial value"', 'SET cache:lock "locked"', 'GET cache:data', 'SET cache:lock "locked" NX PX 30000', 'DEL cache:lock'].join('\n'),
  );
  await playground.run();
  await expect(playground.results).toHaveCount(5);
  expect(await playground.texts()).toEqual(['OK', 'OK', '"initial value"', '(nil)', '(integer) 1']);
});
