// A territory is data (data/territories/<id>/territory.json): adding one is adding a folder.

export type CommuneSelection = { departement: string } | { epci: string };

export interface Plan {
  id: string;
  title: string;
  reference: string;
  validFrom: string;
  validUntil?: string;
  source: string;
  /** What the plan says of combining its aids (« les aides sont cumulables entre elles »). */
  cumulation?: { all: boolean; quote: string };
}

export interface Territory {
  id: string;
  name: string;
  kind: string;
  selection: CommuneSelection;
  outlineLabel: string;
  authority: { name: string; url?: string };
  /** Where communes send their offers (fiche 16: guichet unique); `example` when not a real address. */
  guichet?: { name: string; email: string; example: boolean };
  plans: Plan[];
}

export class TerritoryError extends Error {}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function text(value: unknown, field: string, file: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TerritoryError(`${file} : le champ « ${field} » doit être un texte non vide.`);
  }
  return value;
}

function cumulation(raw: unknown, field: string, file: string): { all: boolean; quote: string } {
  const c = raw as { all?: unknown; quote?: unknown };
  if (typeof c?.all !== 'boolean') throw new TerritoryError(`${file} : ${field}.all doit valoir true ou false.`);
  return { all: c.all, quote: text(c.quote, `${field}.quote`, file) };
}

/** Validates a territory definition read from JSON; `file` names it in messages. */
export function parseTerritory(raw: unknown, file: string): Territory {
  if (typeof raw !== 'object' || raw === null) throw new TerritoryError(`${file} : objet JSON attendu.`);
  const r = raw as Record<string, unknown>;
  const id = text(r.id, 'id', file);
  if (!ID.test(id)) throw new TerritoryError(`${file} : l'identifiant « ${id} » doit être en minuscules, chiffres et tirets.`);
  const sel = r.selection as Record<string, unknown> | undefined;
  let selection: CommuneSelection;
  if (sel && typeof sel.departement === 'string' && /^(\d{2,3}|2A|2B)$/.test(sel.departement)) {
    selection = { departement: sel.departement };
  } else if (sel && typeof sel.epci === 'string' && /^\d{9}$/.test(sel.epci)) {
    selection = { epci: sel.epci };
  } else {
    throw new TerritoryError(`${file} : « selection » doit être { "departement": "17" } ou { "epci": "<SIREN à 9 chiffres>" }.`);
  }
  const authority = r.authority as Record<string, unknown> | undefined;
  if (!Array.isArray(r.plans)) throw new TerritoryError(`${file} : « plans » doit être une liste.`);
  const plans = r.plans.map((p: Record<string, unknown>, i: number): Plan => {
    const where = `plans[${i}]`;
    const validFrom = text(p.validFrom, `${where}.validFrom`, file);
    if (!DATE.test(validFrom)) throw new TerritoryError(`${file} : ${where}.validFrom doit être une date AAAA-MM-JJ.`);
    if (p.validUntil !== undefined && !DATE.test(String(p.validUntil))) {
      throw new TerritoryError(`${file} : ${where}.validUntil doit être une date AAAA-MM-JJ.`);
    }
    return {
      id: text(p.id, `${where}.id`, file),
      title: text(p.title, `${where}.title`, file),
      reference: text(p.reference, `${where}.reference`, file),
      validFrom,
      ...(p.validUntil !== undefined ? { validUntil: String(p.validUntil) } : {}),
      source: text(p.source, `${where}.source`, file),
      ...(p.cumulation !== undefined ? { cumulation: cumulation(p.cumulation, `${where}.cumulation`, file) } : {}),
    };
  });
  return {
    id,
    name: text(r.name, 'name', file),
    kind: text(r.kind, 'kind', file),
    selection,
    outlineLabel: text(r.outlineLabel, 'outlineLabel', file),
    authority: {
      name: text(authority?.name, 'authority.name', file),
      ...(typeof authority?.url === 'string' ? { url: authority.url } : {}),
    },
    ...(r.guichet !== undefined ? { guichet: guichet(r.guichet, file) } : {}),
    plans,
  };
}

function guichet(raw: unknown, file: string): NonNullable<Territory['guichet']> {
  const g = raw as Record<string, unknown>;
  const email = text(g?.email, 'guichet.email', file);
  if (!/^[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}$/i.test(email)) throw new TerritoryError(`${file} : guichet.email « ${email} » n'est pas une adresse e-mail.`);
  return { name: text(g.name, 'guichet.name', file), email, example: g.example === true };
}

/** Territories sorted by name, with duplicate ids rejected. */
export function parseTerritories(entries: Array<[file: string, raw: unknown]>): Territory[] {
  const list = entries.map(([file, raw]) => parseTerritory(raw, file));
  const seen = new Set<string>();
  for (const t of list) {
    if (seen.has(t.id)) throw new TerritoryError(`Deux territoires portent l'identifiant « ${t.id} ».`);
    seen.add(t.id);
  }
  return list.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
