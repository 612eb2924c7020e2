// The routes. Home and the library are in the main bundle (the two first pages); the others load
// on demand.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import HomeView from './views/HomeView.vue';
import LibraryView from './views/LibraryView.vue';

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView },
  { path: '/library', name: 'library', component: LibraryView },
  { path: '/person/:id', name: 'person', component: () => import('./views/PersonView.vue') },
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
