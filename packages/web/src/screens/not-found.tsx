import { Heading } from '../components/heading.tsx';
import { t } from '../strings.ts';

export function NotFound() {
  return (
    <section class="screen">
      <Heading>{t.app.notFoundTitle}</Heading>
      <p>{t.app.notFoundBody}</p>
      <a class="button" href="/">
        {t.app.goHome}
      </a>
    </section>
  );
}
