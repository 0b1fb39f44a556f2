// The page's Content Security Policy, one for both hosts: the Electron shell sends it on every
// app:// response, browser mode on every page and asset it serves. A header, unlike a meta tag, also
// covers frame-ancestors.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
