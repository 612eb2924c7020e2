// Keeps the window title in step with the page ("Heat – Media Centre").
import { onBeforeUnmount, watchEffect } from 'vue';

const APP_NAME = 'Media Centre';

export function useDocumentTitle(title: () => string | null | undefined): void {
  watchEffect(() => {
    const text = title();
    document.title = text ? `${text} – ${APP_NAME}` : APP_NAME;
  });
  onBeforeUnmount(() => {
    document.title = APP_NAME;
  });
}
