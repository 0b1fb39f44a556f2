// The app's version, as the status bar, the diagnostics and the updater's logs name it (package.json's).
export const APP_VERSION = '0.1.0';
