import { mount } from 'svelte';
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/maplibre-worker.ts';
import './ui/app.css';
import App from './ui/App.svelte';

mount(App, { target: document.getElementById('app')! });
