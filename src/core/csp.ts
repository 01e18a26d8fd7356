// The site's security policy, built from the configured origins (VITE_BASEMAP_URL, VITE_TILES_URL,
// VITE_PHOTO_ORIGINS): each must be exactly https://host[:port], so that a wildcard, a quote or a « ; »
// cannot widen the policy or add a directive; the build fails naming the variable otherwise. The same
// policy goes in a <meta> tag (for any host) and in `_headers` (HTTP headers, also applied to the workers'
// scripts, with frame-ancestors, which a <meta> cannot carry).

export class PolicyError extends Error {}

const ORIGIN = /^https:\/\/[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;

/** The origin of a configured address, checked; '' when none is configured. */
export function configuredOrigin(variable: string, value: string | undefined, o: { relativeAllowed?: boolean } = {}): string {
  const v = (value ?? '').trim();
  if (!v) return '';
  if (o.relativeAllowed && !/^[a-z][a-z0-9+.-]*:/i.test(v) && !v.startsWith('//')) {
    if (/[\s;'"*]/.test(v)) throw new PolicyError(`${variable} « ${v} » : caractère interdit (espace, « ; », guillemet ou « * »).`);
    return ''; // same origin: 'self' covers it
  }
  let origin: string;
  try {
    // {z}/{x}/{y} placeholders of a tile address are not part of the origin
    origin = new URL(v.replace(/\{[a-z]\}/g, '0')).origin;
  } catch {
    throw new PolicyError(`${variable} « ${v} » n'est pas une adresse (attendu https://hôte[:port]/…).`);
  }
  const host = v.replace(/^https:\/\//i, '').split(/[/?#]/)[0].toLowerCase();
  if (!ORIGIN.test(origin) || origin !== `https://${host}`) throw new PolicyError(`${variable} « ${v} » : seule une origine https://hôte[:port] est acceptée (pas de « * », de guillemet, de « ; », d'identifiant ni d'autre protocole).`);
  return origin;
}

/** VITE_PHOTO_ORIGINS: origins separated by spaces or commas, each checked. */
export function configuredOrigins(variable: string, value: string | undefined): string[] {
  return [...new Set((value ?? '').split(/[\s,]+/).filter(Boolean).map((t) => configuredOrigin(variable, t.replace(/\/$/, ''))))];
}

export interface PolicyOrigins {
  basemap: string;
  tiles: string;
  photos: string[];
}

export function policyOrigins(env: Record<string, string | undefined>): PolicyOrigins {
  return {
    basemap: configuredOrigin('VITE_BASEMAP_URL', env.VITE_BASEMAP_URL),
    tiles: configuredOrigin('VITE_TILES_URL', env.VITE_TILES_URL, { relativeAllowed: true }),
    photos: configuredOrigins('VITE_PHOTO_ORIGINS', env.VITE_PHOTO_ORIGINS),
  };
}

/** The policy's directives (no 'unsafe-eval', no inline script). `header` adds what only a header can carry. */
export function contentSecurityPolicy(o: PolicyOrigins, header = false): string {
  const list = (...xs: string[]) => [...new Set(xs.filter(Boolean))].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${list("'self'", 'data:', 'blob:', o.basemap, ...o.photos)}`,
    `connect-src ${list("'self'", o.basemap, o.tiles)}`,
    "worker-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    ...(header ? ["frame-ancestors 'none'"] : []),
  ].join('; ');
}

/** The `_headers` file of static hosts (Netlify, Cloudflare Pages…): every path, workers included. */
export function headersFile(o: PolicyOrigins): string {
  return [
    '/*',
    `  Content-Security-Policy: ${contentSecurityPolicy(o, true)}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: no-referrer',
    '  X-Frame-Options: DENY',
    '  Permissions-Policy: camera=(), microphone=(), geolocation=()',
    '',
  ].join('\n');
}
