/**
 * Node has no localStorage, and the store binds to it when its module loads. Tests install this
 * first: `await vi.hoisted(async () => (await import('@/lib/stores/testing')).installMemoryStorage())`.
 */
export function installMemoryStorage(): void {
  const data = new Map<string, string>();
  const storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
  Object.assign(globalThis, { localStorage: storage });
}
