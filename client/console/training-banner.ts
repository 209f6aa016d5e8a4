// The banner every console page carries in training mode: it says plainly that nothing here is
// real, shows the training clock, and (for a signed-in person) the "skip ahead N days" form.
import { html, type Html } from './html';
import { formatDateTime, t } from './i18n';
import { TRAINING_ROUTES } from './routes';
import { csrfField, type AnonymousView, type ConsoleView, type TrainingBanner } from './session';
import { MAX_SKIP_DAYS } from '../training/clock';

export function trainingBanner(view: ConsoleView | AnonymousView, banner: TrainingBanner): Html {
  const { lang } = view;
  const skip = view.person
    ? html`<form method="post" action="${TRAINING_ROUTES.skipAhead.path}" class="inline">
        ${csrfField(view)}
        <input type="hidden" name="back" value="${banner.back}" />
        <label for="tf-skip-days">${t(lang, 'training.skipDays')}</label>
        <input id="tf-skip-days" name="days" type="number" min="1" max="${MAX_SKIP_DAYS}" value="7" required />
        <button type="submit">${t(lang, 'training.skip')}</button>
      </form>`
    : '';
  return html`<aside class="training" role="note" aria-label="${t(lang, 'training.label')}">
    <strong>${t(lang, 'training.label')}</strong>
    <span>${t(lang, 'training.notice')}</span>
    <span class="training-clock"
      >${t(lang, 'training.clock')}:
      <time datetime="${banner.now.toISOString()}">${formatDateTime(lang, banner.now)}</time></span
    >
    ${skip}
  </aside>`;
}
