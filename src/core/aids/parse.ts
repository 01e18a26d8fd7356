// Reading an aid file: its schema (schema.ts), then what a schema cannot see alone. Apart from model.ts so
// that the pages reading built aids do not load the schema library.
import { checkSchema, problemText } from '../schemas/check.ts';
import { AID_GROUPS, AidSchema, type Aid } from './schema.ts';

/** Validates one aid file against its schema (schema.ts), then what a schema cannot see alone: the plan named
 * in territory.json, notes for listed beneficiaries only. Every problem names the file and the field, in French. */
export function parseAid(raw: unknown, file: string, plans: Array<{ id: string }>): { aid?: Aid; problems: string[] } {
  const r = checkSchema(AidSchema, raw, AID_GROUPS);
  const problems = r.problems.map((p) =>
    p.unknownKey ? problemText(file, p) : p.path ? `${file}, champ « ${p.path} » : ${p.message}${p.message.endsWith('.') ? '' : '.'}` : `${file} : ${p.message}`,
  );
  if (!r.output) return { problems };
  const a = r.output;
  if (!plans.some((p) => p.id === a.plan)) problems.push(`${file}, champ « plan » : plan « ${a.plan} » inconnu dans territory.json (${plans.map((p) => p.id).join(', ')}).`);
  for (const b of Object.keys(a.beneficiaryNotes ?? {}))
    if (!(a.beneficiaries as string[]).includes(b)) problems.push(`${file}, champ « beneficiaryNotes.${b} » : texte attendu pour un bénéficiaire de la liste « beneficiaries ».`);
  return problems.length ? { problems } : { aid: a, problems };
}
