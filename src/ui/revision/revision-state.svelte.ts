// The revision page's state: the method and the draft (edited thresholds, manual classes), the proposal and
// the rows derived from them at once, the selection shared by the map and the table, the filters.
import { createContext } from 'svelte';
import {
  adoptionBlockers, classCounts, draftRows, emptyDraft, entersAndLeaves, propose, transitionMatrix,
  type Draft, type IndicatorReader, type Method, type Override, type RevisionCommune, type Row,
} from '../../core/revision/index.ts';
import type { ZoneClass } from '../../core/zonage/model.ts';

export interface RevisionInputs {
  method: Method;
  classes: ZoneClass[];
  communes: RevisionCommune[];
  read: IndicatorReader;
  last: Map<string, string>;
  lastYear: number | null;
  lastExample: boolean;
  year: number;
  neighbours: Map<string, string[]>;
}

export interface Filters {
  changed: boolean;
  overridden: boolean;
  flagged: boolean;
  cls: string;
  epci: string;
}

export const UNDETERMINED_COLOR = '#b9b4ad';

export class RevisionState {
  readonly inputs: RevisionInputs;
  readonly classIds: string[];
  draft = $state<Draft>() as Draft;
  selected = $state<string | null>(null);
  filters = $state<Filters>({ changed: false, overridden: false, flagged: false, cls: '', epci: '' });

  constructor(inputs: RevisionInputs) {
    this.inputs = inputs;
    this.classIds = inputs.classes.map((c) => c.id);
    this.draft = emptyDraft(inputs.method, `Brouillon ${inputs.year}`, inputs.year);
  }

  get method() {
    return this.inputs.method;
  }

  label = (id: string | null): string => {
    if (!id) return '—';
    if (id === this.method.undetermined.id) return this.method.undetermined.label;
    return this.inputs.classes.find((c) => c.id === id)?.label ?? id;
  };

  color = (id: string): string => this.inputs.classes.find((c) => c.id === id)?.color ?? UNDETERMINED_COLOR;

  readonly proposals = $derived.by(() => propose(this.inputs.method, this.draft.parameters, this.inputs.communes, this.inputs.read, this.inputs.last, this.label));
  readonly rows: Row[] = $derived.by(() => draftRows(this.proposals, this.draft, this.inputs.method, this.classIds, { neighbours: this.inputs.neighbours }));
  readonly byCode = $derived.by(() => new Map(this.rows.map((r) => [r.code, r])));
  readonly counts = $derived.by(() => classCounts(this.rows, this.classIds, this.method.undetermined.id));
  readonly blockers = $derived.by(() => adoptionBlockers(this.rows, this.method));
  readonly matrix = $derived.by(() => transitionMatrix(this.rows, (r) => r.lastYear));
  readonly arsMatrix = $derived.by(() => transitionMatrix(this.rows, (r) => r.ars));
  readonly moves = $derived.by(() => entersAndLeaves(this.rows, this.classIds));
  readonly epcis = $derived.by(() => [...new Map(this.rows.filter((r) => r.epci).map((r) => [r.epci!, r.epciNom ?? r.epci!])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'fr')));

  readonly visible: Row[] = $derived.by(() => {
    const f = this.filters;
    return this.rows.filter((r) => (!f.changed || r.changed) && (!f.overridden || r.override) && (!f.flagged || r.warnings.length) && (!f.cls || r.final === f.cls) && (!f.epci || r.epci === f.epci));
  });

  param(id: string): number {
    return this.draft.parameters[id] ?? this.method.parameters.find((p) => p.id === id)!.value;
  }

  setParam(id: string, value: number) {
    if (!Number.isFinite(value)) return;
    this.draft.parameters = { ...this.draft.parameters, [id]: value };
  }

  resetParams() {
    this.draft.parameters = {};
  }

  setOverride(code: string, o: Override) {
    this.draft.overrides = { ...this.draft.overrides, [code]: o };
  }

  clearOverride(code: string) {
    const { [code]: _gone, ...rest } = this.draft.overrides;
    this.draft.overrides = rest;
  }

  /** Moves the selection by `step` among the visible rows (the table's arrow keys). */
  step(step: number) {
    const list = this.visible;
    if (!list.length) return;
    const i = list.findIndex((r) => r.code === this.selected);
    this.selected = list[Math.min(list.length - 1, Math.max(0, i < 0 ? 0 : i + step))].code;
  }
}

export const [getRevision, setRevision] = createContext<RevisionState>();
