// The browser origin the e2e services allow on the admin API (ADMIN_CORS_ORIGINS), for the CORS checks.
export const COMPAT_ADMIN_ORIGIN = 'https://admin.compat.example';
