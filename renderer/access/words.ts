// The words of roles and sign-in (issue 13), in one place so they move into the i18n catalogues at
// once. English only here; the screens take every sentence from this object.
export const ACCESS_WORDS = {
  signInTitle: 'Cashier sign-in',
  signInHint: 'Enter your cashier PIN to start selling.',
  pinLabel: 'PIN',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signedInAs: (name: string) => `Cashier: ${name}`,
  unlockTitle: 'Owner’s PIN',
  unlockHint: 'This is for the owner only. Enter the owner’s PIN to continue.',
  unlock: 'Unlock',
  cancel: 'Cancel',
  lock: 'Lock',
  ownerUnlocked: 'Owner unlocked',
  lockedScreen: (what: string) => `${what} are for the owner only.`,
  pinRule: 'Use 4 to 8 digits.',
  checking: 'Checking…',
  stillLocked: 'Still locked: the owner’s PIN is needed for this.',
} as const;
