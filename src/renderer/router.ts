// The routes. The library is the home page for now; the other pages load on demand so the
// first paint only waits for the grid.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import LibraryView from './views/LibraryView.vue';

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'library', component: LibraryView },
  { path: '/movie/:id', name: 'movie', component: () => import('./views/MovieView.vue') },
  { path: '/series/:id', name: 'series', component: () => import('./views/ShowView.vue') },
  { path: '/settings/:section?', name: 'settings', component: () => import('./views/SettingsView.vue') },
  {
    path: '/play/:fileId',
    name: 'play',
    component: () => import('./views/PlayerView.vue'),
    meta: { fullscreen: true },
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior(_to, _from, savedPosition) {
    return savedPosition ?? { top: 0 };
  },
});
