// The engine's French: amounts in euros, profile values in words (« 61 ans », « 4 jours par semaine »), the
// field names people read, a zone's class after « en ».
import { formatInteger, formatNumber, plural } from '../format.ts';
import { IPA_TRAINING, MODES, PROFILE_FIELDS, STATUSES, type Profile } from './profile.ts';
import { POP } from './commune-words.ts';
import { lowerFirst } from '../text.ts';

const euroCache = new Map<number, string>();
export function euros(n: number): string {
  let s = euroCache.get(n);
  if (s === undefined) {
    s = `${Number.isInteger(n) ? formatInteger(n) : n.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;
    if (euroCache.size > 10_000) euroCache.clear();
    euroCache.set(n, s);
  }
  return s;
}

let conjunction: Intl.ListFormat | undefined;
/** « a, b et c » (the formatter made when first needed: an Intl formatter made as the page loads delays its first view). */
export const listAnd = (items: string[]): string => (conjunction ??= new Intl.ListFormat('fr-FR', { type: 'conjunction' })).format(items);
export const round = (n: number) => Math.round(n * 100) / 100;
export const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function show(field: string, v: unknown): string {
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (Array.isArray(v)) return v.map((x) => show(field, x)).join(', ') || 'aucune';
  const n = Number(v);
  switch (field) {
    case 'age':
      return `${formatNumber(n)} ans`;
    case 'daysPerWeek':
      return `${formatNumber(n)} ${plural(n, 'jour', 'jours')} par semaine`;
    case 'presenceShare':
      return `${formatNumber(n * 100)} %`;
    case 'yearsInNonPriorityZone':
      return `${formatNumber(n)} ${plural(n, 'an', 'ans')}`;
    case 'internshipYear':
      return n === 1 ? '1re année' : `${n}e année`;
    case 'internshipSemester':
      return n === 1 ? '1er semestre' : `${n}e semestre`;
    case 'commune.population':
      return POP; // the commune's, put back in by named()
    case 'projectCost':
    case 'housingCost':
      return euros(n);
    case 'distanceKm':
      return `${formatNumber(n)} km`;
    case 'status':
      return STATUSES.find((s) => s.id === v)?.label ?? String(v);
    case 'mode':
      return MODES.find((m) => m.id === v)?.label ?? String(v);
    case 'ipaTraining':
      return IPA_TRAINING.find((t) => t.id === v)?.label ?? String(v);
    default:
      return typeof v === 'number' ? formatNumber(v) : String(v);
  }
}

export const label = (field: string) => (field === 'commune.population' ? 'population de la commune' : (PROFILE_FIELDS[field as keyof Profile]?.label ?? field));

/** « en zone intermédiaire », « en zone d'action complémentaire (ZAC) », « hors zonage ». */
export function inZone(classLabel: string): string {
  const l = lowerFirst(classLabel);
  return l.startsWith('zone') ? `en ${l}` : l.startsWith('hors') ? l : `en zone ${l}`;
}

export const within = (months: number) => (months === 1 ? 'dans le mois suivant' : `dans les ${months} mois suivant`);
