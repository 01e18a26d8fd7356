// First: the territory's files are asked for before the rest of the code is evaluated.
import './ui/app/early-data.ts';
import { mount } from 'svelte';
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/map/maplibre-worker.ts';
import './ui/app/app.css';
import App from './ui/app/App.svelte';

mount(App, { target: document.getElementById('app')! });
