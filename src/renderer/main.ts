// Starts the renderer: Pinia, the router, the remote-control keys, and the app shell.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router } from './router';
import { installRemoteKeys } from './lib/remote-keys';
import './styles/tokens.css';
import './styles/base.css';

const app = createApp(App);
app.use(createPinia());
app.use(router);
installRemoteKeys(router);
app.mount('#app');
