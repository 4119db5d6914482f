import { t, term } from '../i18n';

export type UnderstandingResult = {
  category?: string;
  categoryConfidence?: number;
  needsClarification?: boolean;
  urgency?: string;
  complexity?: string;
  language?: string;
  sentiment?: { label: string; score: number };
  entities?: Record<string, string | undefined>;
  act?: string | null;
  isHumanRequest?: boolean;
};

const percent = (n: number | undefined) => (n === undefined ? '—' : `${Math.round(n * 100)} %`);

/** What the classifier made of a customer's message: category and confidence, urgency, sentiment, what it picked out. */
export function UnderstandingFacts({ value }: { value: UnderstandingResult }) {
  const entities = Object.entries(value.entities ?? {}).filter(([, v]) => v);
  return (
    <dl class="facts understanding">
      {value.category ? (
        <>
          <dt>{t('understanding.category')}</dt>
          <dd>
            {term('category', value.category)} · {percent(value.categoryConfidence)}
            {value.needsClarification ? ` · ${t('understanding.unsure')}` : ''}
          </dd>
        </>
      ) : null}
      {value.urgency ? (
        <>
          <dt>{t('understanding.urgency')}</dt>
          <dd>
            {term('urgency', value.urgency)}
            {value.complexity ? ` · ${term('complexity', value.complexity)}` : ''}
          </dd>
        </>
      ) : null}
      {value.sentiment ? (
        <>
          <dt>{t('understanding.sentiment')}</dt>
          <dd>{term('sentiment', value.sentiment.label)}</dd>
        </>
      ) : null}
      {value.language ? (
        <>
          <dt>{t('understanding.language')}</dt>
          <dd>{term('language', value.language)}</dd>
        </>
      ) : null}
      {value.act || value.isHumanRequest ? (
        <>
          <dt>{t('understanding.act')}</dt>
          <dd>{value.isHumanRequest ? term('act', 'human') : term('act', value.act ?? '')}</dd>
        </>
      ) : null}
      {entities.map(([key, v]) => (
        <>
          <dt key={`k-${key}`}>{term('entity', key)}</dt>
          <dd key={`v-${key}`}>{v}</dd>
        </>
      ))}
    </dl>
  );
}
