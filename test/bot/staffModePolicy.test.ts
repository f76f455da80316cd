import { StaffModePolicy } from '../../src/bot/staffModePolicy';

describe('StaffModePolicy', () => {
  const local = new StaffModePolicy({ localMode: true, staffUserIds: [] });
  const hosted = new StaffModePolicy({ localMode: false, staffUserIds: ['29:staff', 'aad-staff'] });

  it.each([
    ['local mode, the Emulator', local, { channelId: 'emulator', from: { id: 'anyone', name: 'x' } }, true],
    ['local mode, the web chat page', local, { channelId: 'directline', from: { id: 'anyone', name: 'x' } }, false],
    ['hosted, web chat, even a listed id', hosted, { channelId: 'webchat', from: { id: '29:staff', name: 'x' } }, false],
    ['hosted, Teams, listed', hosted, { channelId: 'msteams', from: { id: '29:staff', name: 'x' } }, true],
    ['hosted, Teams, listed by Entra object id', hosted, { channelId: 'msteams', from: { id: '29:other', name: 'x', aadObjectId: 'aad-staff' } }, true],
    ['hosted, Teams, not listed', hosted, { channelId: 'msteams', from: { id: '29:other', name: 'x' } }, false],
    ['hosted, another channel', hosted, { channelId: 'emulator', from: { id: '29:staff', name: 'x' } }, false],
  ])('%s', (_name, policy, activity, allowed) => {
    expect(policy.allows(activity)).toBe(allowed);
  });

  it('in local mode, allows staff mode only to a caller on this machine', () => {
    const emulator = { channelId: 'emulator', from: { id: 'anyone', name: 'x' } };
    expect(local.allows(emulator, true)).toBe(true);
    expect(local.allows(emulator, false)).toBe(false);
  });
});
