// The professions the data may carry: stable ids used in every output, and their French labels.
export const PROFESSIONS = [
  { id: 'medecin-generaliste', label: 'Médecin généraliste' },
  { id: 'chirurgien-dentiste', label: 'Chirurgien-dentiste' },
  { id: 'masseur-kinesitherapeute', label: 'Masseur-kinésithérapeute' },
  { id: 'infirmier', label: 'Infirmier' },
  { id: 'sage-femme', label: 'Sage-femme' },
  { id: 'orthophoniste', label: 'Orthophoniste' },
] as const;

export type ProfessionId = (typeof PROFESSIONS)[number]['id'];

export const professionLabel = (id: string): string => PROFESSIONS.find((p) => p.id === id)?.label ?? id;
