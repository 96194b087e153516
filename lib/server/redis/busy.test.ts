import { describe, expect, it } from 'vitest';
import { isBusy } from './busy';

describe('BUSY refusals, which never ran and may be sent again', () => {
  it.each([
    ['BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.', true],
    // ioredis's words for a MULTI whose queued commands Redis refused as BUSY.
    ['EXECABORT Transaction discarded because of: BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.', true],
    ['EXECABORT Transaction discarded because of: WRONGTYPE Operation against a key holding the wrong kind of value', false],
    ['ERR Error running script: BUSY inside', false],
    ['BUSYGROUP Consumer Group name already exists', false],
  ])('%s', (message, busy) => expect(isBusy(message)).toBe(busy));
});
