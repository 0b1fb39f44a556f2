// The words of roles and sign-in (issue 13), read from the screens' language (renderer/i18n) at the
// moment a screen draws them.
import { t } from '../i18n/locale';

export const ACCESS_WORDS = {
  get signInTitle(): string {
    return t('access.signInTitle');
  },
  get signInHint(): string {
    return t('access.signInHint');
  },
  get pinLabel(): string {
    return t('access.pinLabel');
  },
  get signIn(): string {
    return t('access.signIn');
  },
  get signOut(): string {
    return t('access.signOut');
  },
  get unlockTitle(): string {
    return t('access.unlockTitle');
  },
  get unlockHint(): string {
    return t('access.unlockHint');
  },
  get unlock(): string {
    return t('access.unlock');
  },
  get cancel(): string {
    return t('access.cancel');
  },
  get lock(): string {
    return t('access.lock');
  },
  get ownerUnlocked(): string {
    return t('access.ownerUnlocked');
  },
  get pinRule(): string {
    return t('access.pinRule');
  },
  get checking(): string {
    return t('access.checking');
  },
  get stillLocked(): string {
    return t('access.stillLocked');
  },
  signedInAs: (name: string): string => t('access.signedInAs', { name }),
  lockedScreen: (what: string): string => t('access.lockedScreen', { what }),
};
