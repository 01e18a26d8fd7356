// The states handed down by context, so that pages and panels read them without prop chains.
import { createContext } from 'svelte';
import type { AppState } from './app-state.svelte.ts';
import type { MapState } from '../map/map-state.svelte.ts';

export const [getApp, setApp] = createContext<AppState>();
export const [getMap, setMap] = createContext<MapState>();
